/**
 * The explorer's view model: turns the ClusterStore into tree descriptors, decorations and the
 * status-bar summary, and works out which of them changed after each store flush or clock tick.
 * No VS Code: src/client/views wraps the descriptors; test/unit asserts on them.
 *
 * Health is cached per node and per pod and recomputed only for what changed, plus on a clock tick
 * (a Lease that stops being renewed produces no watch event: only time makes it stale).
 *
 * contextValue tokens (space-separated; menus match them with /\btoken\b/):
 *   cluster:   cluster, <connection state>
 *   node:      node, ready | notReady | statusUnknown | neverReported, cordoned | schedulable,
 *              heartbeatLost (Lease stale), hasPods, levelOk | levelWarning | levelError | levelUnknown
 *   pod:       pod, terminating, finalizing, finalizers, stuck, crashLoop, evicted, completed,
 *              unscheduled, mirror, daemonSet, nodeNotReady, levelOk | levelWarning | levelError | levelUnknown
 *   ghostNode: ghostNode (pods bound to a node that no longer exists)
 *   group:     group, unscheduled | orphans
 *   note:      note
 */
import {
  LEVEL_COLORS,
  type Presentation,
  nodeBadge,
  nodeIcon,
  podBadge,
  podIcon,
  presentNode,
  presentPod,
} from '../../shared/cluster/healthPresentation';
import { type HealthLevel, LEVEL_RANK, compareNames } from '../../shared/cluster/healthTypes';
import { type NodeInfo, type PodInfo, toMillis } from '../../shared/cluster/model';
import { summarizeCluster } from '../../shared/cluster/health';
import { type NodeHealth, type NodeHealthOptions, classifyNode } from '../../shared/cluster/nodeHealth';
import type { PodHealth } from '../../shared/cluster/podHealth';
import type { ClusterStore, StoreChange } from './clusterStore';
import type { SessionState } from './clusterSession';
import { type PodView, levelToken, viewPod } from './podView';
import type {
  DecorationDescriptor,
  IconDescriptor,
  ItemDescriptor,
  TreeDelta,
  TreeElement,
} from './treeTypes';

export const NODE_SCHEME = 'knd-node';
/**
 * How often health is re-evaluated without events: a Lease that stops being renewed and a
 * Terminating deadline that passes produce no watch event, only time reveals them.
 */
export const HEALTH_TICK_MS = 2000;
const SUMMARY_MAX_AGE_MS = 1000;
export const POD_SCHEME = 'knd-pod';

export interface ExplorerSettings {
  problemsOnly: boolean;
  nodeHealth: NodeHealthOptions;
}

export interface ClusterSummary {
  /** e.g. `2 NotReady · 5 stuck pods`, or `12 nodes OK`. */
  text: string;
  tooltip: string;
  level: HealthLevel;
}

interface NodeView {
  health: NodeHealth;
  signature: string;
  hasProblemPods: boolean;
}

export class ExplorerModel {
  private readonly nodeViews = new Map<string, NodeView>();
  private readonly podViews = new Map<string, PodView>();
  private readonly elements = new Map<string, TreeElement>();
  private nodeOrder: string[] = [];
  private hadUnscheduled = false;
  private cachedSummary: { at: number; value: ClusterSummary } | undefined;
  /** Which node (or '' for unscheduled) each pod was last drawn under. */
  private readonly podParents = new Map<string, string>();
  private lastSummary = '';
  private session: SessionState = { state: 'connecting', notes: [] };
  /** When our watch last saw each Lease's renewTime change (local clock; immune to node clock skew). */
  private readonly leaseObservedAt = new Map<string, { renewTime: number; observedAt: number }>();

