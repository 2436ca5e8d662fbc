/**
 * The health classifier's public face: node and pod classification, ranking and the cluster
 * summary for the status bar. Pure; `now` is always injected.
 */
import { LEVEL_RANK, compareNames, rankByHealth, type HealthLevel } from './healthTypes';
import type { NodeHealth } from './nodeHealth';
import type { PodHealth } from './podHealth';

export * from './healthTypes';
export {
  classifyNode,
  kubectlNodeStatus,
  leaseHealth,
  countActivePods,
  NODE_HEALTH_DEFAULTS,
} from './nodeHealth';
export type { NodeHealth, NodeHealthOptions, NodeState, LeaseHealth } from './nodeHealth';
export { classifyPod, POD_HEALTH_DEFAULTS } from './podHealth';
export type { PodHealth, PodHealthOptions, StuckCause, TerminationInfo } from './podHealth';
export { kubectlPodStatus, kubectlPodColumns, restartsText } from './podStatus';
export { parseReadyMessage } from './readyMessage';

/** Nodes worst first, then by name. */
export function rankNodes<T extends Pick<NodeHealth, 'level' | 'name'>>(nodes: readonly T[]): T[] {
  return rankByHealth(
    nodes,
    (n) => n.level,
    (n) => n.name,
  );
}

/** Pods worst first, then by namespace/name. */
export function rankPods<T extends Pick<PodHealth, 'level' | 'namespace' | 'name'>>(pods: readonly T[]): T[] {
  return [...pods].sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      compareNames(a.namespace, b.namespace) ||
      compareNames(a.name, b.name),
  );
}

export interface ClusterSummary {
  readonly nodes: number;
  readonly readyNodes: number;
  /** Ready=False. */
  readonly notReadyNodes: number;
  /** Ready=Unknown or never reported. */
  readonly unknownNodes: number;
  /** Ready but with warnings or errors (pressure, stale Lease, KernelDeadlock…). */
  readonly degradedNodes: number;
  readonly cordonedNodes: number;
  readonly pods: number;
  /** Terminating past their grace period (including Finalizing). */
  readonly stuckPods: number;
  readonly failingPods: number;
  readonly pendingPods: number;
  /** Worst level across nodes and pods. */
  readonly level: HealthLevel;
  /** Status-bar text, e.g. `2 NotReady · 1 Unknown · 5 stuck pods`, or `12 nodes Ready`. */
  readonly text: string;
}

/**
 * Counts for the status bar.
 * @example summarizeCluster([notReady, notReady, ok], stuckPods5).text // '2 NotReady · 5 stuck pods'
 */
export function summarizeCluster(
  nodes: readonly Pick<NodeHealth, 'level' | 'state' | 'cordoned'>[],
  pods: readonly Pick<PodHealth, 'level' | 'status' | 'termination'>[],
): ClusterSummary {
  let readyNodes = 0;
  let notReadyNodes = 0;
  let unknownNodes = 0;
  let degradedNodes = 0;
  let cordonedNodes = 0;
  let level: HealthLevel = 'ok';
  const worse = (l: HealthLevel) => {
    if (LEVEL_RANK[l] < LEVEL_RANK[level]) {
      level = l;
    }
  };
  for (const node of nodes) {
    worse(node.level);
    if (node.cordoned) {
      cordonedNodes++;
    }
    if (node.state === 'Ready') {
      readyNodes++;
      if (node.level !== 'ok') {
        degradedNodes++;
      }
    } else if (node.state === 'NotReady') {
      notReadyNodes++;
    } else {
      unknownNodes++;
    }
  }
  let stuckPods = 0;
  let failingPods = 0;
  let pendingPods = 0;
  for (const pod of pods) {
    if (pod.termination?.stuck) {
      stuckPods++;
    } else if (pod.level === 'error') {
      failingPods++;
    }
    if (pod.status === 'Pending') {
      pendingPods++;
    }
    worse(pod.level === 'unknown' ? 'warning' : pod.level);
  }
  const parts: string[] = [];
  if (notReadyNodes) {
    parts.push(`${notReadyNodes} NotReady`);
  }
  if (unknownNodes) {
    parts.push(`${unknownNodes} Unknown`);
  }
  if (degradedNodes) {
    parts.push(`${degradedNodes} degraded`);
  }
  if (stuckPods) {
    parts.push(`${stuckPods} stuck ${stuckPods === 1 ? 'pod' : 'pods'}`);
  }
  if (failingPods) {
    parts.push(`${failingPods} failing ${failingPods === 1 ? 'pod' : 'pods'}`);
  }
  if (parts.length === 0) {
    parts.push(nodes.length === 1 ? '1 node Ready' : `${nodes.length} nodes Ready`);
  }
  return {
    nodes: nodes.length,
    readyNodes,
    notReadyNodes,
    unknownNodes,
    degradedNodes,
    cordonedNodes,
    pods: pods.length,
    stuckPods,
    failingPods,
    pendingPods,
    level,
    text: parts.join(' · '),
  };
}
