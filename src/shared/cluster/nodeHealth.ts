/**
 * Node health: why a node is NotReady, Unknown, under pressure or overloaded, from its conditions,
 * its Lease, its taints and the pods bound to it. Pure; `now` is injected.
 *
 * Facts: /work/shared/reference/kubernetes-facts.md §1 (Ready False vs Unknown, Lease heartbeat,
 * defaults, taints); seeds 001 (110 pods → PLEG), 002 (osImage Unknown + stale Lease while Ready).
 */
import { humanDuration } from './duration';
import { sortReasons, type HealthLevel, type HealthReason } from './healthTypes';
import {
  findNodeCondition,
  toMillis,
  type LeaseInfo,
  type NodeInfo,
  type PodInfo,
  type TaintInfo,
} from './model';
import { parseReadyMessage, type ReadyFragment } from './readyMessage';

export interface NodeHealthOptions {
  /**
   * kube-controller-manager `--node-monitor-grace-period`. Default here 40 s (the historical value):
   * from v1.32 the controller's default is 50 s, so with 40 s we report a lost heartbeat up to 10 s
   * before the controller turns the node Unknown.
   */
  readonly nodeMonitorGracePeriodSeconds?: number;
  /** Warn when non-terminal pods reach this share of allocatable pods (seed 001: keep under ~70). */
  readonly podDensityWarningPercent?: number;
  /** The API server's version (`v1.33.2`), to flag kubelet version skew. */
  readonly controlPlaneVersion?: string;
  /** Supported kubelet minor versions behind the API server (3 since v1.28). */
  readonly maxKubeletMinorSkew?: number;
  /**
   * Local time (epoch ms) when a watch last saw this Lease's renewTime change. Preferred over
   * `now − renewTime` because it does not suffer from node/client clock skew.
   */
  readonly leaseRenewObservedAtMs?: number;
  /** Conditions that count as errors (not warnings) when `True`. */
  readonly severeConditionTypes?: readonly string[];
}

export const NODE_HEALTH_DEFAULTS = {
  nodeMonitorGracePeriodSeconds: 40,
  podDensityWarningPercent: 70,
  maxKubeletMinorSkew: 3,
  severeConditionTypes: ['KernelDeadlock', 'ReadonlyFilesystem', 'NetworkUnavailable'] as readonly string[],
  leaseDurationSeconds: 40,
  /** kubelet renews every leaseDuration × 0.25. */
  leaseRenewFraction: 0.25,
} as const;

/** Our word for the node's state; kubectl prints both NotReady and Unknown as `NotReady`. */
export type NodeState = 'Ready' | 'NotReady' | 'Unknown' | 'NeverReported';

export interface LeaseHealth {
  /** fresh: < 2 renew intervals; late: up to the grace period; stale: beyond it; missing: no Lease. */
  readonly state: 'fresh' | 'late' | 'stale' | 'missing';
  readonly ageMs?: number;
  readonly renewTimeMs?: number;
  readonly durationSeconds?: number;
  readonly holder?: string;
}

export interface NodeHealth {
  readonly name: string;
  readonly level: HealthLevel;
  /** The tree description, e.g. `NotReady · PLEG 6m57s · 84/110 pods`. */
  readonly summary: string;
  /** Worst first. */
  readonly reasons: readonly HealthReason[];
  readonly state: NodeState;
  /** `status` of the Ready condition, or `Missing`. */
  readonly readyStatus: 'True' | 'False' | 'Unknown' | 'Missing';
  /** kubectl's STATUS column (`Ready`, `NotReady,SchedulingDisabled`, `Unknown`). */
  readonly kubectlStatus: string;
  readonly cordoned: boolean;
  readonly lease: LeaseHealth;
  /** Non-terminal pods bound to the node. */
  readonly podCount: number;
  readonly podCapacity?: number;
}

const PRESSURE_CONDITIONS: Readonly<Record<string, { code: string }>> = {
  MemoryPressure: { code: 'memory-pressure' },
  DiskPressure: { code: 'disk-pressure' },
  PIDPressure: { code: 'pid-pressure' },
};