  constructor(
    readonly store: ClusterStore,
    readonly contextName: string,
    private settings: ExplorerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  // ------------------------------------------------------------------ updates

  setSettings(settings: ExplorerSettings): TreeDelta {
    this.settings = settings;
    return this.update({ all: true, nodes: new Set(), pods: new Set(), unscheduled: true });
  }

  setSession(state: SessionState): boolean {
    const changed = state !== this.session;
    this.session = state;
    return changed;
  }

  get sessionState(): SessionState {
    return this.session;
  }

  /** Applies a store change (or, with `tick`, the passage of time) and says what to redraw. */
  update(change: StoreChange | 'tick'): TreeDelta {
    const nowMs = this.now();
    const delta = change === 'tick' ? undefined : change;
    const changedElements: TreeElement[] = [];
    const decorations: string[] = [];
    const all = change === 'tick' || change.all;

    let nodesToCheck: Iterable<string> = delta?.nodes ?? [];
    if (all) {
      const gone = [...this.nodeViews.keys()].filter((n) => !this.store.nodes.has(n));
      nodesToCheck = gone.length > 0 ? [...this.store.nodes.keys(), ...gone] : this.store.nodes.keys();
    }
    const podsToCheck = new Set<string>(delta?.pods ?? []);
    const nodesWithPodChanges = new Set<string>();
    let orderMayChange = false;
    if (delta?.all) {
      for (const key of this.store.pods.keys()) {
        podsToCheck.add(key);
      }
      for (const key of this.podViews.keys()) {
        if (!this.store.pods.has(key)) {
          podsToCheck.add(key);
        }
      }
    }
    if (!delta) {
      // Time only matters to pods that are not plainly fine (terminating, pending, …).
      for (const [key, view] of this.podViews) {
        if (view.level !== 'ok' || view.tokens.includes('terminating')) {
          podsToCheck.add(key);
        }
      }
    }

    for (const name of nodesToCheck) {
      const node = this.store.nodes.get(name);
      const before = this.nodeViews.get(name);
      if (!node) {
        if (before) {
          this.nodeViews.delete(name);
          orderMayChange = true;
          decorations.push(this.nodeUri(name));
        }
        continue;
      }
      const health = this.classify(node, name, nowMs);
      const levelChanged = before?.health.state !== health.state;
      if (!before || before.health.level !== health.level) {
        orderMayChange = true;
      }
      if (levelChanged) {
        for (const key of this.store.podKeysOn(name)) {
          podsToCheck.add(key);
        }
      }
      const view: NodeView = {
        health,
        signature: nodeSignature(health),
        hasProblemPods: before?.hasProblemPods ?? false,
      };
      this.nodeViews.set(name, view);
      if (!before || before.signature !== view.signature) {
        changedElements.push(this.element({ kind: 'node', id: this.nodeId(name), name }));
        decorations.push(this.nodeUri(name));
      }
    }

    for (const key of podsToCheck) {
      const pod = this.store.pods.get(key);
      const before = this.podViews.get(key);
      if (!pod) {
        if (before) {
          this.podViews.delete(key);
          decorations.push(this.podUri(key));
          nodesWithPodChanges.add(this.podParents.get(key) ?? '');
          this.podParents.delete(key);
        }
        continue;
      }
      const nodeName = pod.spec?.nodeName ?? '';
      const previousParent = this.podParents.get(key);
      if (previousParent !== undefined && previousParent !== nodeName) {
        nodesWithPodChanges.add(previousParent);
      }
      this.podParents.set(key, nodeName);
      const view = viewPod(
        key,
        pod,
        this.store.nodes.get(nodeName),
        this.nodeViews.get(nodeName)?.health,
        nowMs,
      );
      this.podViews.set(key, view);
      if (!before || podSignature(before) !== podSignature(view)) {
        decorations.push(this.podUri(key));
        nodesWithPodChanges.add(nodeName);
      }
    }

    // A node's "has problem pods" flag decides whether it shows in problems-only mode.
    const recheck = all ? this.nodeViews.keys() : new Set([...(delta?.nodes ?? []), ...nodesWithPodChanges]);
    for (const name of recheck) {
      const view = this.nodeViews.get(name);
      if (!view) {
        continue;
      }
      const hasProblemPods = this.hasProblemPods(name);
      if (hasProblemPods !== view.hasProblemPods && this.settings.problemsOnly) {
        orderMayChange = true;
      }
      view.hasProblemPods = hasProblemPods;
    }

    // Sorting thousands of nodes on every batch is wasted work unless a level or the set changed.
    let orderChanged = false;
    if (orderMayChange || all) {
      const order = this.computeNodeOrder();
      orderChanged = order.length !== this.nodeOrder.length || order.some((n, i) => n !== this.nodeOrder[i]);
      this.nodeOrder = order;
    }
    // Counting 150,000 pods on every 150 ms batch would dominate a watch storm: at most once a second.
    const summary = this.summary(delta?.all ? 0 : SUMMARY_MAX_AGE_MS);
    const summaryChanged = summary.text !== this.lastSummary;
    this.lastSummary = summary.text;

    // A pod change redraws its parent (children and their order may have changed).
    for (const name of nodesWithPodChanges) {
      if (name === '') {
        changedElements.push(this.unscheduledGroup());
      } else if (this.nodeViews.has(name)) {
        changedElements.push(this.element({ kind: 'node', id: this.nodeId(name), name }));
      }
    }
    const hasUnscheduled = this.visiblePods(this.store.unscheduledPods().map(keyOfPod)).length > 0;
    const groupsChanged = hasUnscheduled !== this.hadUnscheduled || this.store.orphanNodeNames().length > 0;
    this.hadUnscheduled = hasUnscheduled;
    const whole = (delta?.all ?? false) || orderChanged || groupsChanged;
    if (summaryChanged && !whole) {
      changedElements.push(this.element({ kind: 'cluster', id: `cluster/${this.contextName}` }));
    }
    return { whole, elements: whole ? [] : dedupe(changedElements), decorations, summaryChanged };
  }

  private unscheduledGroup(): TreeElement {
    return this.element({ kind: 'group', id: `group/${this.contextName}/unscheduled`, group: 'unscheduled' });
  }

  private classify(node: NodeInfo, name: string, nowMs: number): NodeHealth {
    const lease = this.store.leases.get(name);
    const renewTime = toMillis(lease?.spec?.renewTime);
    let observed = this.leaseObservedAt.get(name);
    if (renewTime !== undefined && observed?.renewTime !== renewTime) {
      // The first sighting (from the initial list) is not an observation of a renewal.
      observed = { renewTime, observedAt: observed ? nowMs : Number.NaN };
      this.leaseObservedAt.set(name, observed);
    }
    const observedAt = observed && !Number.isNaN(observed.observedAt) ? observed.observedAt : undefined;
    return classifyNode(node, lease, this.store.podsOn(name), nowMs, {
      ...this.settings.nodeHealth,
      ...(observedAt !== undefined ? { leaseRenewObservedAtMs: observedAt } : {}),
    });
  }

  private computeNodeOrder(): string[] {
    let names = [...this.nodeViews.keys()];
    if (this.settings.problemsOnly) {
      names = names.filter((n) => {
        const v = this.nodeViews.get(n)!;
        return v.health.level !== 'ok' || v.hasProblemPods;
      });
    }
    return names.sort(
      (a, b) =>
        LEVEL_RANK[this.nodeViews.get(a)!.health.level] - LEVEL_RANK[this.nodeViews.get(b)!.health.level] ||
        compareNames(a, b),
    );
  }

  // ------------------------------------------------------------------ tree

  roots(): TreeElement[] {
    if (this.store.nodes.size === 0 && !this.store.complete) {
      return [];
    }
    if (this.isBlocked() && this.store.nodes.size === 0) {
      return [];
    }
    return [this.element({ kind: 'cluster', id: `cluster/${this.contextName}` })];
  }

  /** True when the view should show its welcome content instead of a tree. */
  isBlocked(): boolean {
    return this.session.problem !== undefined && this.store.nodes.size === 0;
  }

  children(element: TreeElement | undefined): TreeElement[] {
    if (!element) {
      return this.roots();
    }
    switch (element.kind) {
      case 'cluster': {
        const out: TreeElement[] = this.session.notes.map((text, i) =>
          this.element({ kind: 'note', id: `note/${this.contextName}/${i}/${text}`, text }),
        );
        for (const name of this.nodeOrder) {
          out.push(this.element({ kind: 'node', id: this.nodeId(name), name }));
        }
        if (this.visiblePods(this.store.unscheduledPods().map((p) => keyOfPod(p))).length > 0) {
          out.push(
            this.element({
              kind: 'group',
              id: `group/${this.contextName}/unscheduled`,
              group: 'unscheduled',
            }),
          );
        }
        if (this.store.orphanNodeNames().length > 0) {
          out.push(
            this.element({ kind: 'group', id: `group/${this.contextName}/orphans`, group: 'orphans' }),
          );
        }
        return out;
      }
      case 'node':
      case 'ghostNode':
        return this.podElements([...this.store.podKeysOn(element.name)]);
      case 'group':
        if (element.group === 'unscheduled') {
          return this.podElements(this.store.unscheduledPods().map(keyOfPod));
        }
        return this.store
          .orphanNodeNames()
          .sort(compareNames)
          .map((name) => this.element({ kind: 'ghostNode', id: `ghost/${this.contextName}/${name}`, name }));
      default:
        return [];
    }
  }

  private visiblePods(keys: string[]): PodView[] {
    const views = keys.map((k) => this.podViews.get(k)).filter((v): v is PodView => v !== undefined);
    return this.settings.problemsOnly ? views.filter((v) => v.level !== 'ok') : views;
  }

  private podElements(keys: string[]): TreeElement[] {
    return this.visiblePods(keys)
      .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || compareNames(a.key, b.key))
      .map((v) => this.element({ kind: 'pod', id: this.podId(v.key), key: v.key }));
  }

