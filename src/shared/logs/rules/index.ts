/**
 * The rule registry. ORDER IS PRIORITY: the engine tries rules top to bottom and a line gets only the
 * first rule that matches. The order, by group:
 *
 * 1. precision traps that look like something worse (inotify's ENOSPC is not a full disk);
 * 2. PLEG, whatever else its line aggregates;
 * 3. root causes that explain the symptoms after them (PIDs, disk, inodes, fds, read-only fs, certificates);
 * 4. runtime and kubelet state, heartbeats, control-plane signals;
 * 5. kernel faults;
 * 6. symptoms (runtime timeouts, CNI/volume/container failures, evictions, pressure);
 * 7. generic catch-alls (`pod-sync-skipped`, `node-not-ready`) last.
 */
import type { Rule } from '../types';
import { certExpired, certUntrusted } from './certificates';
import { cniNotReady, cniSetupFailed } from './cniFailure';
import { diskFull, diskPressure, fdExhaustion, inodeFull, inotifyWatchLimit } from './diskFull';
import { podEviction } from './eviction';
import {
  diskIoError,
  filesystemError,
  filesystemWarning,
  readonlyRemount,
  readonlyWrite,
} from './filesystemErrors';
import { imagePullFailure } from './imagePull';
import {
  conntrackFull,
  hardwareErrorFatal,
  hardwareErrorRecoverable,
  kernelOops,
  neighbourTableOverflow,
  tcpOutOfMemory,
  unregisterNetdevice,
} from './kernelFaults';
import { hungTask, nfsHang, runtimeTaskHung, softLockup } from './kernelHangs';
import {
  crashLoopBackOff,
  kubeletServiceFailed,
  kubeletStartFailed,
  masterDisruptionMode,
  missingNodeCapacity,
  nodeNotReady,
  orphanedPodVolumes,
  podSyncSkipped,
  syncLoopStalled,
  volumeMountFailed,
} from './kubeletHealth';
import { leaseUpdateFailed, nodeStatusUnknown, nodeStatusUpdateFailed } from './nodeStatus';
import { nodeMemoryPressure, oomKill } from './oomKill';
import { nodePidPressure, pidExhaustion } from './pidExhaustion';
import { plegNeverRan, plegNotHealthy, plegRelistFailed } from './plegUnhealthy';
import { unmountBusy, zombieProcess } from './processState';
import {
  dockerDaemonUnreachable,
  runtimeDown,
  runtimeNotReady,
  runtimeSanityCheckFailed,
  runtimeServiceFailed,
  runtimeSocketUnreachable,
  runtimeStatusPending,
} from './runtimeDown';
import {
  containerKillFailed,
  containerStartFailed,
  dockerOverlayCorrupt,
  leaderElectionLost,
  processCrash,
} from './runtimeContainers';
import { runtimeTimeout } from './runtimeTimeout';

export const RULES: readonly Rule[] = Object.freeze([
  // 1. traps
  inotifyWatchLimit,
  // 2. PLEG
  plegNeverRan,
  plegNotHealthy,
  // 3. root causes
  pidExhaustion,
  inodeFull,
  diskFull,
  fdExhaustion,
  readonlyRemount,
  readonlyWrite,
  certExpired,
  // 4. runtime, kubelet, heartbeats, control plane
  dockerDaemonUnreachable,
  runtimeSocketUnreachable,
  runtimeDown,
  runtimeNotReady,
  runtimeStatusPending,
  cniNotReady,
  runtimeServiceFailed,
  kubeletServiceFailed,
  kubeletStartFailed,
  nodeStatusUnknown,
  nodeStatusUpdateFailed,
  leaseUpdateFailed,
  leaderElectionLost,
  masterDisruptionMode,
  syncLoopStalled,
  // 5. kernel
  runtimeTaskHung,
  hungTask,
  nfsHang,
  kernelOops,
  softLockup,
  unregisterNetdevice,
  hardwareErrorFatal,
  hardwareErrorRecoverable,
  filesystemError,
  filesystemWarning,
  diskIoError,
  conntrackFull,
  neighbourTableOverflow,
  tcpOutOfMemory,
  oomKill,
  // 6. symptoms
  imagePullFailure,
  volumeMountFailed,
  runtimeTimeout,
  runtimeSanityCheckFailed,
  plegRelistFailed,
  cniSetupFailed,
  unmountBusy,
  zombieProcess,
  containerKillFailed,
  dockerOverlayCorrupt,
  containerStartFailed,
  podEviction,
  nodeMemoryPressure,
  nodePidPressure,
  diskPressure,
  missingNodeCapacity,
  crashLoopBackOff,
  orphanedPodVolumes,
  processCrash,
  certUntrusted,
  // 7. catch-alls
  podSyncSkipped,
  nodeNotReady,
]);

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The catalog rule with this id. */
export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