/** Taints added by the control plane; `unschedulable` is left out because `cordoned` says it. */
const CONTROL_PLANE_TAINTS = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/network-unavailable',
  'node.kubernetes.io/out-of-service',
  'node.cloudprovider.kubernetes.io/uninitialized',
  'node.cloudprovider.kubernetes.io/shutdown',
]);

/**
 * kubectl's node STATUS (`printNode`): Ready=True → `Ready`, False/Unknown → `NotReady`,
 * no Ready condition → `Unknown`; `,SchedulingDisabled` when cordoned.
 */
export function kubectlNodeStatus(node: NodeInfo): string {
  // printNode keys conditions by type in a map, so the last Ready condition wins.
  const ready = [...(node.status?.conditions ?? [])].reverse().find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) {
    parts.push('SchedulingDisabled');
  }
  return parts.join(',');
}

/** Non-terminal pods: the ones that occupy a pod slot on the kubelet. */
export function countActivePods(pods: readonly PodInfo[]): number {
  let count = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      count++;
    }
  }
  return count;
}

function parseCount(quantity: string | undefined): number | undefined {
  if (quantity === undefined || !/^\d+$/.test(quantity.trim())) {
    return undefined;
  }
  return Number(quantity.trim());
}

/**
 * Heartbeat freshness from the node Lease.
 * @example leaseHealth({spec:{renewTime:'2026-11-24T05:59:00Z',leaseDurationSeconds:40}}, Date.parse('2026-11-24T06:00:00Z')).state // 'stale'
 */
export function leaseHealth(
  lease: LeaseInfo | undefined,
  nowMs: number,
  opts: Pick<NodeHealthOptions, 'nodeMonitorGracePeriodSeconds' | 'leaseRenewObservedAtMs'> = {},
): LeaseHealth {
  const renewTimeMs = toMillis(lease?.spec?.renewTime);
  if (!lease || renewTimeMs === undefined) {
    return { state: 'missing' };
  }
  const durationSeconds = lease.spec?.leaseDurationSeconds ?? NODE_HEALTH_DEFAULTS.leaseDurationSeconds;
  const renewIntervalMs = durationSeconds * 1000 * NODE_HEALTH_DEFAULTS.leaseRenewFraction;
  const graceMs =
    (opts.nodeMonitorGracePeriodSeconds ?? NODE_HEALTH_DEFAULTS.nodeMonitorGracePeriodSeconds) * 1000;
  const ageMs = Math.max(0, nowMs - (opts.leaseRenewObservedAtMs ?? renewTimeMs));
  const state = ageMs < 2 * renewIntervalMs ? 'fresh' : ageMs < graceMs ? 'late' : 'stale';
  return {
    state,
    ageMs,
    renewTimeMs,
    durationSeconds,
    ...(lease.spec?.holderIdentity ? { holder: lease.spec.holderIdentity } : {}),
  };
}

function readyFragmentReason(fragment: ReadyFragment): HealthReason {
  switch (fragment.code) {
    case 'pleg-unhealthy': {
      const last = fragment.plegLastActiveMs;
      const threshold = fragment.plegThresholdMs;
      const text =
        last !== undefined
          ? `PLEG not healthy: last relist ${humanDuration(last)} ago` +
            (threshold !== undefined ? ` (threshold ${humanDuration(threshold)})` : '')
          : 'PLEG not healthy';
      return {
        code: 'pleg-unhealthy',
        severity: 'error',
        text,
        short: last !== undefined ? `PLEG ${humanDuration(last)}` : 'PLEG',
        detail:
          `${fragment.text}\n\nThe kubelet's pod lifecycle event generator could not list containers in time: ` +
          'the container runtime is hung or slow, often from too many pods or a container whose inspect call hangs (e.g. an NFS mount).',
      };
    }
    case 'pleg-never-succeeded':
      return {
        code: 'pleg-never-succeeded',
        severity: 'error',
        text: 'PLEG has yet to be successful: the kubelet never completed a container relist',
        short: 'PLEG never ran',
        detail: fragment.text,
      };
    case 'runtime-down':
      return {
        code: 'runtime-down',
        severity: 'error',
        text: 'Container runtime is down (no successful status for more than 30 s)',
        short: 'runtime down',
        detail: fragment.text,
      };
    case 'runtime-not-ready':
      return {
        code: 'runtime-not-ready',
        severity: 'error',
        text: 'Container runtime not ready',
        short: 'runtime not ready',
        detail: fragment.text,
      };
    case 'runtime-status-pending':
      return {
        code: 'runtime-status-pending',
        severity: 'error',
        text: 'Container runtime status check may not have completed yet',
        short: 'runtime check pending',
        detail: fragment.text,
      };
    case 'network-not-ready':
      return {
        code: 'network-not-ready',
        severity: 'error',
        text: /cni/i.test(fragment.text)
          ? 'Container network not ready: CNI plugin not initialized'
          : 'Container runtime network not ready',
        short: 'CNI not ready',
        detail: fragment.text,
      };
    case 'missing-capacity':
      return { code: 'missing-capacity', severity: 'error', text: fragment.text, short: 'capacity missing' };
    default:
      return {
        code: 'not-ready',
        severity: 'error',
        text: `NotReady: ${fragment.text}`,
        detail: fragment.text,
      };
  }
}