  private hasProblemPods(nodeName: string): boolean {
    for (const key of this.store.podKeysOn(nodeName)) {
      const view = this.podViews.get(key);
      if (view && view.level !== 'ok') {
        return true;
      }
    }
    return false;
  }

  item(element: TreeElement): ItemDescriptor {
    switch (element.kind) {
      case 'cluster':
        return this.clusterItem(element.id);
      case 'note':
        return {
          id: element.id,
          label: element.text,
          icon: { id: 'warning', color: 'list.warningForeground' },
          contextValue: 'note',
          collapsible: 'none',
          tooltip: element.text,
        };
      case 'node':
        return this.nodeItem(element.id, element.name);
      case 'pod':
        return this.podItem(element.id, element.key);
      case 'group': {
        const count =
          element.group === 'unscheduled'
            ? this.store.unscheduledPods().length
            : this.store.orphanNodeNames().length;
        return {
          id: element.id,
          label: element.group === 'unscheduled' ? 'Not scheduled' : 'Deleted nodes',
          description: element.group === 'unscheduled' ? `${count} pods` : `${count} nodes`,
          icon: { id: element.group === 'unscheduled' ? 'inbox' : 'trash' },
          contextValue: `group ${element.group}`,
          collapsible: 'collapsed',
          tooltip:
            element.group === 'unscheduled'
              ? 'Pods without `spec.nodeName`: waiting for the scheduler.'
              : 'Pods bound to nodes whose Node object no longer exists; the pod garbage collector removes them.',
        };
      }
      case 'ghostNode':
        return {
          id: element.id,
          label: element.name,
          description: `node deleted · ${this.store.podKeysOn(element.name).size} pods`,
          icon: { id: 'vm-outline', color: 'disabledForeground' },
          contextValue: 'ghostNode',
          collapsible: 'collapsed',
        };
    }
  }

