/**
 * Pod health: kubectl's STATUS plus why the pod is unhealthy, and for a pod stuck Terminating, the
 * likely cause (its node is gone or silent, the runtime is stuck, or finalizers remain).
 * Pure; `now` is injected.
 *
 * Facts: /work/shared/reference/kubernetes-facts.md §2 (STATUS, Terminating vs Finalizing,
 * deletionTimestamp = end of the grace period, stuck-pod reasoning); seed 003.
 */
import { humanDuration } from './duration';
import { sortReasons, type HealthLevel, type HealthReason } from './healthTypes';
import {
  findNodeCondition,
  findPodCondition,
  toMillis,
  type ContainerStatusInfo,
  type NodeInfo,
  type PodInfo,
} from './model';
import type { NodeHealth, NodeState } from './nodeHealth';
import { kubectlPodColumns, type KubectlPodColumns } from './podStatus';

export interface PodHealthOptions {
  /** Warn when a pod has been ContainerCreating/PodInitializing longer than this. */
  readonly containerCreatingWarnSeconds?: number;
  /** Slack after the end of the grace period before a Terminating pod counts as stuck. */
  readonly terminatingSlackSeconds?: number;
  /** The node's classification, when the caller already has it (avoids re-deriving from `node`). */
  readonly nodeHealth?: Pick<NodeHealth, 'state' | 'lease' | 'summary'>;
}

export const POD_HEALTH_DEFAULTS = {
  containerCreatingWarnSeconds: 300,
  terminatingSlackSeconds: 30,
} as const;

/** Why a Terminating pod is overdue, in the order kubernetes-facts.md §2.5 checks them. */
export type StuckCause = 'finalizers' | 'node-gone' | 'node-unreachable' | 'node-not-ready' | 'slow-shutdown';

export interface TerminationInfo {
  /** End of the grace period (the pod's deletionTimestamp), epoch ms. */
  readonly graceEndsMs: number;
  readonly gracePeriodSeconds?: number;
  /** now − deletionTimestamp; negative while the grace period runs. */
  readonly sinceGraceEndMs: number;
  readonly stuck: boolean;
  /** Containers are gone and only finalizers keep the object. */
  readonly finalizing: boolean;
  readonly finalizers: readonly string[];
  readonly cause?: StuckCause;
}

export interface PodHealth {
  readonly namespace: string;
  readonly name: string;
  /** kubectl's STATUS column. */
  readonly status: string;
  /** What we show: kubectl's STATUS, except `Finalizing` when only finalizers keep the pod. */
  readonly label: string;
  readonly level: HealthLevel;
  /** Tree description, e.g. `CrashLoopBackOff · 12 restarts · OOMKilled`. */
  readonly summary: string;
  readonly reasons: readonly HealthReason[];
  readonly columns: KubectlPodColumns;
  readonly termination?: TerminationInfo;
}

const IMAGE_PULL_REASONS = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RegistryUnavailable',
]);
const CONTAINER_ERROR_REASONS = new Set([
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PostStartHookError',
  'PreStartHookError',
]);
const STARTING_REASONS = new Set(['ContainerCreating', 'PodInitializing']);

function nodeStateOf(node: NodeInfo | undefined, opts: PodHealthOptions): NodeState | 'gone' | 'none' {
  if (opts.nodeHealth) {
    return opts.nodeHealth.lease.state === 'stale' && opts.nodeHealth.state === 'Ready'
      ? 'Unknown'
      : opts.nodeHealth.state;
  }
  if (!node) {
    return 'gone';
  }
  const ready = findNodeCondition(node, 'Ready');
  if (!ready) {
    return 'NeverReported';
  }
  if (ready.status === 'True') {
    return 'Ready';
  }
  if (ready.status === 'False') {
    return 'NotReady';
  }
  return 'Unknown';
}

function exitText(t: NonNullable<NonNullable<ContainerStatusInfo['state']>['terminated']>): string {
  const code = t.signal ? `signal ${t.signal}` : `exit code ${t.exitCode}`;
  return t.reason ? `${t.reason} (${code})` : code;
}

