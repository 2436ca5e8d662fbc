import { formatSeconds, parseGoDuration } from '../goDuration';
import { CMD, defineRule } from './defineRule';

const kubeletCommands = ['systemctl status kubelet --no-pager', CMD.kubeletJournal, CMD.describeNode];

export const syncLoopStalled = defineRule({
  id: 'syncloop-stalled',
  category: 'other:syncloop-stalled',
  severity: 'error',
  title: 'Kubelet sync loop stalled',
  keywords: ['sync loop took longer than expected'],
  patterns: [/sync Loop took longer than expected/i],
  explanation:
    "The kubelet's `syncloop` health check failed: no sync-loop iteration for `max(2×resyncInterval, 5m)`. `/healthz` on " +
    "10248 now fails, so node-problem-detector's health checker reports KubeletUnhealthy and may kill the kubelet. Usually a " +
    'consequence of PLEG/runtime errors blocking the loop.',
  remediation:
    '1. Look for PLEG and runtime errors before this line.\n2. `curl -s localhost:10248/healthz?verbose` on the node.',
  commands: ['curl -s "http://127.0.0.1:10248/healthz?verbose"', ...kubeletCommands],
  source: 'pkg/kubelet/kubelet.go SyncLoopHealthCheck; log-signals.md §6.3',
});

export const podSyncSkipped = defineRule({
  id: 'pod-sync-skipped',
  category: 'other:pod-sync-skipped',
  severity: 'warning',
  title: 'Kubelet skipping pod synchronization',
  keywords: ['skipping pod synchronization'],
  patterns: [/skipping pod synchronization/i],
  startupGraceSeconds: 120,
  describe: (_m, message) => {
    const err = /err="([^"]{1,300})"|skipping pod synchronization - \[?([^\]\n]{1,300})/i.exec(message);
    const reason = err ? (err[1] ?? err[2]) : undefined;
    return reason ? { summary: reason, details: { reason } } : undefined;
  },
  explanation:
    "The kubelet's sync loop skipped an iteration because of runtime errors (the `err=` value); it backs off from 100 ms to 5 s. " +
    'PLEG, runtime-down and CNI causes are reported by their own rules; this rule catches the remaining reasons.',
  remediation: '1. Read the reason in `err=`.\n2. Check the container runtime.',
  commands: kubeletCommands,
  source: 'pkg/kubelet/kubelet.go syncLoop',
});

export const nodeNotReady = defineRule({
  id: 'node-not-ready',
  category: 'other:node-not-ready',
  severity: 'warning',
  title: 'Node became NotReady',
  keywords: ['node became not ready', 'node is notready', 'nodenotready', 'node not becoming ready'],
  patterns: [
    /Node became not ready/i,
    /Node not becoming ready in time after startup/i,
    /Node is NotReady\. Adding it to the Taint queue/i,
    /\bNodeNotReady\b/,
  ],
  describe: (_m, message) => {
    const reason = /"message":"([^"]{1,300})"|message:([^\n}]{1,300})/.exec(message);
    const text = reason ? (reason[1] ?? reason[2]).trim() : undefined;
    return text ? { summary: text, details: { conditionMessage: text } } : undefined;
  },
  explanation:
    "The node's `Ready` condition turned False (kubelet `Node became not ready`, controller `Node is NotReady. Adding it to " +
    'the Taint queue`). The condition message says why; PLEG reasons are reported as `pleg-not-healthy` instead. Pods get the ' +
    '`node.kubernetes.io/not-ready` taint and are evicted after their toleration (300 s by default).',
  remediation:
    '1. Read the condition message.\n2. `kubectl describe node <node>`; then the kubelet journal around this time.',
  commands: kubeletCommands,
  source: 'pkg/kubelet/nodestatus/setters.go; node_lifecycle_controller.go',
});

export const masterDisruptionMode = defineRule({
  id: 'all-nodes-not-ready',
  category: 'other:master-disruption',
  severity: 'error',
  title: 'All nodes NotReady: controller stopped evictions',
  keywords: ['master disruption mode', 'all nodes are not-ready'],
  patterns: [
    /Controller detected that all Nodes are not-Ready\. Entering master disruption mode/i,
    /Entering master disruption mode/i,
  ],
  explanation:
    'The node lifecycle controller saw every node in every zone NotReady and stopped evicting — it assumes the control plane or ' +
    'network is at fault, not the nodes. Look at API server, etcd and network health first.',
  remediation:
    '1. Check control-plane health (`kubectl get --raw /readyz?verbose`).\n2. Check the network between nodes and API server.',
  commands: ['kubectl get --raw "/readyz?verbose"', 'kubectl get nodes -o wide'],
  source: 'pkg/controller/nodelifecycle/node_lifecycle_controller.go',
});