  private clusterItem(id: string): ItemDescriptor {
    const summary = this.summary();
    return {
      id,
      label: this.contextName,
      description: `${summary.text}${this.session.state === 'connected' ? '' : ` · ${this.session.state}`}`,
      tooltip: summary.tooltip,
      icon: { id: 'server-environment', color: LEVEL_COLORS[summary.level] },
      contextValue: `cluster ${this.session.state}`,
      collapsible: 'expanded',
    };
  }

  private nodeItem(id: string, name: string): ItemDescriptor {
    const view = this.nodeViews.get(name);
    if (!view) {
      return { id, label: name, contextValue: 'node', collapsible: 'collapsed' };
    }
    const h = view.health;
    const node = this.store.nodes.get(name) ?? { metadata: { name } };
    const look = presentNode(h, node, this.now(), this.store.eventsFor(name), {
      leasesUnreadable: this.store.unavailable.has('leases'),
    });
    return {
      id,
      label: name,
      description: look.description,
      tooltip: look.tooltip,
      icon: iconOf(look),
      contextValue: nodeTokens(h).join(' '),
      resourceUri: this.nodeUri(name),
      collapsible: this.store.podKeysOn(name).size > 0 ? 'collapsed' : 'none',
      command: undefined,
    };
  }

  private podItem(id: string, key: string): ItemDescriptor {
    const view = this.podViews.get(key);
    const [namespace, name] = splitKey(key);
    const pod = this.store.pods.get(key);
    if (!view || !pod) {
      return { id, label: name, contextValue: 'pod', collapsible: 'none' };
    }
    const nodeName = pod.spec?.nodeName;
    const nodeSummary = nodeName ? this.nodeViews.get(nodeName)?.health.summary : undefined;
    const look = presentPod(view.health, pod, this.now(), nodeSummary !== undefined ? { nodeSummary } : {});
    return {
      id,
      label: name,
      // The label is only the pod's name: the row says which namespace it is in.
      description: `${namespace} · ${look.description}`,
      tooltip: look.tooltip,
      icon: iconOf(look),
      contextValue: view.tokens.join(' '),
      resourceUri: this.podUri(key),
      collapsible: 'none',
    };
  }