function containerReasons(
  status: ContainerStatusInfo,
  kind: 'init' | 'main',
  pod: PodInfo,
  nowMs: number,
  startingSinceMs: number | undefined,
  opts: PodHealthOptions,
): HealthReason[] {
  const reasons: HealthReason[] = [];
  const label = `${kind === 'init' ? 'init container' : 'container'} ${status.name}`;
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  const phase = pod.status?.phase;
  // An evicted pod's containers were killed by the kubelet; the eviction itself is the story.
  const evicted = pod.status?.reason === 'Evicted';

  if (waiting?.reason === 'CrashLoopBackOff') {
    const lastExit = last
      ? `; last exit ${exitText(last)}${toMillis(last.finishedAt) !== undefined ? ` ${humanDuration(nowMs - toMillis(last.finishedAt)!)} ago` : ''}`
      : '';
    reasons.push({
      code: 'crash-loop',
      severity: 'error',
      text: `${label} in CrashLoopBackOff: ${status.restartCount} restarts${lastExit}`,
      short: last?.reason === 'OOMKilled' ? 'OOMKilled' : `${status.restartCount} restarts`,
      detail: waiting.message,
    });
  } else if (waiting?.reason && IMAGE_PULL_REASONS.has(waiting.reason)) {
    reasons.push({
      code: 'image-pull',
      severity: 'error',
      text: `${label}: ${waiting.reason}${status.image ? ` for ${status.image}` : ''}`,
      short: waiting.reason,
      detail: waiting.message,
    });
  } else if (waiting?.reason && CONTAINER_ERROR_REASONS.has(waiting.reason)) {
    reasons.push({
      code: 'container-error',
      severity: 'error',
      text: `${label}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`,
      short: waiting.reason,
      detail: waiting.message,
    });
  } else if (waiting?.reason && STARTING_REASONS.has(waiting.reason) && startingSinceMs !== undefined) {
    const limitMs =
      (opts.containerCreatingWarnSeconds ?? POD_HEALTH_DEFAULTS.containerCreatingWarnSeconds) * 1000;
    if (nowMs - startingSinceMs > limitMs) {
      reasons.push({
        code: 'slow-start',
        severity: 'warning',
        text: `${label} ${waiting.reason} for ${humanDuration(nowMs - startingSinceMs)}`,
        short: `${waiting.reason} ${humanDuration(nowMs - startingSinceMs)}`,
        detail:
          waiting.message ??
          'Image pulls, volume mounts (NFS, CSI) or the CNI plugin are the usual suspects; check the pod events.',
      });
    }
  }

  if (terminated?.reason === 'OOMKilled') {
    reasons.push({
      code: 'oom-killed',
      severity: 'error',
      text: `${label} OOMKilled (${exitText(terminated).replace(/^OOMKilled \((.*)\)$/, '$1')})`,
      short: 'OOMKilled',
      detail: 'The container exceeded its memory limit, or the node ran out of memory.',
    });
  } else if (last?.reason === 'OOMKilled' && waiting?.reason !== 'CrashLoopBackOff') {
    reasons.push({
      code: 'oom-killed',
      severity: 'warning',
      text: `${label} was OOMKilled and restarted (${status.restartCount} restarts)`,
      short: 'OOMKilled',
    });
  } else if (
    terminated &&
    terminated.exitCode !== 0 &&
    phase !== 'Succeeded' &&
    kind === 'main' &&
    !evicted
  ) {
    reasons.push({
      code: 'container-failed',
      severity: 'error',
      text: `${label} terminated: ${exitText(terminated)}`,
      short: terminated.reason ?? `exit ${terminated.exitCode}`,
      detail: terminated.message,
    });
  } else if (terminated && terminated.exitCode !== 0 && kind === 'init') {
    reasons.push({
      code: 'init-failed',
      severity: 'error',
      text: `${label} failed: ${exitText(terminated)}`,
      short: 'init failed',
      detail: terminated.message,
    });
  }

  if (
    kind === 'main' &&
    status.state?.running &&
    !status.ready &&
    phase === 'Running' &&
    !pod.metadata?.deletionTimestamp
  ) {
    reasons.push({
      code: 'container-not-ready',
      severity: 'warning',
      text: `${label} running but not ready`,
      short: 'not ready',
    });
  }
  return reasons;
}

