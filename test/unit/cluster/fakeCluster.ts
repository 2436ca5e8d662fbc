/* eslint-disable @typescript-eslint/no-explicit-any -- an in-memory fake: stored objects are raw JSON it mutates */
/**
 * Test doubles for the drain runner: an in-memory ClusterApi with the eviction subresource's PDB
 * rules, graceful deletion and per-pod kubelet behaviour, and a virtual clock that advances only
 * when every task is waiting on a timer (no real sleeps).
 */
import type { AccessDecision, ClusterApi, JsonPatchOperation } from '../../../src/shared/cluster/clusterApi';
import { selectorMatches } from '../../../src/shared/cluster/labelSelector';
import {
  podKey,
  podKeyOf,
  type NodeInfo,
  type PdbInfo,
  type PodInfo,
  type PodRef,
} from '../../../src/shared/cluster/model';
import { err, ok, type ApiError, type Result } from '../../../src/shared/result';

/** Stored objects are plain JSON the fake mutates freely. */
type Stored = Record<string, any>;

export class VirtualClock {
  private timers: { at: number; resolve: () => void }[] = [];
  constructor(public nowMs: number) {}

  readonly now = (): number => this.nowMs;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) {
        return resolve();
      }
      const timer = { at: this.nowMs + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** Runs `fn` at virtual time `at`. */
  at(at: number, fn: () => void): void {
    this.timers.push({ at, resolve: fn });
  }

  /** Drives `promise` to completion, jumping to the next timer whenever everything is idle. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    let value: T | undefined;
    let failure: unknown;
    let failed = false;
    promise.then(
      (v) => ((done = true), (value = v)),
      (e) => ((done = true), (failed = true), (failure = e)),
    );
    for (let steps = 0; steps < 1_000_000; steps++) {
      await new Promise((r) => setImmediate(r));
      if (done) {
        if (failed) {
          throw failure;
        }
        return value as T;
      }
      if (this.timers.length === 0) {
        throw new Error('deadlock: nothing scheduled and the promise is pending');
      }
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0].at;
      this.nowMs = Math.max(this.nowMs, next);
      const due = this.timers.filter((t) => t.at <= this.nowMs);
      this.timers = this.timers.filter((t) => t.at > this.nowMs);
      for (const t of due) {
        t.resolve();
      }
    }
    throw new Error('virtual clock: too many steps');
  }
}

/** What the pod's kubelet does after the pod is deleted. */
export interface KubeletBehaviour {
  /** confirm: the pod goes away after `polls` GETs; never: stays Terminating (node down); recreate: same name, new UID. */
  readonly kind: 'confirm' | 'never' | 'recreate';
  readonly polls?: number;
}

export interface Call {
  readonly method: string;
  readonly target: string;
  readonly at: number;
  readonly args?: unknown;
}

export class FakeCluster implements ClusterApi {
  readonly nodes = new Map<string, Stored>();
  readonly pods = new Map<string, Stored>();
  readonly pdbs: Stored[] = [];
  readonly daemonSets = new Set<string>();
  readonly kubelet = new Map<string, KubeletBehaviour>();
  /** Errors to return, per `method target`, consumed first in first out. */
  readonly injected = new Map<string, ApiError[]>();
  /** PDB name → number of 429s after which the budget frees one disruption. */
  readonly unblockAfter = new Map<string, number>();
  readonly calls: Call[] = [];
  private readonly pollsSinceDelete = new Map<string, number>();
  private refusals = new Map<string, number>();
  private uidCounter = 0;

  constructor(
    private readonly clock: VirtualClock,
    init: { nodes?: unknown[]; pods?: unknown[]; pdbs?: unknown[]; daemonSets?: string[] } = {},
  ) {
    for (const n of init.nodes ?? []) {
      this.nodes.set((n as NodeInfo).metadata!.name!, structuredClone(n) as Stored);
    }
    for (const p of init.pods ?? []) {
      this.pods.set(podKeyOf(p as PodInfo), structuredClone(p) as Stored);
    }
    for (const b of init.pdbs ?? []) {
      this.pdbs.push(structuredClone(b) as Stored);
    }
    for (const d of init.daemonSets ?? []) {
      this.daemonSets.add(d);
    }
  }

  inject(method: string, target: string, ...errors: ApiError[]): void {
    this.injected.set(`${method} ${target}`, [
      ...(this.injected.get(`${method} ${target}`) ?? []),
      ...errors,
    ]);
  }

  private record(method: string, target: string, args?: unknown): ApiError | undefined {
    this.calls.push({ method, target, at: this.clock.nowMs, ...(args !== undefined ? { args } : {}) });
    const queue = this.injected.get(`${method} ${target}`);
    return queue && queue.length > 0 ? queue.shift() : undefined;
  }

  private notFound(ref: PodRef): Result<never> {
    return err({
      kind: 'notFound',
      status: 404,
      reason: 'NotFound',
      message: `pods "${ref.name}" not found`,
    });
  }

  async getNode(name: string): Promise<Result<NodeInfo>> {
    const injected = this.record('getNode', name);
    if (injected) {
      return err(injected);
    }
    const node = this.nodes.get(name);
    return node
      ? ok(structuredClone(node))
      : err({ kind: 'notFound', status: 404, message: `nodes "${name}" not found` });
  }

  async patchNodeUnschedulable(name: string, unschedulable: boolean): Promise<Result<NodeInfo>> {
    const injected = this.record('patchNodeUnschedulable', name, unschedulable);
    if (injected) {
      return err(injected);
    }
    const node = this.nodes.get(name);
    if (!node) {
      return err({ kind: 'notFound', status: 404, message: `nodes "${name}" not found` });
    }
    node.spec = { ...(node.spec ?? {}), unschedulable: unschedulable ? true : undefined };
    return ok(structuredClone(node));
  }

  async deleteNode(name: string): Promise<Result<void>> {
    const injected = this.record('deleteNode', name);
    if (injected) {
      return err(injected);
    }
    return this.nodes.delete(name)
      ? ok()
      : err({ kind: 'notFound', status: 404, message: `nodes "${name}" not found` });
  }

  async getPod(ref: PodRef): Promise<Result<PodInfo>> {
    const key = podKey(ref);
    const injected = this.record('getPod', key);
    if (injected) {
      return err(injected);
    }
    this.kubeletTick(key);
    const pod = this.pods.get(key);
    return pod ? ok(structuredClone(pod)) : this.notFound(ref);
  }

  async listPodsOnNode(node: string): Promise<Result<PodInfo[]>> {
    const injected = this.record('listPodsOnNode', node);
    if (injected) {
      return err(injected);
    }
    return ok(
      [...this.pods.values()].filter((p) => p.spec?.nodeName === node).map((p) => structuredClone(p)),
    );
  }

  async listPdbs(): Promise<Result<PdbInfo[]>> {
    const injected = this.record('listPdbs', '*');
    if (injected) {
      return err(injected);
    }
    return ok(this.pdbs.map((b) => structuredClone(b)));
  }

  async daemonSetExists(namespace: string, name: string): Promise<Result<boolean>> {
    const injected = this.record('daemonSetExists', `${namespace}/${name}`);
    if (injected) {
      return err(injected);
    }
    return ok(this.daemonSets.has(`${namespace}/${name}`));
  }

  async evictPod(ref: PodRef, opts: { gracePeriodSeconds?: number } = {}): Promise<Result<void>> {
    const key = podKey(ref);
    const injected = this.record('evictPod', key, opts.gracePeriodSeconds);
    if (injected) {
      return err(injected);
    }
    const pod = this.pods.get(key);
    if (!pod) {
      return this.notFound(ref);
    }
    const phase = pod.status?.phase;
    // The eviction subresource skips PDBs for finished, pending and deleting pods.
    if (!(
      phase === 'Succeeded' ||
      phase === 'Failed' ||
      phase === 'Pending' ||
      pod.metadata?.deletionTimestamp
    )) {
      const covering = this.pdbs.filter(
        (b) =>
          b.metadata?.namespace === pod.metadata?.namespace &&
          selectorMatches(pod.metadata?.labels, b.spec?.selector),
      );
      if (covering.length > 1) {
        return err({
          kind: 'serverError',
          status: 500,
          reason: 'InternalError',
          message:
            'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
        });
      }
      if (covering.length === 1) {
        const pdb = covering[0];
        const name = pdb.metadata!.name!;
        if ((pdb.status.disruptionsAllowed ?? 0) <= 0) {
          const refused = (this.refusals.get(name) ?? 0) + 1;
          this.refusals.set(name, refused);
          if (refused >= (this.unblockAfter.get(name) ?? Infinity)) {
            pdb.status.disruptionsAllowed = 1;
          }
          return err({
            kind: 'tooManyRequests',
            status: 429,
            reason: 'TooManyRequests',
            message: "Cannot evict pod as it would violate the pod's disruption budget.",
            causes: [
              {
                reason: 'DisruptionBudget',
                message: `The disruption budget ${name} needs ${pdb.status.desiredHealthy} healthy pods and has ${pdb.status.currentHealthy} currently`,
              },
            ],
          });
        }
        pdb.status.disruptionsAllowed = (pdb.status.disruptionsAllowed ?? 0) - 1;
      }
    }
    this.markDeleted(key, opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    return ok();
  }

  async deletePod(
    ref: PodRef,
    opts: { gracePeriodSeconds?: number; uid?: string } = {},
  ): Promise<Result<void>> {
    const key = podKey(ref);
    const injected = this.record('deletePod', key, opts);
    if (injected) {
      return err(injected);
    }
    const pod = this.pods.get(key);
    if (!pod) {
      return this.notFound(ref);
    }
    if (opts.uid && pod.metadata?.uid !== opts.uid) {
      return err({
        kind: 'conflict',
        status: 409,
        message: `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${pod.metadata?.uid}`,
      });
    }
    this.markDeleted(key, opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
    return ok();
  }

  async patchPodFinalizers(ref: PodRef, operations: readonly JsonPatchOperation[]): Promise<Result<PodInfo>> {
    const key = podKey(ref);
    const injected = this.record('patchPodFinalizers', key, operations);
    if (injected) {
      return err(injected);
    }
    const pod = this.pods.get(key);
    if (!pod) {
      return this.notFound(ref);
    }
    return ok(structuredClone(pod));
  }

  async checkAccess(): Promise<Result<AccessDecision>> {
    this.record('checkAccess', '*');
    return ok({ allowed: true });
  }

  private markDeleted(key: string, grace: number): void {
    const pod = this.pods.get(key)!;
    const behaviour = this.kubelet.get(key) ?? { kind: 'confirm', polls: 0 };
    if (behaviour.kind === 'confirm' && (behaviour.polls ?? 0) === 0 && grace === 0) {
      this.pods.delete(key);
      return;
    }
    if (!pod.metadata.deletionTimestamp) {
      pod.metadata.deletionTimestamp = new Date(this.clock.nowMs + grace * 1000).toISOString();
      pod.metadata.deletionGracePeriodSeconds = grace;
    }
    this.pollsSinceDelete.set(key, 0);
    if (behaviour.kind === 'confirm' && (behaviour.polls ?? 0) === 0) {
      this.pods.delete(key);
    }
  }

  /** Advances the simulated kubelet of a deleted pod by one GET. */
  private kubeletTick(key: string): void {
    const pod = this.pods.get(key);
    if (!pod?.metadata?.deletionTimestamp) {
      return;
    }
    const behaviour = this.kubelet.get(key) ?? { kind: 'confirm', polls: 0 };
    const polls = (this.pollsSinceDelete.get(key) ?? 0) + 1;
    this.pollsSinceDelete.set(key, polls);
    if (polls < (behaviour.polls ?? 0) || behaviour.kind === 'never') {
      return;
    }
    if (behaviour.kind === 'confirm') {
      this.pods.delete(key);
    }
    if (behaviour.kind === 'recreate') {
      const fresh = structuredClone(pod);
      delete fresh.metadata.deletionTimestamp;
      delete fresh.metadata.deletionGracePeriodSeconds;
      fresh.metadata.uid = `recreated-${++this.uidCounter}`;
      this.pods.set(key, fresh);
      this.pollsSinceDelete.delete(key);
    }
  }
}