  // ------------------------------------------------------------------ decorations and summary

  decoration(uri: string): DecorationDescriptor | undefined {
    const parsed = parseResourceUri(uri);
    if (!parsed || parsed.context !== this.contextName) {
      return undefined;
    }
    // Icon colour and badge come from the same mapping as the tree row (healthPresentation).
    if (parsed.kind === 'node') {
      const h = this.nodeViews.get(parsed.name)?.health;
      if (!h) {
        return undefined;
      }
      return decorationOf(h.level, nodeBadge(h), nodeIcon(h).color, h.reasons[0]?.text);
    }
    const view = this.podViews.get(parsed.key);
    if (!view) {
      return undefined;
    }
    return decorationOf(
      view.level,
      podBadge(view.health),
      podIcon(view.health).color,
      view.reasons[0]?.text ?? view.status,
    );
  }

  /** The cluster summary, recomputed when older than `maxAgeMs` (0: now). */
  summary(maxAgeMs = SUMMARY_MAX_AGE_MS): ClusterSummary {
    const nowMs = this.now();
    if (this.cachedSummary && nowMs - this.cachedSummary.at < maxAgeMs) {
      return this.cachedSummary.value;
    }
    const value = this.computeSummary();
    this.cachedSummary = { at: nowMs, value };
    return value;
  }

  private computeSummary(): ClusterSummary {
    const nodes: NodeHealth[] = [];
    for (const v of this.nodeViews.values()) {
      nodes.push(v.health);
    }
    const pods: PodHealth[] = [];
    for (const v of this.podViews.values()) {
      pods.push(v.health);
    }
    const s = summarizeCluster(nodes, pods);
    const details = [
      `${s.nodes} nodes (${s.readyNodes} Ready, ${s.notReadyNodes} NotReady, ${s.unknownNodes} Unknown, ${s.cordonedNodes} cordoned)`,
      `${s.pods} pods (${s.stuckPods} stuck, ${s.failingPods} failing, ${s.pendingPods} pending)`,
    ];
    return { text: s.text, tooltip: `${this.contextName}: ${details.join('; ')}`, level: s.level };
  }

  // ------------------------------------------------------------------ ids and URIs

