/**
 * What the tree needs to know about one pod: the core's classification (level, kubectl STATUS,
 * summary, reasons) plus the contextValue tokens the action menus match on.
 */
import type { HealthLevel, HealthReason } from '../../shared/cluster/healthTypes';
import { controllerOf, MIRROR_POD_ANNOTATION, type NodeInfo, type PodInfo } from '../../shared/cluster/model';
import type { NodeHealth } from '../../shared/cluster/nodeHealth';
import { classifyPod, type PodHealth } from '../../shared/cluster/podHealth';

export interface PodView {
  readonly key: string;
  readonly level: HealthLevel;
  /** What we show: kubectl's STATUS, or `Finalizing`. */
  readonly status: string;
  readonly description: string;
  readonly reasons: readonly HealthReason[];
  readonly tokens: readonly string[];
  readonly ready: string;
  readonly restarts: number;
  readonly health: PodHealth;
}

const REASON_TOKENS: Readonly<Record<string, string>> = {
  'crash-loop': 'crashLoop',
  evicted: 'evicted',
  'oom-killed': 'oomKilled',
  'image-pull': 'imagePull',
  unschedulable: 'unschedulable',
  'node-lost': 'nodeLost',
};

/**
 * @example viewPod('ns/web', terminatingPodWithFinalizer, node, nodeHealth, now).tokens
 * // ['pod', 'terminating', 'finalizing', 'stuck', 'finalizers', 'levelError']
 */
export function viewPod(
  key: string,
  pod: PodInfo,
  node: NodeInfo | undefined,
  nodeHealth: NodeHealth | undefined,
  nowMs: number,
): PodView {
  const health = classifyPod(pod, node, nowMs, nodeHealth ? { nodeHealth } : {});
  const tokens = ['pod'];
  const t = health.termination;
  if (t) {
    tokens.push('terminating');
    if (t.finalizing) {
      tokens.push('finalizing');
    }
    if (t.stuck) {
      tokens.push('stuck');
    }
  }
  if ((pod.metadata?.finalizers?.length ?? 0) > 0) {
    tokens.push('finalizers');
  }
  for (const reason of health.reasons) {
    const token = REASON_TOKENS[reason.code];
    if (token && !tokens.includes(token)) {
      tokens.push(token);
    }
  }
  if (health.status === 'Completed' || pod.status?.phase === 'Succeeded') {
    tokens.push('completed');
  }
  if (!pod.spec?.nodeName) {
    tokens.push('unscheduled');
  }
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION]) {
    tokens.push('mirror');
  }
  if (controllerOf(pod.metadata)?.kind === 'DaemonSet') {
    tokens.push('daemonSet');
  }
  if (nodeHealth && nodeHealth.state !== 'Ready') {
    tokens.push('nodeNotReady');
  }
  tokens.push(levelToken(health.level));
  return {
    key,
    level: health.level,
    status: health.label,
    description: health.summary,
    reasons: health.reasons,
    tokens,
    ready: health.columns.ready,
    restarts: health.columns.restarts,
    health,
  };
}

export function levelToken(level: HealthLevel): string {
  return `level${level[0].toUpperCase()}${level.slice(1)}`;
}
