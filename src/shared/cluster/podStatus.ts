/**
 * The STATUS, READY and RESTARTS columns exactly as `kubectl get pods` prints them.
 *
 * Mirrors `printPod` in kubernetes/kubernetes `pkg/printers/internalversion/printers.go` as of
 * v1.36.3 (SchedulingGated, restartable init containers, a `Completed` pod shown as `Running`,
 * the failing container's reason, or `NotReady`, and `Terminating` only for non-terminal phases).
 * Reimplemented here so the tree shows the same words users see in a terminal.
 */
import { humanDuration } from './duration';
import { toMillis, type ContainerSpecInfo, type ContainerStatusInfo, type PodInfo } from './model';

/** `status.reason` the node lifecycle controller sets on pods of an unreachable node. */
export const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export interface KubectlPodColumns {
  /** STATUS, e.g. `Running`, `CrashLoopBackOff`, `Init:1/3`, `Terminating`. */
  readonly status: string;
  readonly readyContainers: number;
  /** Regular containers plus restartable (sidecar) init containers. */
  readonly totalContainers: number;
  /** READY, e.g. `1/2`. */
  readonly ready: string;
  readonly restarts: number;
  /** When the most recent counted restart's previous container finished (epoch ms). */
  readonly lastRestartMs?: number;
}

function isRestartableInitContainer(spec: ContainerSpecInfo | undefined): boolean {
  return spec?.restartPolicy === 'Always';
}

function conditionTrue(pod: PodInfo, type: string): boolean {
  // kubectl looks at the first condition of the type only for Initialized; Ready: any True one.
  return pod.status?.conditions?.some((c) => c.type === type && c.status === 'True') === true;
}

function initializedConditionTrue(pod: PodInfo): boolean {
  const first = pod.status?.conditions?.find((c) => c.type === 'Initialized');
  return first?.status === 'True';
}

function lastTerminationMs(status: ContainerStatusInfo): number | undefined {
  return toMillis(status.lastState?.terminated?.finishedAt);
}

/** `Init:` + reason, or `Init:Signal:n` / `Init:ExitCode:n` for a failed init container. */
function terminatedText(
  terminated: NonNullable<NonNullable<ContainerStatusInfo['state']>['terminated']>,
): string {
  if (terminated.reason) {
    return terminated.reason;
  }
  return terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
}

/**
 * kubectl's columns for one pod.
 * @example kubectlPodColumns(crashingPod).status // 'CrashLoopBackOff'
 * @example kubectlPodColumns(deletedPodOnLostNode).status // 'Unknown' (reason NodeLost)
 */
export function kubectlPodColumns(pod: PodInfo): KubectlPodColumns {
  const phase = pod.status?.phase ?? '';
  let reason = pod.status?.reason ? pod.status.reason : phase;

  if (pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initSpecs = new Map<string, ContainerSpecInfo>();
  let totalContainers = pod.spec?.containers?.length ?? 0;
  for (const spec of pod.spec?.initContainers ?? []) {
    initSpecs.set(spec.name, spec);
    if (isRestartableInitContainer(spec)) {
      totalContainers++;
    }
  }
  const initCount = pod.spec?.initContainers?.length ?? 0;

  let readyContainers = 0;
  let restarts = 0;
  let lastRestartMs: number | undefined;
  let sidecarRestarts = 0;
  let lastSidecarRestartMs: number | undefined;
  const later = (a: number | undefined, b: number | undefined) =>
    a === undefined ? b : b === undefined ? a : Math.max(a, b);

  let initializing = false;
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const container = initStatuses[i];
    restarts += container.restartCount ?? 0;
    lastRestartMs = later(lastRestartMs, lastTerminationMs(container));
    const restartable = isRestartableInitContainer(initSpecs.get(container.name));
    if (restartable) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestartMs = later(lastSidecarRestartMs, lastTerminationMs(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && terminated.exitCode === 0) {
      continue;
    }
    if (restartable && container.started === true) {
      if (container.ready) {
        readyContainers++;
      }
      continue;
    }
    if (terminated) {
      reason = `Init:${terminatedText(terminated)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(pod)) {
    restarts = sidecarRestarts;
    lastRestartMs = lastSidecarRestartMs;
    let hasRunning = false;
    let errorReason = '';
    const statuses = pod.status?.containerStatuses ?? [];
    // Last to first, so the first container's state wins, as in kubectl.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      restarts += container.restartCount ?? 0;
      lastRestartMs = later(lastRestartMs, lastTerminationMs(container));
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated) {
        reason = terminatedText(terminated);
        if (terminated.exitCode !== 0) {
          errorReason = reason;
        }
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A `Completed` first container: running and Ready wins, then a failed container, then NotReady.
    if (reason === 'Completed') {
      if (hasRunning && conditionTrue(pod, 'Ready')) {
        reason = 'Running';
      } else if (errorReason) {
        reason = errorReason;
      } else if (hasRunning) {
        reason = 'NotReady';
      }
    }
  }

  if (pod.metadata?.deletionTimestamp && pod.status?.reason === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  return {
    status: reason,
    readyContainers,
    totalContainers,
    ready: `${readyContainers}/${totalContainers}`,
    restarts,
    ...(lastRestartMs !== undefined ? { lastRestartMs } : {}),
  };
}

/**
 * kubectl's STATUS column for a pod.
 * @example kubectlPodStatus(podWithWaitingImagePullBackOff) // 'ImagePullBackOff'
 */
export function kubectlPodStatus(pod: PodInfo): string {
  return kubectlPodColumns(pod).status;
}

/**
 * kubectl's RESTARTS column: `5 (2m ago)` when a restart time is known, else the bare count.
 * @example restartsText({ restarts: 5, lastRestartMs: t0 }, t0 + 120_000) // '5 (2m ago)'
 */
export function restartsText(
  columns: Pick<KubectlPodColumns, 'restarts' | 'lastRestartMs'>,
  nowMs: number,
): string {
  if (columns.restarts !== 0 && columns.lastRestartMs !== undefined) {
    return `${columns.restarts} (${humanDuration(nowMs - columns.lastRestartMs)} ago)`;
  }
  return String(columns.restarts);
}