  /** Returns the cached element with this id so VS Code can refresh it by identity. */
  private element<T extends TreeElement>(fresh: T): T {
    const existing = this.elements.get(fresh.id);
    if (existing) {
      return existing as T;
    }
    this.elements.set(fresh.id, fresh);
    return fresh;
  }

  elementForNode(name: string): TreeElement | undefined {
    return this.elements.get(this.nodeId(name));
  }

  elementForPod(key: string): TreeElement | undefined {
    return this.elements.get(this.podId(key));
  }

  nodeHealth(name: string): NodeHealth | undefined {
    return this.nodeViews.get(name)?.health;
  }

  podView(key: string): PodView | undefined {
    return this.podViews.get(key);
  }

  private nodeId(name: string): string {
    return `node/${this.contextName}/${name}`;
  }

  private podId(key: string): string {
    return `pod/${this.contextName}/${key}`;
  }

  nodeUri(name: string): string {
    return `${NODE_SCHEME}:/${encodeURIComponent(this.contextName)}/${encodeURIComponent(name)}`;
  }

  podUri(key: string): string {
    const [namespace, name] = splitKey(key);
    return `${POD_SCHEME}:/${encodeURIComponent(this.contextName)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  }
}

export type ResourceRef =
  | { kind: 'node'; context: string; name: string }
  | { kind: 'pod'; context: string; key: string; namespace: string; name: string };

/** Parses `knd-node:/<context>/<node>` and `knd-pod:/<context>/<ns>/<pod>`. */
export function parseResourceUri(uri: string): ResourceRef | undefined {
  const m = /^(knd-node|knd-pod):\/(.*)$/.exec(uri);
  if (!m) {
    return undefined;
  }
  const parts = m[2].split('/').map(decodeURIComponent);
  if (m[1] === NODE_SCHEME && parts.length === 2) {
    return { kind: 'node', context: parts[0], name: parts[1] };
  }
  if (m[1] === POD_SCHEME && parts.length === 3) {
    return {
      kind: 'pod',
      context: parts[0],
      namespace: parts[1],
      name: parts[2],
      key: `${parts[1]}/${parts[2]}`,
    };
  }
  return undefined;
}

export function nodeTokens(h: NodeHealth): string[] {
  const state = {
    Ready: 'ready',
    NotReady: 'notReady',
    Unknown: 'statusUnknown',
    NeverReported: 'neverReported',
  }[h.state];
  const tokens = ['node', state, h.cordoned ? 'cordoned' : 'schedulable'];
  if (h.lease.state === 'stale') {
    tokens.push('heartbeatLost');
  }
  if (h.podCount > 0) {
    tokens.push('hasPods');
  }
  tokens.push(levelToken(h.level));
  return tokens;
}

function iconOf(look: Presentation): IconDescriptor {
  return look.color !== undefined ? { id: look.icon, color: look.color } : { id: look.icon };
}

/** A healthy row without a badge gets no decoration, so its label keeps the theme's colour. */
function decorationOf(
  level: HealthLevel,
  badge: string,
  color: string | undefined,
  tooltip: string | undefined,
): DecorationDescriptor | undefined {
  if (badge === '' && level === 'ok') {
    return undefined;
  }
  return {
    ...(badge !== '' ? { badge } : {}),
    ...(color !== undefined ? { color } : {}),
    ...(tooltip !== undefined ? { tooltip } : {}),
  };
}

/** Everything the row and its decoration show, so a change to any of them redraws both. */
function nodeSignature(h: NodeHealth): string {
  const { icon, color } = nodeIcon(h);
  return [
    h.level,
    h.state,
    h.summary,
    h.cordoned,
    h.lease.state,
    icon,
    color,
    nodeBadge(h),
    h.reasons.map((r) => r.text).join('|'),
  ].join('\u0000');
}

function podSignature(v: PodView): string {
  const { icon, color } = podIcon(v.health);
  return [v.level, v.description, v.tokens.join(' '), icon, color, podBadge(v.health)].join('\u0000');
}

function dedupe(elements: TreeElement[]): TreeElement[] {
  return [...new Set(elements)];
}

function keyOfPod(pod: PodInfo): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
