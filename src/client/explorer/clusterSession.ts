/**
 * One connected context: four informers (nodes, pods in all namespaces, node Leases, node Events)
 * feeding one ClusterStore, and the connection state derived from them. vscode-free and
 * client-node-free: the transport is injected (src/client/k8s in the extension and the
 * integration tests, an in-memory fake in unit tests and benchmarks).
 */
import { LEASE_NAMESPACE } from '../../shared/cluster/model';
import type { ApiFailure } from './apiFailure';
import { Backoff } from './backoff';
import { ClusterStore, type ResourceKind, projectors } from './clusterStore';
import { type ConnectionProblem, type ConnectionState, describeFailure } from './connectionState';
import { Informer, type InformerStatus } from './informer';
import type { KubeTransport, ResourceSpec } from './transport';

export const RESOURCE_SPECS: Record<ResourceKind, ResourceSpec> = {
  nodes: { name: 'nodes', path: '/api/v1/nodes', rbacResource: 'nodes' },
  pods: { name: 'pods', path: '/api/v1/pods', rbacResource: 'pods' },
  leases: {
    name: 'leases',
    path: `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases`,
    rbacResource: 'leases.coordination.k8s.io',
    namespace: LEASE_NAMESPACE,
  },
  nodeEvents: {
    name: 'nodeEvents',
    path: '/api/v1/events',
    rbacResource: 'events',
    fieldSelector: 'involvedObject.kind=Node',
  },
};

/** The explorer works without these; a 403 on them becomes a note, not a blank view. */
const OPTIONAL: ReadonlySet<ResourceKind> = new Set(['leases', 'nodeEvents']);

export interface SessionState {
  state: ConnectionState;
  /** The blocking problem, when state is a failure. */
  problem?: ConnectionProblem;
  /** Non-blocking problems (e.g. events forbidden, or a reconnect in progress while data is shown). */
  notes: string[];
}

export interface ClusterSessionOptions {
  transport: KubeTransport;
  contextName: string;
  store?: ClusterStore;
  pageLimit?: number;
  onState?: (state: SessionState) => void;
  backoff?: () => Backoff;
  minWatchMs?: number;
}

export class ClusterSession {
  readonly store: ClusterStore;
  private readonly informers = new Map<ResourceKind, Informer<unknown>>();
  private readonly statuses = new Map<ResourceKind, InformerStatus>();
  private lastState: SessionState = { state: 'connecting', notes: [] };

  constructor(private readonly o: ClusterSessionOptions) {
    this.store = o.store ?? new ClusterStore();
    for (const kind of Object.keys(RESOURCE_SPECS) as ResourceKind[]) {
      const informer = new Informer<unknown>({
        spec: RESOURCE_SPECS[kind],
        transport: o.transport,
        project: projectors[kind].project,
        keyOf: projectors[kind].keyOf,
        sink: this.store.sinkForKind(kind),
        pageLimit: o.pageLimit,
        backoff: o.backoff?.(),
        minWatchMs: o.minWatchMs,
        onStatus: (status) => this.onInformerStatus(kind, status),
      });
      this.informers.set(kind, informer);
    }
  }

  get contextName(): string {
    return this.o.contextName;
  }

  get state(): SessionState {
    return this.lastState;
  }

  start(): void {
    for (const informer of this.informers.values()) {
      informer.start();
    }
  }

  /** The Refresh command: relist everything (reconciles whatever a watch may have missed). */
  relist(): void {
    for (const informer of this.informers.values()) {
      informer.relist();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
    this.store.dispose();
  }

  informerStatus(kind: ResourceKind): InformerStatus | undefined {
    return this.statuses.get(kind);
  }

  private onInformerStatus(kind: ResourceKind, status: InformerStatus): void {
    this.statuses.set(kind, status);
    if (OPTIONAL.has(kind) && status.failure?.status === 403 && !this.store.unavailable.has(kind)) {
      this.store.markUnavailable(kind);
    }
    const next = this.computeState();
    if (!sameState(next, this.lastState)) {
      this.lastState = next;
      this.o.onState?.(next);
    }
  }

  private computeState(): SessionState {
    const notes: string[] = [];
    let blocking: ApiFailure | undefined;
    for (const kind of ['nodes', 'pods'] as const) {
      const failure = this.statuses.get(kind)?.failure;
      if (failure && !blocking) {
        blocking = failure;
      }
    }
    for (const kind of OPTIONAL) {
      const failure = this.statuses.get(kind)?.failure;
      if (failure && failure !== blocking) {
        const problem = describeFailure(failure, this.o.contextName);
        notes.push(
          failure.status === 403
            ? `${problem.message} ${kind === 'leases' ? 'Heartbeat ages are not shown.' : 'Node events are not shown.'}`
            : `${RESOURCE_SPECS[kind].name}: ${problem.message}`,
        );
      }
    }
    const haveData = this.statuses.get('nodes')?.synced === true;
    if (blocking) {
      const problem = describeFailure(blocking, this.o.contextName);
      if (haveData) {
        // Keep showing the cached tree, flagged as possibly stale, while the informers retry.
        notes.unshift(`Showing cached data: ${problem.message} Retrying…`);
      }
      return { state: problem.state, problem, notes };
    }
    return { state: this.store.complete ? 'connected' : 'connecting', notes };
  }
}

function sameState(a: SessionState, b: SessionState): boolean {
  return (
    a.state === b.state &&
    a.problem?.message === b.problem?.message &&
    a.notes.length === b.notes.length &&
    a.notes.every((n, i) => n === b.notes[i])
  );
}
