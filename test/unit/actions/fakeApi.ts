/** A scripted ClusterApi for the action executors: answers from queues, records every call. */
import type { ClusterApi } from '../../../src/shared/cluster/clusterApi';
import type { NodeInfo, PodInfo } from '../../../src/shared/cluster/model';
import { err, ok, type ApiError, type Result } from '../../../src/shared/result';

type Answers = { [K in keyof ClusterApi]?: Result<unknown>[] };

export class ScriptedApi implements ClusterApi {
  readonly calls: { method: keyof ClusterApi; args: unknown[] }[] = [];
  constructor(private readonly answers: Answers) {}

  private next<T>(method: keyof ClusterApi, args: unknown[]): Result<T> {
    this.calls.push({ method, args });
    const queue = this.answers[method];
    const answer = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (!answer) {
      throw new Error(`unexpected call ${method}`);
    }
    return answer as Result<T>;
  }

  getNode = async (...args: unknown[]) => this.next<NodeInfo>('getNode', args);
  patchNodeUnschedulable = async (...args: unknown[]) => this.next<NodeInfo>('patchNodeUnschedulable', args);
  deleteNode = async (...args: unknown[]) => this.next<void>('deleteNode', args);
  getPod = async (...args: unknown[]) => this.next<PodInfo>('getPod', args);
  listPodsOnNode = async (...args: unknown[]) => this.next<PodInfo[]>('listPodsOnNode', args);
  listPdbs = async (...args: unknown[]) => this.next<never[]>('listPdbs', args);
  daemonSetExists = async (...args: unknown[]) => this.next<boolean>('daemonSetExists', args);
  evictPod = async (...args: unknown[]) => this.next<void>('evictPod', args);
  deletePod = async (...args: unknown[]) => this.next<void>('deletePod', args);
  patchPodFinalizers = async (...args: unknown[]) => this.next<PodInfo>('patchPodFinalizers', args);
  checkAccess = async (...args: unknown[]) => this.next<{ allowed: boolean }>('checkAccess', args);

  count(method: keyof ClusterApi): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

export const apiError = (
  kind: ApiError['kind'],
  status: number,
  message: string,
  extra: Partial<ApiError> = {},
): Result<never> => err({ kind, status, message, ...extra });
export { ok };
