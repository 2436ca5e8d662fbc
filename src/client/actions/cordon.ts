/**
 * Cordon and uncordon with kubectl's semantics (pkg/drain/cordon.go): read the node; if
 * `spec.unschedulable` already has the wanted value, send nothing and say
 * `node/<n> already cordoned`; otherwise send the strategic merge patch kubectl sends. A cordon
 * patch carries no resourceVersion, so it cannot conflict; a 409 from an admission webhook is
 * still retried. vscode-free: the command and the parity suite both call this.
 */
import type { ClusterApi } from '../../shared/cluster/clusterApi';
import { type ApiError, describeApiError } from '../../shared/result';
import { retryOnConflict } from './conflictRetry';

export type CordonOutcome =
  | { readonly node: string; readonly status: 'changed'; readonly message: string }
  | { readonly node: string; readonly status: 'already'; readonly message: string }
  | { readonly node: string; readonly status: 'failed'; readonly message: string; readonly error: ApiError };

/**
 * @example await setUnschedulable(api, 'n1', true) // { node: 'n1', status: 'changed', message: 'node/n1 cordoned' }
 */
export async function setUnschedulable(
  api: ClusterApi,
  node: string,
  unschedulable: boolean,
  o: { dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<CordonOutcome> {
  const verb = unschedulable ? 'cordon' : 'uncordon';
  const suffix = o.dryRun ? ' (server dry run)' : '';
  const current = await api.getNode(node, o.signal);
  if (!current.ok) {
    return failed(node, verb, current.error);
  }
  if ((current.value.spec?.unschedulable === true) === unschedulable) {
    return { node, status: 'already', message: `node/${node} already ${verb}ed` };
  }
  const patched = await retryOnConflict(
    () => api.patchNodeUnschedulable(node, unschedulable, { dryRun: o.dryRun, signal: o.signal }),
    { attempts: 3 },
  );
  if (!patched.ok) {
    return failed(node, verb, patched.error);
  }
  return { node, status: 'changed', message: `node/${node} ${verb}ed${suffix}` };
}

/** Cordons or uncordons several nodes, a few at a time, in the given order of results. */
export async function setUnschedulableMany(
  api: ClusterApi,
  nodes: readonly string[],
  unschedulable: boolean,
  o: {
    dryRun?: boolean;
    signal?: AbortSignal;
    concurrency?: number;
    onOutcome?: (outcome: CordonOutcome) => void;
  } = {},
): Promise<CordonOutcome[]> {
  const results: CordonOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < nodes.length) {
      const i = next++;
      results[i] = await setUnschedulable(api, nodes[i], unschedulable, o);
      o.onOutcome?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 8, nodes.length) }, worker));
  return results;
}

function failed(node: string, verb: string, error: ApiError): CordonOutcome {
  // kubectl's words: error: unable to cordon node "<name>": <err>
  return {
    node,
    status: 'failed',
    message: `unable to ${verb} node "${node}": ${error.kind === 'network' || error.kind === 'timeout' || error.kind === 'tls' ? describeApiError(error) : error.message}`,
    error,
  };
}
