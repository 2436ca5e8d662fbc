import { CMD, defineRule } from './defineRule';

const runtimeCommands = [
  CMD.runtimeStatus,
  CMD.crictlInfo,
  CMD.containerdJournal,
  CMD.kubeletJournal,
  CMD.describeNode,
];

export const runtimeDown = defineRule({
  id: 'runtime-down',
  category: 'runtime-down',
  severity: 'error',
  title: 'Container runtime is down',
  keywords: ['container runtime is down'],
  patterns: [/container runtime is down/i],
  // Until the first runtime status check after a start the kubelet reports the runtime as down.
  startupGraceSeconds: 30,
  explanation:
    'The kubelet has had no successful status call to the container runtime for more than 30 s (`container runtime is down`), ' +
    'or the periodic CRI `Status` call just failed (`Container runtime sanity check failed`, checked every 5 s). The node turns ' +
    '`Ready=False`; no pod on it can be started, stopped or inspected.',
  remediation:
    '1. Is the runtime process alive? `systemctl status containerd` (or docker/crio).\n' +
    '2. Does it answer? `crictl info` — a hang means the runtime is stuck, not stopped.\n' +
    '3. Read its journal around this time for panics, `too many open files`, disk-full or PID errors.\n' +
    '4. Restart the runtime; if it hangs again, drain and reboot the node.',
  commands: runtimeCommands,
  source: 'pkg/kubelet/runtime.go runtimeErrors(); kubelet.go updateRuntimeUp(); seed 001',
});

export const runtimeSanityCheckFailed = defineRule({
  id: 'runtime-sanity-check-failed',
  category: 'runtime-down',
  severity: 'warning',
  title: 'Container runtime status call failed',
  keywords: ['container runtime sanity check failed'],
  patterns: [/Container runtime sanity check failed/i],
  explanation:
    "The kubelet's periodic CRI `Status` call (every 5 s, `updateRuntimeUp`) failed. After 30 s without success the kubelet " +
    'reports `container runtime is down` and the node goes NotReady. (A `DeadlineExceeded` in this line is reported as ' +
    '`runtime-timeout` instead.)',
  remediation:
    '1. `crictl info` — does the runtime answer?\n2. Read `err=`: `connection refused` → runtime stopped; other errors → runtime journal.',
  commands: runtimeCommands,
  source: 'pkg/kubelet/kubelet.go updateRuntimeUp()',
});