export const missingNodeCapacity = defineRule({
  id: 'missing-node-capacity',
  category: 'other:missing-node-capacity',
  severity: 'warning',
  title: 'Missing node capacity',
  keywords: ['missing node capacity for resources'],
  patterns: [/Missing node capacity for resources: ?([^\n"\]]{0,120})/i],
  startupGraceSeconds: 120,
  describe: (m) => (m[1] ? { summary: m[1].trim(), details: { resources: m[1].trim() } } : undefined),
  explanation:
    'The kubelet could not report capacity for some resources (usually `ephemeral-storage` when cAdvisor has no filesystem stats yet); the node stays NotReady until it can. Routine right after start.',
  remediation:
    "1. Check cAdvisor/filesystem stats errors in the kubelet journal.\n2. Check the runtime's image filesystem.",
  commands: kubeletCommands,
  source: 'pkg/kubelet/nodestatus/setters.go',
});

export const kubeletServiceFailed = defineRule({
  id: 'kubelet-crashloop',
  category: 'other:kubelet-crashloop',
  severity: 'error',
  title: 'Kubelet service exited',
  keywords: ['kubelet.service', 'exited: kubelet'],
  patterns: [
    /kubelet\.service: (?:Main process exited, code=\w+, status=(\S+)|Failed with result '([^']+)'|Scheduled restart job, restart counter is at (\d+))/i,
    // supervisord, where the kubelet runs without systemd (hyperkube-era images, some appliances).
    /\bexited: kubelet \(exit status (\d+);/i,
  ],
  exclude: [/status=0\/SUCCESS/i, /exit status 0;/i],
  describe: (m) => {
    const details: Record<string, string | number> = {};
    if (m[3]) {
      details.restartCounter = Number(m[3]);
    }
    return {
      summary: m[1] ? `exited with ${m[1]}` : m[2] ? `failed (${m[2]})` : `restart #${m[3]}`,
      details,
    };
  },
  explanation:
    'systemd saw the kubelet exit and is restarting it. A kubelet crash loop means no status or lease updates: the node goes ' +
    '`Unknown`. node-problem-detector reports FrequentKubeletRestart after 5 restarts in 20 minutes.',
  remediation:
    "1. The reason is in the kubelet's last lines before the exit (`F…` klog lines, `failed to run Kubelet`).\n2. Common: config errors, swap on, cgroup driver mismatch, expired certificates, full disk.",
  commands: [
    'journalctl -u kubelet -n 100 --no-pager',
    'systemctl status kubelet --no-pager',
    'cat /var/lib/kubelet/config.yaml',
  ],
  source: 'node-problem-detector systemd-monitor-counter.json FrequentKubeletRestart',
});

export const kubeletStartFailed = defineRule({
  id: 'kubelet-start-failed',
  category: 'other:kubelet-crashloop',
  severity: 'error',
  title: 'Kubelet failed to start',
  keywords: [
    'failed to run kubelet',
    'failed to start containermanager',
    'failed to validate kubelet flags',
    'misconfiguration: kubelet cgroup driver',
    'running with swap on is not supported',
    'failed to load kubelet config file',
    'failed to construct kubelet dependencies',
  ],
  patterns: [
    /failed to run Kubelet: ?([^\n"]{0,200})/i,
    /Failed to start ContainerManager/i,
    /failed to validate kubelet flags/i,
    /misconfiguration: kubelet cgroup driver: "?(\w+)"? is different from (?:docker|container runtime) cgroup driver: "?(\w+)"?/i,
    /running with swap on is not supported/i,
    /failed to load Kubelet config file/i,
    /failed to construct kubelet dependencies/i,
  ],
  describe: (m) => (m[1] ? { summary: m[1].trim().slice(0, 160) } : undefined),
  explanation:
    'The kubelet exited during start-up because of a configuration or environment error; systemd will restart it in a loop and the node stays NotReady/Unknown.',
  remediation:
    "1. Fix the reported error (config file, swap, cgroup driver `cgroupDriver` vs. the runtime's `SystemdCgroup`).\n2. `systemctl restart kubelet` and watch the journal.",
  commands: [
    'journalctl -u kubelet -n 100 --no-pager',
    'swapon --show',
    'cat /var/lib/kubelet/config.yaml',
    'crictl info | grep -i cgroup',
  ],
  source: 'cmd/kubelet/app/server.go',
});

export const crashLoopBackOff = defineRule({
  id: 'crashloop-backoff',
  category: 'other:crashloop',
  severity: 'warning',
  title: 'Container in CrashLoopBackOff',
  keywords: ['crashloopbackoff', 'back-off restarting failed container'],
  patterns: [/\bCrashLoopBackOff\b/, /Back-off restarting failed container/i],
  describe: (_m, message) => {
    const backoff = /back-off (\d+m\d+s|\d+s|\d+m)/i.exec(message);
    const pod = /pod="([^"]{1,253})"|in pod ([^\s(]{1,253})\(|for "([^"]{1,253})" with CrashLoopBackOff/.exec(
      message,
    );
    const podName = pod ? (pod[1] ?? pod[2] ?? pod[3]) : undefined;
    const seconds = backoff ? parseGoDuration(backoff[1]) : undefined;
    const details: Record<string, string | number> = {};
    if (podName) {
      details.pod = podName;
    }
    if (seconds !== undefined) {
      details.backOffSeconds = seconds;
    }
    const summary = [podName, seconds !== undefined ? `back-off ${formatSeconds(seconds)}` : '']
      .filter(Boolean)
      .join(', ');
    return summary ? { summary, details } : undefined;
  },
  explanation:
    'A container keeps exiting and the kubelet waits longer before each restart (up to 5 minutes). A workload problem rather than a node problem — unless many pods on the node crash at once.',
  remediation:
    '1. `kubectl logs <pod> --previous` and `kubectl describe pod` (exit code, OOMKilled).\n2. Many pods at once: look for node-level causes (disk, PIDs, runtime).',
  commands: [
    'kubectl logs <pod> -n <namespace> --previous',
    'kubectl describe pod <pod> -n <namespace>',
    CMD.podsOnNode,
  ],
  source: 'kubelet BackOff event; pod STATUS CrashLoopBackOff',
});

export const volumeMountFailed = defineRule({
  id: 'volume-mount-failed',
  category: 'other:volume-mount-failed',
  severity: 'warning',
  title: 'Volume mount failed',
  keywords: ['mountvolume.', 'unable to attach or mount volumes', 'unable to mount volumes', 'failedmount'],
  patterns: [
    /MountVolume\.(?:SetUp|MountDevice|WaitForAttach|NewMounter initialization) failed/i,
    /Unable to (?:attach or )?mount volumes for pod/i,
    /Unable to attach or mount volumes/i,
    /\bFailedMount\b/,
  ],
  describe: (_m, message) => {
    const volume = /for volume "([^"]{1,253})"|volumes=\[([^\]]{1,200})\]/.exec(message);
    const v = volume ? (volume[1] ?? volume[2]) : undefined;
    return v ? { summary: `volume ${v}`, details: { volume: v } } : undefined;
  },
  explanation:
    'The kubelet could not attach or mount a pod volume (CSI driver error, NFS server unreachable, missing secret/configmap, attach timeout). The pod stays `ContainerCreating`.',
  remediation:
    '1. `kubectl describe pod` shows the full error.\n2. CSI: check the node plugin pod on this node; NFS: check the server.',
  commands: [
    'kubectl describe pod <pod> -n <namespace>',
    'kubectl get volumeattachments | grep <node>',
    CMD.kubeletJournal,
  ],
  source: 'pkg/kubelet/volumemanager',
});

export const orphanedPodVolumes = defineRule({
  id: 'orphaned-pod-volumes',
  category: 'other:orphaned-pod-volumes',
  severity: 'info',
  title: 'Orphaned pod with volumes still on disk',
  keywords: ['orphaned pod'],
  patterns: [
    /orphaned pod \\?"?([0-9a-f-]{36})\\?"? found, but (?:error occurred when trying to remove the )?volumes?(?: paths are still present on disk| dir)/i,
  ],
  describe: (m) => ({ summary: `pod UID ${m[1]}`, details: { podUid: m[1] } }),
  explanation:
    "A deleted pod's volume directories could not be cleaned up (often a mount that failed to unmount). The kubelet logs this every cleanup cycle; harmless by itself but a sign of a stuck unmount.",
  remediation:
    '1. `ls /var/lib/kubelet/pods/<uid>/volumes/*/`; `mount | grep <uid>`.\n2. Unmount leftovers, then remove the directory.',
  commands: ['mount | grep <pod-uid>', 'ls -la /var/lib/kubelet/pods/<pod-uid>/volumes/*/'],
  source: 'pkg/kubelet/kubelet_volumes.go cleanupOrphanedPodDirs',
});