function taintText(taint: TaintInfo): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

function parseMinor(version: string | undefined): { major: number; minor: number } | undefined {
  const m = version ? /^v?(\d+)\.(\d+)/.exec(version.trim()) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Supported skew: the kubelet may be older than the API server by a few minors, never newer. */
function versionSkewReason(node: NodeInfo, opts: NodeHealthOptions): HealthReason | undefined {
  const kubeletVersion = node.status?.nodeInfo?.kubeletVersion;
  const kubelet = parseMinor(kubeletVersion);
  const server = parseMinor(opts.controlPlaneVersion);
  if (!kubelet || !server || kubelet.major !== server.major) {
    return undefined;
  }
  const behind = server.minor - kubelet.minor;
  const max = opts.maxKubeletMinorSkew ?? NODE_HEALTH_DEFAULTS.maxKubeletMinorSkew;
  if (behind < 0) {
    return {
      code: 'version-skew',
      severity: 'warning',
      text: `kubelet ${kubeletVersion} is newer than the control plane ${opts.controlPlaneVersion} (unsupported)`,
      short: 'version skew',
    };
  }
  if (behind > max) {
    return {
      code: 'version-skew',
      severity: 'warning',
      text: `kubelet ${kubeletVersion} is ${behind} minor versions behind the control plane ${opts.controlPlaneVersion} (supported: ${max})`,
      short: 'version skew',
    };
  }
  if (behind > 0) {
    return {
      code: 'version-skew',
      severity: 'info',
      text: `kubelet ${kubeletVersion}, control plane ${opts.controlPlaneVersion} (within the supported skew)`,
    };
  }
  return undefined;
}

function sinceText(ms: number | undefined, nowMs: number): string {
  return ms === undefined ? '' : ` for ${humanDuration(nowMs - ms)}`;
}

/**
 * Classifies one node.
 * @example classifyNode(plegNode, freshLease, pods84, now).summary // 'NotReady · PLEG 6m57s · 84/110 pods'
 * @example classifyNode(silentNode, staleLease, [], now).reasons[0].text // 'heartbeat lost 2m10s ago'
 */
export function classifyNode(
  node: NodeInfo,
  lease: LeaseInfo | undefined,
  pods: readonly PodInfo[],
  now: Date | number,
  opts: NodeHealthOptions = {},
): NodeHealth {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const reasons: HealthReason[] = [];
  const ready = findNodeCondition(node, 'Ready');
  const heartbeat = leaseHealth(lease, nowMs, opts);
  const readySinceMs = toMillis(ready?.lastTransitionTime);

  let state: NodeState;
  if (!ready) {
    state = 'NeverReported';
    reasons.push({
      code: 'never-posted',
      severity: 'error',
      text: 'No Ready condition: the kubelet has not reported this node yet',
      short: 'never reported',
    });
  } else if (ready.status === 'True') {
    state = 'Ready';
  } else if (ready.status === 'False') {
    state = 'NotReady';
    const fragments = parseReadyMessage(ready.message);
    if (fragments.length === 0) {
      reasons.push({
        code: 'not-ready',
        severity: 'error',
        text: `NotReady${ready.reason ? ` (${ready.reason})` : ''}${sinceText(readySinceMs, nowMs)}`,
      });
    } else {
      reasons.push(...fragments.map(readyFragmentReason));
    }
  } else if (ready.reason === 'NodeStatusNeverUpdated' || /never posted/i.test(ready.message ?? '')) {
    state = 'NeverReported';
    reasons.push({
      code: 'never-posted',
      severity: 'error',
      text: 'Kubelet never posted node status',
      short: 'never reported',
      detail: ready.message,
    });
  } else {
    state = 'Unknown';
    const controllerSays = ready.message || 'Kubelet stopped posting node status.';
    if (heartbeat.state === 'stale' || heartbeat.state === 'late') {
      reasons.push({
        code: 'heartbeat-lost',
        severity: 'error',
        text: `heartbeat lost ${humanDuration(heartbeat.ageMs ?? 0)} ago`,
        short: `heartbeat lost ${humanDuration(heartbeat.ageMs ?? 0)}`,
        detail: `${controllerSays} The node Lease has not been renewed since then; the kubelet is down, hung or cut off from the API server.`,
      });
    } else if (heartbeat.state === 'missing') {
      const age = readySinceMs !== undefined ? humanDuration(nowMs - readySinceMs) : undefined;
      reasons.push({
        code: 'heartbeat-lost',
        severity: 'error',
        text: `Kubelet stopped posting node status${age ? ` (Unknown for ${age})` : ''}`,
        short: age ? `heartbeat lost ${age}` : 'heartbeat lost',
        detail: controllerSays,
      });
    } else {
      reasons.push({
        code: 'status-unknown',
        severity: 'error',
        text: `Kubelet stopped posting node status, but its Lease was renewed ${humanDuration(heartbeat.ageMs ?? 0)} ago`,
        short: 'status unknown',
        detail: `${controllerSays} The Lease is fresh again: the kubelet may be recovering.`,
      });
    }
  }

  // A stale Lease on a node that still says Ready (seed 002) or NotReady: the controller has not caught up.
  if (state !== 'Unknown' && state !== 'NeverReported' && heartbeat.state === 'stale') {
    reasons.push({
      code: 'heartbeat-lost',
      severity: 'error',
      text: `heartbeat lost ${humanDuration(heartbeat.ageMs ?? 0)} ago`,
      short: `heartbeat lost ${humanDuration(heartbeat.ageMs ?? 0)}`,
      detail: `The node Lease has not been renewed for longer than the grace period (${opts.nodeMonitorGracePeriodSeconds ?? NODE_HEALTH_DEFAULTS.nodeMonitorGracePeriodSeconds}s); expect Ready=Unknown soon.`,
    });
  } else if (state !== 'Unknown' && state !== 'NeverReported' && heartbeat.state === 'late') {
    reasons.push({
      code: 'heartbeat-late',
      severity: 'warning',
      text: `heartbeat late: Lease renewed ${humanDuration(heartbeat.ageMs ?? 0)} ago`,
      short: 'heartbeat late',
    });
  }

  // Other conditions: only trust them while the kubelet is reporting (Unknown means "stale").
  const severe = new Set(opts.severeConditionTypes ?? NODE_HEALTH_DEFAULTS.severeConditionTypes);
  for (const condition of node.status?.conditions ?? []) {
    if (condition.type === 'Ready' || condition.status !== 'True') {
      continue;
    }
    const since = sinceText(toMillis(condition.lastTransitionTime), nowMs);
    const pressure = PRESSURE_CONDITIONS[condition.type];
    if (pressure) {
      reasons.push({
        code: pressure.code,
        severity: 'warning',
        text: `${condition.type}${since}${condition.message ? `: ${condition.message}` : ''}`,
        short: condition.type,
        detail: condition.reason,
      });
    } else if (condition.type === 'NetworkUnavailable') {
      reasons.push({
        code: 'network-unavailable',
        severity: severe.has('NetworkUnavailable') ? 'error' : 'warning',
        text: `NetworkUnavailable${since}${condition.message ? `: ${condition.message}` : ''}`,
        short: 'NetworkUnavailable',
        detail: condition.reason,
      });
    } else {
      reasons.push({
        code: 'node-problem',
        severity: severe.has(condition.type) ? 'error' : 'warning',
        text: `${condition.type}${since}${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? `: ${condition.message}` : ''}`,
        short: condition.type,
        detail: 'Condition set by node-problem-detector or another node agent.',
      });
    }
  }

  // Pod density (seed 001: ~110 pods per node stalled PLEG).
  const podCount = countActivePods(pods);
  const podCapacity = parseCount(node.status?.allocatable?.pods ?? node.status?.capacity?.pods);
  const densityPercent = opts.podDensityWarningPercent ?? NODE_HEALTH_DEFAULTS.podDensityWarningPercent;
  if (podCapacity !== undefined && podCapacity > 0) {
    const percent = Math.round((podCount / podCapacity) * 100);
    if (podCount >= podCapacity) {
      reasons.push({
        code: 'pod-density',
        severity: 'warning',
        text: `${podCount}/${podCapacity} pods: at the kubelet's pod limit`,
        detail:
          'A node this full relists many containers every second; PLEG stalls and NotReady flapping follow (seed 001).',
      });
    } else if (percent >= densityPercent) {
      reasons.push({
        code: 'pod-density',
        severity: 'warning',
        text: `${podCount}/${podCapacity} pods (${percent}%, warning from ${densityPercent}%)`,
        detail: 'Dense nodes make PLEG relists slow; consider spreading pods (seed 001).',
      });
    }
  }

  // osImage `Unknown` while the node looks Ready: the kubelet could not read /etc/os-release (seed 002).
  // A missing osImage is only noted: virtual kubelets (kwok, virtual-kubelet) never report one,
  // while a real kubelet always does — it writes `Unknown` when it cannot read the file.
  if (state !== 'NeverReported') {
    const osImage = node.status?.nodeInfo?.osImage?.trim();
    if (!osImage || /^unknown$/i.test(osImage)) {
      reasons.push({
        code: 'os-image-unknown',
        severity: osImage ? 'warning' : 'info',
        text: osImage
          ? `OS image ${osImage}: the kubelet could not read /etc/os-release`
          : 'OS image not reported (normal for virtual kubelets; a real kubelet reports it)',
        short: osImage ? 'OS image Unknown' : 'no OS image',
        detail:
          'Seen when the root disk or filesystem fails while the node still reports Ready; check whether you can log in.',
      });
    }
  }

  const skew = versionSkewReason(node, opts);
  if (skew) {
    reasons.push(skew);
  }

  const cordoned = node.spec?.unschedulable === true;
  if (cordoned) {
    reasons.push({
      code: 'cordoned',
      severity: 'info',
      text: 'Cordoned: new pods are not scheduled here',
      short: 'cordoned',
    });
  }

  for (const taint of node.spec?.taints ?? []) {
    if (
      CONTROL_PLANE_TAINTS.has(taint.key) ||
      (taint.effect === 'NoExecute' && taint.key !== 'node.kubernetes.io/unschedulable')
    ) {
      reasons.push({
        code: 'taint',
        severity: 'info',
        text: `Taint ${taintText(taint)}${sinceText(toMillis(taint.timeAdded), nowMs)}`,
      });
    }
  }

  const sorted = sortReasons(reasons);
  const level: HealthLevel =
    state === 'Unknown' || state === 'NeverReported'
      ? 'unknown'
      : sorted.some((r) => r.severity === 'error')
        ? 'error'
        : sorted.some((r) => r.severity === 'warning')
          ? 'warning'
          : 'ok';

  const summaryParts: string[] = [state === 'NeverReported' ? 'Unknown' : state];
  for (const r of sorted) {
    if (r.severity === 'info' || !r.short) {
      continue;
    }
    if (summaryParts.length >= 3) {
      break;
    }
    if (!summaryParts.includes(r.short)) {
      summaryParts.push(r.short);
    }
  }
  if (cordoned) {
    summaryParts.push('cordoned');
  }
  if (podCapacity !== undefined) {
    summaryParts.push(`${podCount}/${podCapacity} pods`);
  }

  return {
    name: node.metadata?.name ?? '',
    level,
    summary: summaryParts.join(' · '),
    reasons: sorted,
    state,
    readyStatus: ready
      ? ready.status === 'True' || ready.status === 'False'
        ? ready.status
        : 'Unknown'
      : 'Missing',
    kubectlStatus: kubectlNodeStatus(node),
    cordoned,
    lease: heartbeat,
    podCount,
    ...(podCapacity !== undefined ? { podCapacity } : {}),
  };
}
