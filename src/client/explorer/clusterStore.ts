/**
 * The explorer's cache: projected nodes, pods, node Leases and node Events for one context, with
 * pods indexed by node. Informers write into it through `sinkFor(kind)`; readers get a coalesced
 * `StoreChange` naming which nodes and pods changed, at most once per window.
 *
 * Holds only the projections from src/shared/cluster/model.ts, never whole API objects.
 */
import {
  type EventInfo,
  type LeaseInfo,
  type NodeInfo,
  type PodInfo,
  podKeyOf,
  projectEvent,
  projectLease,
  projectNode,
  projectPod,
} from '../../shared/cluster/model';
import { Coalescer, type Timers, realTimers } from './coalescer';
import type { InformerSink } from './informer';

export type ResourceKind = 'nodes' | 'pods' | 'leases' | 'nodeEvents';

/** What changed since the last flush. `all` after a relist (anything may have changed). */
export interface StoreChange {
  all: boolean;
  /** Nodes whose row may look different: the node, its Lease, its Events or its pods changed. */
  nodes: ReadonlySet<string>;
  /** Pods (`namespace/name`) that were added, changed or removed. */
  pods: ReadonlySet<string>;
  /** The set of unscheduled pods changed. */
  unscheduled: boolean;
}

/** Pods not yet bound to a node are indexed under this key. */
export const UNSCHEDULED = '';

/** How many recent events to keep per node; older ones only cost memory. */
const EVENTS_PER_NODE = 20;

export class ClusterStore {
  readonly nodes = new Map<string, NodeInfo>();
  readonly pods = new Map<string, PodInfo>();
  readonly leases = new Map<string, LeaseInfo>();
  /** node name → (event key → event) */
  private readonly eventsByNode = new Map<string, Map<string, EventInfo>>();
  private readonly eventNode = new Map<string, string>();
  private readonly podsByNode = new Map<string, Set<string>>();
  private readonly podNode = new Map<string, string>();

  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyPods = new Set<string>();
  private dirtyAll = false;
  private dirtyUnscheduled = false;
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly coalescer: Coalescer;
  private readonly synced = new Set<ResourceKind>();
  private completeWaiters: (() => void)[] = [];
  /** Resources we are not allowed to read (403): the model is complete without them. */
  readonly unavailable = new Set<ResourceKind>();
  /** Counts every applied change, for benchmarks. */
  appliedChanges = 0;

  constructor(windowMs = 150, timers: Timers = realTimers) {
    this.coalescer = new Coalescer(windowMs, () => this.emit(), timers);
  }

  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  podKeysOn(nodeName: string): ReadonlySet<string> {
    return this.podsByNode.get(nodeName) ?? EMPTY;
  }

  podsOn(nodeName: string): PodInfo[] {
    const out: PodInfo[] = [];
    for (const key of this.podKeysOn(nodeName)) {
      const pod = this.pods.get(key);
      if (pod) {
        out.push(pod);
      }
    }
    return out;
  }

  unscheduledPods(): PodInfo[] {
    return this.podsOn(UNSCHEDULED);
  }

  /** Pods bound to a node name that has no Node object (the node was deleted). */
  orphanNodeNames(): string[] {
    const out: string[] = [];
    for (const [name, keys] of this.podsByNode) {
      if (name !== UNSCHEDULED && keys.size > 0 && !this.nodes.has(name)) {
        out.push(name);
      }
    }
    return out;
  }

  eventsFor(nodeName: string): EventInfo[] {
    return [...(this.eventsByNode.get(nodeName)?.values() ?? [])];
  }

  /** True once nodes and pods (and leases/events unless forbidden) have been listed completely. */
  get complete(): boolean {
    const needed: ResourceKind[] = ['nodes', 'pods', 'leases', 'nodeEvents'];
    return needed.every((k) => this.synced.has(k) || this.unavailable.has(k));
  }

