import { CMD, defineRule } from './defineRule';

export const podEviction = defineRule({
  id: 'pod-eviction',
  category: 'eviction',
  severity: 'warning',
  title: 'Kubelet evicting pods',
  keywords: [
    'low on resource',
    'attempting to reclaim',
    'evictionthresholdmet',
    'evicted',
    'must evict pod',
    'evicted successfully',
    'pods ranked for eviction',
    'taintmanagereviction',
    'marking for deletion pod',
    'taint-eviction-controller',
    'noexecutetaintmanager is deleting pod',
    'the node had condition',
  ],
  patterns: [
    /The node was low on resource: \[?([a-z0-9.\-_]{1,64})\]?/i,
    /The node had condition: \[?([A-Za-z]{1,64})\]?/i,
    /\bEvictionThresholdMet\b/,
    /Attempting to reclaim (\S{1,64})$/i,
    // Pod STATUS / reason column (kubectl get pods, describe): capitalised, unlike cache "evicted" messages.
    /\bEvicted\b/,
    /Eviction manager: attempting to reclaim"?[^\n]{0,20}?(?:resourceName="?|resource )?([a-z0-9.\-_]{1,64})?/i,
    /Eviction manager: must evict pod/i,
    /Eviction manager: pods? [^\n]{0,40}?evicted successfully/i,
    /Eviction manager: pods ranked for eviction/i,
    /"Deleting pod"[^\n]{0,40}?taint-eviction-controller/,
    /NoExecuteTaintManager is deleting pod/i,
    /\bTaintManagerEviction\b/,
    /Marking for deletion Pod \S{1,253}/i,
  ],
  describe: (m, message) => {
    const resource =
      /(?:low on resource: \[?|resourceName="?|reclaim"? |had condition: \[?)([A-Za-z0-9.\-_]{1,64})/i.exec(
        message,
      )?.[1] ?? m[1];
    return resource && resource !== 'resourceName' ? { summary: resource, details: { resource } } : undefined;
  },
  explanation:
    "The kubelet's eviction manager is killing pods because a node resource (`memory.available`, `nodefs.available`, " +
    '`imagefs.available`, `nodefs.inodesFree`, `pid.available`) crossed its eviction threshold, or the taint eviction controller ' +
    'deleted pods from a NotReady/unreachable node after their toleration (300 s by default). Evicted pods show `Evicted` with ' +
    '"The node was low on resource: …".',
  remediation:
    '1. Which resource? (in the message).\n2. Free it or move load: disk → prune images/logs; memory → limits and requests; PIDs → podPidsLimit.\n' +
    '3. `TaintManagerEviction` means the node itself was NotReady: look for the node problem first.',
  commands: [
    CMD.describeNode,
    'kubectl get pods -A --field-selector status.phase=Failed | grep Evicted',
    'df -h; df -i; free -m',
    CMD.nodeEvents,
  ],
  source: 'pkg/kubelet/eviction; pkg/controller/tainteviction',
});
