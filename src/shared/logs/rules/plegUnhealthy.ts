import { formatSeconds, parseGoDuration } from '../goDuration';
import { CMD, defineRule } from './defineRule';

const LAST_SEEN = /pleg was last seen active (\S+?) ago;? threshold is (\S+?)(?=[\]",\s]|$)/i;

/**
 * `PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s` in every wording:
 * the old `skipping pod synchronization - …`, the structured `"Skipping pod synchronization" err="…"`,
 * the `Node became not ready` condition and kubectl describe output.
 */
export const plegNotHealthy = defineRule({
  id: 'pleg-not-healthy',
  category: 'pleg-unhealthy',
  severity: 'error',
  title: 'PLEG not healthy',
  keywords: ['pleg is not healthy'],
  patterns: [/PLEG is not healthy: pleg was last seen active \S+ ago/i, /PLEG is not healthy/i],
  // 2562047h47m16.85s is Go's maximum duration: "never relisted", reported by pleg-never-ran.
  exclude: [/pleg has yet to be successful/i, /last seen active 2562047h/i],
  describe: (_match, message) => {
    const m = LAST_SEEN.exec(message);
    const details: Record<string, number | string> = {};
    const parts: string[] = [];
    if (m) {
      const seen = parseGoDuration(m[1]);
      const threshold = parseGoDuration(m[2]);
      if (seen !== undefined) {
        details.lastSeenActiveSeconds = Math.round(seen * 1000) / 1000;
        parts.push(`last seen active ${formatSeconds(seen)} ago`);
      }
      if (threshold !== undefined) {
        details.thresholdSeconds = threshold;
        parts.push(`(threshold ${m[2]})`);
      }
    }
    if (/container runtime is down/i.test(message)) {
      details.runtimeDown = 1;
      parts.push('and the container runtime is down');
    }
    if (/node became not ready|NodeNotReady|KubeletNotReady/i.test(message)) {
      details.nodeNotReady = 1;
      parts.push('- node went NotReady');
    }
    return { summary: parts.join(' ') || undefined, details };
  },
  explanation:
    "The kubelet's Pod Lifecycle Event Generator (PLEG) relists every container through the container runtime once a second. " +
    'When a relist has not completed within the threshold (3m with the generic PLEG, 10m with the evented PLEG), the kubelet ' +
    'reports `PLEG is not healthy`, **skips pod synchronization** and sets the node `Ready=False` (`KubeletNotReady`): the node ' +
    'flaps NotReady and its pods stop being updated, deleted or restarted.\n\n' +
    'Usual causes: the runtime (containerd/dockerd) is hung or answering too slowly (look for `DeadlineExceeded` nearby); one ' +
    'pod whose inspect call hangs, e.g. on a dead NFS mount (kubernetes/kubernetes#94829); too many pods/containers for the node; ' +
    'a zombie or unkillable container process; CPU or I/O starvation on the node.',
  remediation:
    '1. Check whether the runtime answers: `crictl ps` / `docker ps` — if it hangs, the runtime is the culprit.\n' +
    '2. Look for runtime timeouts (`context deadline exceeded`) and PID/disk exhaustion in the same time window.\n' +
    '3. Look for hung tasks (`blocked for more than 120 seconds`), NFS `server not responding` and `<defunct>` processes.\n' +
    '4. Cordon the node so nothing new lands there; restart the runtime, then the kubelet. If processes stay in `D`/`Z` state, ' +
    'drain and reboot the node.\n' +
    '5. Long term: fewer pods per node, reserve resources for system daemons (`systemReserved`/`kubeReserved`), keep runtime and ' +
    'kubelet versions current.',
  commands: [
    CMD.describeNode,
    CMD.kubeletJournal,
    'timeout 10 crictl ps || echo "runtime not answering"',
    CMD.containerdJournal,
    "ps -eo pid,ppid,stat,wchan:32,cmd | awk '$3 ~ /^(D|Z)/'",
    CMD.cordon,
    'systemctl restart containerd && systemctl restart kubelet',
  ],
  source:
    'kubernetes/kubernetes pkg/kubelet/pleg/generic.go Healthy(); kubelet.go syncLoop; seeds 000, 001, 003, 004',
});

export const plegNeverRan = defineRule({
  id: 'pleg-never-ran',
  category: 'pleg-unhealthy',
  severity: 'warning',
  title: 'PLEG has not relisted since kubelet start',
  keywords: ['pleg has yet to be successful', 'last seen active 2562047h'],
  patterns: [/pleg has yet to be successful/i, /pleg was last seen active 2562047h\S{0,32} ago/i],
  startupGraceSeconds: 120,
  firstOccurrenceMarksStart: true,
  explanation:
    '`PLEG is not healthy: pleg has yet to be successful` (older kubelets: `last seen active 2562047h47m16.85s ago`, the ' +
    "maximum Go duration) means the kubelet's PLEG has never completed a relist since the kubelet " +
    'started. For the first seconds after a kubelet start this is routine (and is not flagged within 2 minutes of a start line, ' +
    'or of its first occurrence when no start line is in view); ' +
    'later it means the container runtime never answered the kubelet (cri-o/cri-o#5549).',
  remediation:
    '1. Check that the runtime socket the kubelet uses (`--container-runtime-endpoint`) exists and answers: `crictl info`.\n' +
    "2. Read the runtime's own log for start-up errors.\n" +
    '3. Restart the runtime, then the kubelet.',
  commands: [CMD.crictlInfo, CMD.runtimeStatus, CMD.containerdJournal, CMD.kubeletJournal],
  source: 'pkg/kubelet/pleg/generic.go; cri-o/cri-o#5549',
});

export const plegRelistFailed = defineRule({
  id: 'pleg-relist-failed',
  category: 'pleg-unhealthy',
  severity: 'warning',
  title: 'PLEG relist failed',
  keywords: ['genericpleg: unable to retrieve pods', 'event channel is full'],
  patterns: [
    /GenericPLEG: Unable to retrieve pods/i,
    /Event channel is full, discard this relist\(\) cycle event/i,
  ],
  explanation:
    'The PLEG relist could not list pods from the container runtime (`GenericPLEG: Unable to retrieve pods`) or its event channel ' +
    'overflowed. A relist that keeps failing for 3 minutes turns into `PLEG is not healthy` and a NotReady node.',
  remediation:
    '1. Read the `err=` value: a `DeadlineExceeded` points at a slow or hung runtime, `connection refused` at a stopped one.\n' +
    '2. Check the runtime with `crictl pods` and its journal.',
  commands: [CMD.crictlPods, CMD.containerdJournal, CMD.kubeletJournal],
  source: 'pkg/kubelet/pleg/generic.go',
});