function terminationAnalysis(
  pod: PodInfo,
  node: NodeInfo | undefined,
  nowMs: number,
  opts: PodHealthOptions,
): { info: TerminationInfo; reasons: HealthReason[] } | undefined {
  const graceEndsMs = toMillis(pod.metadata?.deletionTimestamp);
  if (graceEndsMs === undefined) {
    return undefined;
  }
  const finalizers = pod.metadata?.finalizers ?? [];
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const phase = pod.status?.phase;
  const containersGone =
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    statuses.every((s) => !s.state?.running && !s.state?.waiting);
  const finalizing = finalizers.length > 0 && containersGone;
  const sinceGraceEndMs = nowMs - graceEndsMs;
  const slackMs = (opts.terminatingSlackSeconds ?? POD_HEALTH_DEFAULTS.terminatingSlackSeconds) * 1000;
  const stuck = sinceGraceEndMs > slackMs;
  const gracePeriodSeconds = pod.metadata?.deletionGracePeriodSeconds;
  const nodeName = pod.spec?.nodeName;
  const reasons: HealthReason[] = [];
  const finalizerList = finalizers.join(', ');
  const overdue = humanDuration(Math.max(0, sinceGraceEndMs));

  let cause: StuckCause | undefined;
  if (stuck) {
    const nodeState = nodeName ? nodeStateOf(node, opts) : 'none';
    if (finalizing) {
      cause = 'finalizers';
      reasons.push({
        code: 'finalizing',
        severity: 'error',
        text: `Finalizing for ${overdue}: waiting for ${finalizers.length === 1 ? 'finalizer' : 'finalizers'} ${finalizerList}`,
        short: `Finalizing ${overdue}`,
        detail:
          'The containers are gone; a controller has not removed its finalizer. Find its owner before removing it by hand.',
      });
    } else if (nodeState === 'gone') {
      cause = 'node-gone';
      reasons.push({
        code: 'stuck-terminating',
        severity: 'error',
        text: `Stuck Terminating for ${overdue}: node ${nodeName} no longer exists`,
        short: `Terminating ${overdue}`,
        detail:
          'Pod garbage collection removes pods of deleted nodes; force delete (grace 0) if it does not.',
      });
    } else if (nodeState === 'Unknown' || nodeState === 'NeverReported') {
      cause = 'node-unreachable';
      reasons.push({
        code: 'stuck-terminating',
        severity: 'error',
        text: `Stuck Terminating for ${overdue}: node ${nodeName} is Unknown, its kubelet cannot confirm the deletion`,
        short: `Terminating ${overdue}`,
        detail:
          'Restore the node, force delete the pod (its containers may keep running there), or delete the Node object. ' +
          'A drain of this node needs --skip-wait-for-delete-timeout.',
      });
    } else if (nodeState === 'NotReady') {
      cause = 'node-not-ready';
      reasons.push({
        code: 'stuck-terminating',
        severity: 'error',
        text: `Stuck Terminating for ${overdue}: node ${nodeName} is NotReady, its runtime cannot stop the containers`,
        short: `Terminating ${overdue}`,
        detail:
          `${opts.nodeHealth?.summary ?? ''}\nLook at the kubelet and container runtime logs; a force delete only removes the API object.`.trim(),
      });
    } else {
      cause = 'slow-shutdown';
      reasons.push({
        code: 'stuck-terminating',
        severity: 'error',
        text: `Stuck Terminating for ${overdue}: containers still running after the grace period`,
        short: `Terminating ${overdue}`,
        detail:
          'preStop hooks, a process ignoring SIGTERM, or a hung volume unmount (NFS). Check the kubelet log for the pod UID.',
      });
    }
    if (finalizers.length > 0 && !finalizing) {
      reasons.push({
        code: 'finalizers',
        severity: 'warning',
        text: `Finalizers remain: ${finalizerList}`,
        detail: 'Even after the containers stop, the pod stays until these finalizers are removed.',
      });
    }
  } else {
    const remaining = graceEndsMs - nowMs;
    reasons.push({
      code: 'terminating',
      severity: 'info',
      text:
        remaining > 0
          ? `Terminating: grace period ends in ${humanDuration(remaining)}`
          : `Terminating: grace period ended ${humanDuration(-remaining)} ago`,
      ...(finalizers.length > 0 ? { detail: `Finalizers: ${finalizerList}` } : {}),
    });
  }

  return {
    info: {
      graceEndsMs,
      ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
      sinceGraceEndMs,
      stuck,
      finalizing,
      finalizers,
      ...(cause ? { cause } : {}),
    },
    reasons,
  };
}

/**
 * Classifies one pod. `node` is the pod's node from the cache; `undefined` for a pod with
 * `spec.nodeName` set means the node no longer exists.
 * @example classifyPod(crashLoopPod, node, now).summary // 'CrashLoopBackOff · 12 restarts'
 * @example classifyPod(deletedPodOnSilentNode, silentNode, now).termination.cause // 'node-unreachable'
 */