  whenComplete(): Promise<void> {
    if (this.complete) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.completeWaiters.push(resolve));
  }

  markUnavailable(kind: ResourceKind): void {
    this.unavailable.add(kind);
    this.checkComplete();
  }

  /** The sink for one resource, untyped (the informer pairs it with that resource's projector). */
  sinkForKind(kind: ResourceKind): InformerSink<unknown> {
    return this.sinkFor(kind as 'nodes');
  }

  /** Sink for an informer; projections happen in the informer (see `projectors`). */
  sinkFor(kind: 'nodes'): InformerSink<NodeInfo>;
  sinkFor(kind: 'pods'): InformerSink<PodInfo>;
  sinkFor(kind: 'leases'): InformerSink<LeaseInfo>;
  sinkFor(kind: 'nodeEvents'): InformerSink<EventInfo>;
  sinkFor(
    kind: ResourceKind,
  ): InformerSink<NodeInfo> | InformerSink<PodInfo> | InformerSink<LeaseInfo> | InformerSink<EventInfo> {
    switch (kind) {
      case 'nodes':
        return {
          replace: (items: NodeInfo[]) => this.replaceNodes(items),
          upsert: (item: NodeInfo) => this.upsertNode(item),
          remove: (key: string) => this.removeNode(key),
        };
      case 'pods':
        return {
          replace: (items: PodInfo[]) => this.replacePods(items),
          upsert: (item: PodInfo) => this.upsertPod(item),
          remove: (key: string) => this.removePod(key),
        };
      case 'leases':
        return {
          replace: (items: LeaseInfo[]) => this.replaceLeases(items),
          upsert: (item: LeaseInfo) => this.upsertLease(item),
          remove: (key: string) => this.removeLease(key),
        };
      case 'nodeEvents':
        return {
          replace: (items: EventInfo[]) => this.replaceEvents(items),
          upsert: (item: EventInfo) => this.upsertEvent(item),
          remove: (key: string) => this.removeEvent(key),
        };
    }
  }

  // ---- nodes

  upsertNode(node: NodeInfo): void {
    const name = node.metadata?.name;
    if (!name) {
      return;
    }
    this.nodes.set(name, node);
    this.touchNode(name);
  }

  removeNode(name: string): void {
    if (this.nodes.delete(name)) {
      this.touchNode(name);
    }
  }

  replaceNodes(items: NodeInfo[]): void {
    const fresh = new Map<string, NodeInfo>();
    for (const n of items) {
      if (n.metadata?.name) {
        fresh.set(n.metadata.name, n);
      }
    }
    this.nodes.clear();
    for (const [k, v] of fresh) {
      this.nodes.set(k, v);
    }
    this.markSynced('nodes');
  }

  // ---- pods

  upsertPod(pod: PodInfo): void {
    const key = podKeyOf(pod);
    this.pods.set(key, pod);
    this.index(key, pod.spec?.nodeName ?? UNSCHEDULED);
    this.dirtyPods.add(key);
    this.changed();
  }

  removePod(key: string): void {
    if (!this.pods.delete(key)) {
      return;
    }
    this.unindex(key);
    this.dirtyPods.add(key);
    this.changed();
  }

  replacePods(items: PodInfo[]): void {
    this.pods.clear();
    this.podsByNode.clear();
    this.podNode.clear();
    for (const pod of items) {
      const key = podKeyOf(pod);
      this.pods.set(key, pod);
      this.index(key, pod.spec?.nodeName ?? UNSCHEDULED);
    }
    this.markSynced('pods');
  }

  private index(key: string, nodeName: string): void {
    const previous = this.podNode.get(key);
    if (previous === nodeName) {
      this.touchNode(nodeName);
      return;
    }
    if (previous !== undefined) {
      this.unindex(key);
    }
    let set = this.podsByNode.get(nodeName);
    if (!set) {
      this.podsByNode.set(nodeName, (set = new Set()));
    }
    set.add(key);
    this.podNode.set(key, nodeName);
    this.touchNode(nodeName);
  }

  private unindex(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) {
      return;
    }
    const set = this.podsByNode.get(nodeName);
    set?.delete(key);
    if (set && set.size === 0) {
      this.podsByNode.delete(nodeName);
    }
    this.podNode.delete(key);
    this.touchNode(nodeName);
  }

  // ---- leases (named after their node)

  upsertLease(lease: LeaseInfo): void {
    const name = lease.metadata?.name;
    if (!name) {
      return;
    }
    this.leases.set(name, lease);
    this.touchNode(name);
  }

  removeLease(name: string): void {
    if (this.leases.delete(name)) {
      this.touchNode(name);
    }
  }

  replaceLeases(items: LeaseInfo[]): void {
    this.leases.clear();
    for (const l of items) {
      if (l.metadata?.name) {
        this.leases.set(l.metadata.name, l);
      }
    }
    this.markSynced('leases');
  }

  // ---- node events

  upsertEvent(event: EventInfo): void {
    const key = eventKey(event);
    const nodeName = event.involvedObject?.name;
    if (!key || !nodeName) {
      return;
    }
    this.addEvent(key, nodeName, event);
    this.touchNode(nodeName);
  }

  removeEvent(key: string): void {
    const nodeName = this.eventNode.get(key);
    if (nodeName === undefined) {
      return;
    }
    this.eventsByNode.get(nodeName)?.delete(key);
    this.eventNode.delete(key);
    this.touchNode(nodeName);
  }

  replaceEvents(items: EventInfo[]): void {
    this.eventsByNode.clear();
    this.eventNode.clear();
    for (const e of items) {
      const key = eventKey(e);
      const nodeName = e.involvedObject?.name;
      if (key && nodeName) {
        this.addEvent(key, nodeName, e);
      }
    }
    this.markSynced('nodeEvents');
  }

  private addEvent(key: string, nodeName: string, event: EventInfo): void {
    let events = this.eventsByNode.get(nodeName);
    if (!events) {
      this.eventsByNode.set(nodeName, (events = new Map<string, EventInfo>()));
    }
    events.delete(key); // re-insert so iteration order is arrival order
    events.set(key, event);
    this.eventNode.set(key, nodeName);
    if (events.size > EVENTS_PER_NODE) {
      const oldest = events.keys().next().value as string;
      events.delete(oldest);
      this.eventNode.delete(oldest);
    }
  }

  // ---- change notification

  private touchNode(name: string): void {
    if (name === UNSCHEDULED) {
      this.dirtyUnscheduled = true;
    } else {
      this.dirtyNodes.add(name);
    }
    this.changed();
  }

  private markSynced(kind: ResourceKind): void {
    this.synced.add(kind);
    this.dirtyAll = true;
    this.changed();
    this.checkComplete();
  }

  private checkComplete(): void {
    if (!this.complete) {
      return;
    }
    const waiters = this.completeWaiters;
    this.completeWaiters = [];
    for (const resolve of waiters) {
      resolve();
    }
  }

  private changed(): void {
    this.appliedChanges++;
    this.coalescer.poke();
  }

  /** Delivers pending changes now instead of at the end of the window. */
  flush(): void {
    this.coalescer.flushNow();
  }

  private emit(): void {
    const change: StoreChange = {
      all: this.dirtyAll,
      nodes: new Set(this.dirtyNodes),
      pods: new Set(this.dirtyPods),
      unscheduled: this.dirtyUnscheduled,
    };
    this.dirtyAll = false;
    this.dirtyUnscheduled = false;
    this.dirtyNodes.clear();
    this.dirtyPods.clear();
    for (const listener of this.listeners) {
      listener(change);
    }
  }

  dispose(): void {
    this.coalescer.dispose();
    this.listeners.clear();
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function eventKey(event: EventInfo): string | undefined {
  const m = event.metadata;
  return m?.name ? `${m.namespace ?? 'default'}/${m.name}` : undefined;
}

/** Projection and key functions per resource, shared by the informers and the benchmarks. */
export const projectors = {
  nodes: { project: projectNode, keyOf: (raw: unknown) => metaName(raw) },
  pods: { project: projectPod, keyOf: (raw: unknown) => metaKey(raw) },
  leases: { project: projectLease, keyOf: (raw: unknown) => metaName(raw) },
  nodeEvents: { project: projectEvent, keyOf: (raw: unknown) => metaKey(raw) },
} as const;

function metaOf(raw: unknown): { name?: unknown; namespace?: unknown } | undefined {
  const meta = (raw as { metadata?: unknown } | undefined)?.metadata;
  return meta !== null && typeof meta === 'object' ? meta : undefined;
}

function metaName(raw: unknown): string | undefined {
  const name = metaOf(raw)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** `namespace/name`, matching podKeyOf (which defaults the namespace to `default`). */
function metaKey(raw: unknown): string | undefined {
  const meta = metaOf(raw);
  if (typeof meta?.name !== 'string') {
    return undefined;
  }
  return `${typeof meta.namespace === 'string' ? meta.namespace : 'default'}/${meta.name}`;
}
