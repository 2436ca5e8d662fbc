import { CMD, defineRule } from './defineRule';

export const dockerOverlayCorrupt = defineRule({
  id: 'docker-overlay2-corrupt',
  category: 'other:corrupt-runtime-storage',
  severity: 'error',
  title: 'Corrupt docker overlay2 layer',
  keywords: ['/var/lib/docker/overlay2'],
  patterns: [/returned error: readlink \/var\/lib\/docker\/overlay2\S{0,300}: invalid argument/i],
  explanation:
    'dockerd found a broken overlay2 layer link (node-problem-detector CorruptDockerOverlay2, a permanent condition). Containers using the layer cannot start.',
  remediation:
    '1. Remove the affected image (`docker rmi`) and pull again.\n2. If many layers are broken: drain, stop docker, wipe `/var/lib/docker`, restart.',
  commands: ['docker system df', 'ls -l /var/lib/docker/overlay2/l | grep -v "\\->"', CMD.drain],
  source: 'node-problem-detector docker-monitor.json CorruptDockerOverlay2',
});

export const containerStartFailed = defineRule({
  id: 'container-start-failed',
  category: 'other:container-start-failed',
  severity: 'warning',
  title: 'Container failed to start (OCI runtime)',
  keywords: [
    'oci runtime',
    'failed to create containerd task',
    'failed to start containerd task',
    'runc create failed',
    'runpodsandbox from runtime service failed',
    'failed to create pod sandbox',
    'createpodsandbox for pod',
  ],
  patterns: [
    // Sandbox creation failures whose cause no more specific rule (CNI, timeouts, PIDs, disk) claimed.
    /RunPodSandbox from runtime service failed/i,
    /Failed to create pod sandbox/i,
    /CreatePodSandbox for pod [^\n]{0,300}?failed/i,
    /OCI runtime start failed: container process is already dead/i,
    /OCI runtime (?:create|start|exec) failed[^\n]{0,200}/i,
    /failed to (?:create|start) containerd task/i,
    /runc create failed[^\n]{0,200}/i,
  ],
  explanation:
    'The runtime could not create a pod sandbox, or runc could not create or start a container process. The reason follows in the message (bad mount, missing binary, cgroup or seccomp errors). PID or disk exhaustion in this line is reported by those rules instead.',
  remediation:
    '1. Read the reason after `OCI runtime create failed:`.\n2. `kubectl describe pod` for the container; fix image entrypoint, mounts or security context.',
  commands: ['kubectl describe pod <pod> -n <namespace>', CMD.containerdJournal],
  source: 'node-problem-detector docker-monitor.json DockerContainerStartupFailure',
});

export const containerKillFailed = defineRule({
  id: 'container-kill-failed',
  category: 'other:container-kill-failed',
  severity: 'warning',
  title: 'Container could not be stopped',
  keywords: [
    'did not receive an exit event',
    'failed to kill container',
    'failed to stop container',
    'killpodsandbox',
    'killcontainer',
    'cannot stop container',
  ],
  patterns: [
    /tried to kill container, but did not receive an exit event/i,
    /cannot stop container: \S{1,128}/i,
    /failed to "?Kill(?:PodSandbox|Container)"?/i,
    /failed to (?:kill|stop) container/i,
  ],
  explanation:
    'The runtime could not stop a container: its process ignores SIGKILL because it is stuck in the kernel (`D` state, hung NFS ' +
    'or disk), is a zombie whose parent does not reap it, or the shim is gone. The pod stays `Terminating` (seed 004).',
  remediation:
    "1. Find the container's processes and their state (`ps -o stat`).\n2. `D`/`Z` states: fix the storage or restart the shim; else drain and reboot.",
  commands: [
    'crictl inspect <container-id> | grep -i pid',
    'ps -o pid,stat,wchan:32,cmd -p <pid>',
    CMD.drain,
  ],
  source: 'dockerd / containerd stop errors; seed 004',
});

export const leaderElectionLost = defineRule({
  id: 'leader-election-lost',
  category: 'other:leader-election-lost',
  severity: 'warning',
  title: 'Control-plane leader election lost',
  keywords: ['leaderelection lost', 'failed to renew lease', 'leader election lost'],
  patterns: [/leaderelection lost/i, /failed to renew lease \S{1,253}/i, /leader election lost/i],
  explanation:
    'A control-plane component (controller-manager, scheduler, or an operator) could not renew its leader lease in time and exits. Usually API server/etcd latency or a CPU-starved control-plane node.',
  remediation:
    "1. Check API server and etcd latency.\n2. Check the control-plane node's CPU, disk and network.",
  commands: ['kubectl get --raw "/readyz?verbose"', 'kubectl -n kube-system get lease'],
  source: 'k8s.io/client-go tools/leaderelection',
});

export const processCrash = defineRule({
  id: 'process-crash',
  category: 'other:process-crash',
  severity: 'warning',
  title: 'Process crashed (ABRT)',
  keywords: ['crashed in', 'encountered an uncaught', 'crash in'],
  patterns: [
    /Process (\d+) \((\S{1,128})\) crashed in \S{1,200}/i,
    /Process (\d+) \((\S{1,128})\) of user \d+ encountered an uncaught \S{1,64} exception/i,
    /Display server \S{1,128} crash in \S{1,200}/i,
  ],
  describe: (m) =>
    m[2] ? { summary: `${m[2]} (pid ${m[1]})`, details: { process: m[2], pid: Number(m[1]) } } : undefined,
  explanation:
    'ABRT recorded a crashing process (node-problem-detector CCPPCrash / UncaughtException / XorgCrash). Important when the process is a node daemon (kubelet, runtime, CNI agent).',
  remediation:
    '1. `abrt-cli list` for the backtrace.\n2. Restart the daemon; update it if the crash repeats.',
  commands: ['abrt-cli list', 'coredumpctl list'],
  source: 'node-problem-detector abrt-adaptor.json',
});