export function classifyPod(
  pod: PodInfo,
  node: NodeInfo | undefined,
  now: Date | number,
  opts: PodHealthOptions = {},
): PodHealth {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const columns = kubectlPodColumns(pod);
  const reasons: HealthReason[] = [];
  const phase = pod.status?.phase;

  const scheduled = findPodCondition(pod, 'PodScheduled');
  if (phase === 'Pending' && scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    reasons.push({
      code: 'unschedulable',
      severity: 'warning',
      text: `Unschedulable${scheduled.message ? `: ${scheduled.message}` : ''}`,
      short: 'Unschedulable',
      detail: scheduled.message,
    });
  } else if (scheduled?.reason === 'SchedulingGated') {
    reasons.push({
      code: 'scheduling-gated',
      severity: 'info',
      text: 'Waiting for its scheduling gates to be removed',
    });
  }

  if (pod.status?.reason === 'Evicted') {
    reasons.push({
      code: 'evicted',
      severity: 'warning',
      text: `Evicted${pod.status.message ? `: ${pod.status.message.trim()}` : ''}`,
      short: 'Evicted',
    });
  } else if (pod.status?.reason === 'NodeLost') {
    reasons.push({
      code: 'node-lost',
      severity: 'warning',
      text: `${pod.spec?.nodeName ? `Node ${pod.spec.nodeName}` : 'Its node'} is unreachable: the pod's state is unknown`,
      short: 'node lost',
    });
  }

  // Since when the pod has been starting: scheduled time, else start time, else creation.
  const startingSinceMs =
    (scheduled?.status === 'True' ? toMillis(scheduled.lastTransitionTime) : undefined) ??
    toMillis(pod.status?.startTime) ??
    toMillis(pod.metadata?.creationTimestamp);
  for (const status of pod.status?.initContainerStatuses ?? []) {
    reasons.push(...containerReasons(status, 'init', pod, nowMs, startingSinceMs, opts));
  }
  for (const status of pod.status?.containerStatuses ?? []) {
    reasons.push(...containerReasons(status, 'main', pod, nowMs, startingSinceMs, opts));
  }

  // Waiting behind a failing init container is not a slow start of its own.
  if (reasons.some((r) => r.severity === 'error')) {
    for (let i = reasons.length - 1; i >= 0; i--) {
      if (reasons[i].code === 'slow-start') {
        reasons.splice(i, 1);
      }
    }
  }

  if (
    phase === 'Failed' &&
    !reasons.some((r) => r.severity === 'error') &&
    pod.status?.reason !== 'Evicted'
  ) {
    reasons.push({
      code: 'failed',
      severity: 'error',
      text: `Failed${pod.status?.reason ? ` (${pod.status.reason})` : ''}${pod.status?.message ? `: ${pod.status.message}` : ''}`,
      short: 'Failed',
    });
  }

  // A pod on a silent node still shows the kubelet's last report; say it may be stale.
  const nodeName = pod.spec?.nodeName;
  if (
    nodeName &&
    !pod.metadata?.deletionTimestamp &&
    phase !== 'Succeeded' &&
    phase !== 'Failed' &&
    (node || opts.nodeHealth)
  ) {
    const state = nodeStateOf(node, opts);
    if (state === 'Unknown' || state === 'NeverReported') {
      reasons.push({
        code: 'node-unreachable',
        severity: 'warning',
        text: `Node ${nodeName} is ${state === 'Unknown' ? 'Unknown' : 'not reporting'}: this is the last status its kubelet reported`,
        short: 'node Unknown',
        detail:
          'After the default 300 s toleration the taint eviction controller deletes the pod; it then stays Terminating until the node returns or the pod is force deleted.',
      });
    }
  }

  const termination = terminationAnalysis(pod, node, nowMs, opts);
  if (termination) {
    reasons.push(...termination.reasons);
  }

  const sorted = sortReasons(reasons);
  const unknown = columns.status === 'Unknown' || phase === 'Unknown';
  const level: HealthLevel = sorted.some((r) => r.severity === 'error')
    ? 'error'
    : unknown
      ? 'unknown'
      : sorted.some((r) => r.severity === 'warning')
        ? 'warning'
        : 'ok';

  const label = termination?.info.finalizing ? 'Finalizing' : columns.status;
  const summaryParts = [label];
  for (const r of sorted) {
    if (r.severity === 'info' || !r.short || summaryParts.length >= 3) {
      continue;
    }
    if (!summaryParts.includes(r.short) && r.short !== label) {
      summaryParts.push(r.short);
    }
  }
  if (columns.restarts > 0 && !summaryParts.some((p) => p.endsWith(' restarts'))) {
    summaryParts.push(`${columns.restarts} ${columns.restarts === 1 ? 'restart' : 'restarts'}`);
  }

  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    status: columns.status,
    label,
    level,
    summary: summaryParts.join(' · '),
    reasons: sorted,
    columns,
    ...(termination ? { termination: termination.info } : {}),
  };
}