export const runtimeNotReady = defineRule({
  id: 'runtime-not-ready',
  category: 'runtime-down',
  severity: 'error',
  title: 'Container runtime not ready',
  keywords: ['container runtime not ready', 'runtimeready=false'],
  patterns: [/container runtime not ready/i, /RuntimeReady=false/i],
  describe: (_m, message) => {
    const reason = /RuntimeReady=false reason:(\S*) message:([^"\]]{0,200})/i.exec(message);
    return reason
      ? { summary: `${reason[1] || 'no reason'} ${reason[2].trim()}`.trim(), details: { reason: reason[1] } }
      : undefined;
  },
  explanation:
    'The runtime answered the CRI `Status` call but reports `RuntimeReady=false`. The kubelet marks the node NotReady until the ' +
    'runtime recovers.',
  remediation:
    '1. `crictl info` shows the runtime conditions and their reason.\n2. Check the runtime journal; restart it if it is wedged.',
  commands: runtimeCommands,
  source: 'pkg/kubelet/kubelet.go updateRuntimeUp(); kubernetes-facts.md 1.2',
});

export const runtimeStatusPending = defineRule({
  id: 'runtime-status-pending',
  category: 'runtime-down',
  severity: 'warning',
  title: 'Container runtime status not yet known',
  keywords: ['container runtime status check may not have completed yet'],
  patterns: [/container runtime status check may not have completed yet/i],
  startupGraceSeconds: 120,
  firstOccurrenceMarksStart: true,
  explanation:
    'The kubelet has not yet completed one runtime status check. Routine in the first seconds after a kubelet start (not flagged ' +
    'within 2 minutes of a start line, or of its first occurrence when no start line is in view); if it persists the runtime is not answering.',
  remediation:
    '1. `crictl info` — does the runtime answer?\n2. Check the runtime endpoint in the kubelet configuration.',
  commands: runtimeCommands,
  source: 'pkg/kubelet/runtime.go',
});

export const runtimeSocketUnreachable = defineRule({
  id: 'runtime-socket-unreachable',
  category: 'runtime-down',
  severity: 'error',
  title: 'Container runtime socket unreachable',
  keywords: ['containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'dockershim.sock'],
  patterns: [
    /(?:dial unix|connect(?:ing)? to)\s{0,4}(?:unix:\/\/)?(\/\S{0,80}?(?:containerd|crio|cri-dockerd|dockershim)\.sock)\S{0,8}?:? {0,4}(?:connect: )?(connection refused|no such file or directory)/i,
    /connect: (?:connection refused|no such file or directory)/i,
    // The runtime died under an open connection (containerd restarting, OOM-killed, …).
    /(?:read|write) unix @?->(\/\S{0,80}?(?:containerd|crio|cri-dockerd|dockershim)\.sock): (?:read|write): (connection reset by peer|broken pipe)/i,
  ],
  // Only about the CRI sockets (see unmount-busy for why this is an exclude).
  exclude: [/^(?![^\n]*(?:containerd|crio|cri-dockerd|dockershim)\.sock)/i],
  describe: (m) => (m[1] ? { summary: `${m[1]} (${m[2]})`, details: { socket: m[1] } } : undefined),
  explanation:
    'The kubelet (or crictl) cannot connect to the CRI socket: the runtime is stopped, crashed, or listening elsewhere. Every ' +
    'pod operation on the node fails until it is back.',
  remediation:
    "1. `systemctl status containerd` (or crio / cri-docker).\n2. Compare the socket path with the kubelet's `--container-runtime-endpoint`.\n" +
    '3. Start the runtime; read its journal if it exits again.',
  commands: runtimeCommands,
  source: 'gRPC dial errors in kubelet remote_runtime.go',
});

export const runtimeServiceFailed = defineRule({
  id: 'runtime-service-failed',
  category: 'runtime-down',
  severity: 'error',
  title: 'Container runtime service exited',
  keywords: [
    'containerd.service',
    'docker.service',
    'crio.service',
    'cri-docker.service',
    'exited: docker',
    'exited: containerd',
    'exited: crio',
  ],
  patterns: [
    /((?:containerd|docker|crio|cri-docker)\.service): (?:Main process exited, code=\w+, status=(\S+)|Failed with result '([^']+)'|Scheduled restart job, restart counter is at (\d+))/i,
    // supervisord's report of the same (the program name stands for the unit).
    /\bexited: (dockerd?|containerd|crio) \(exit status (\d+);/i,
  ],
  exclude: [/status=0\/SUCCESS/i, /exit status 0;/i],
  describe: (m) => {
    const details: Record<string, string | number> = { unit: m[1] };
    if (m[4]) {
      details.restartCounter = Number(m[4]);
    }
    return {
      summary: `${m[1]} ${m[2] ? `exited with ${m[2]}` : m[3] ? `failed (${m[3]})` : `restart #${m[4]}`}`,
      details,
    };
  },
  explanation:
    "systemd saw the container runtime's main process die. While it is down the kubelet reports `container runtime is down` and " +
    'PLEG stalls; repeated restarts (node-problem-detector FrequentContainerdRestart / FrequentDockerRestart) point at a crash loop.',
  remediation:
    '1. Read the runtime journal just before the exit for the panic or fatal error.\n2. Check disk, PID and fd limits.\n' +
    '3. `systemctl restart containerd`; if it keeps crashing, drain the node.',
  commands: [CMD.runtimeStatus, CMD.containerdJournal, CMD.dockerJournal],
  source: 'node-problem-detector systemd-monitor(-counter).json (ContainerdStart, DockerStart)',
});

export const dockerDaemonUnreachable = defineRule({
  id: 'docker-daemon-unreachable',
  category: 'docker-daemon-unreachable',
  severity: 'error',
  title: 'Docker daemon unreachable',
  keywords: [
    'cannot connect to the docker daemon',
    'docker.sock',
    'is the docker daemon running',
    'cannot connect to docker endpoint',
  ],
  patterns: [
    /Cannot connect to the Docker daemon(?: at \S+)?/i,
    // dockershim-era kubelets (GenericPLEG, docker_manager): the same, in the kubelet's words.
    /cannot connect to Docker endpoint/i,
    /Is the docker daemon running/i,
    /docker\.sock[^\n]{0,120}?(?:connection refused|connection reset by peer|no such file or directory|i\/o timeout|context deadline exceeded)/i,
  ],
  explanation:
    'The kubelet (dockershim / cri-dockerd) or a client cannot reach dockerd on `/var/run/docker.sock`. Even when `systemctl` ' +
    'shows docker as active, a dockerd that stopped answering produces this; PLEG then stalls and the node goes NotReady (seed 001).',
  remediation:
    '1. `timeout 10 docker ps` — does dockerd answer at all?\n2. `systemctl status docker`; read `journalctl -u docker`.\n' +
    '3. If dockerd hangs: check for hung tasks, zombie `containerd-shim` children and PID exhaustion; restart docker, then kubelet.\n' +
    '4. Too many pods per node (seed 001: 80–110 pods on 8 cores) overload dockerd — spread the load.',
  commands: [
    'timeout 10 docker ps || echo "dockerd not answering"',
    'systemctl status docker --no-pager',
    CMD.dockerJournal,
    CMD.kubeletJournal,
  ],
  source: 'seed 001; docker client error text',
});
