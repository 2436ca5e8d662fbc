import { CMD, defineRule } from './defineRule';

const TASK = /task ([^:\n]{1,64}):(\d+) blocked for more than (\d+) seconds/i;

function describeTask(_m: RegExpExecArray, message: string) {
  const t = TASK.exec(message);
  return t
    ? {
        summary: `${t[1]} (pid ${t[2]}) blocked > ${t[3]} s`,
        details: { task: t[1], pid: Number(t[2]), blockedSeconds: Number(t[3]) },
      }
    : undefined;
}

const hangCommands = [
  "ps -eo pid,stat,wchan:32,cmd | awk '$2 ~ /^D/'",
  'cat /proc/<pid>/stack',
  'echo w > /proc/sysrq-trigger; dmesg -T | tail -n 100',
  'iostat -x 1 5',
  CMD.kernelLog,
];

/** A container runtime task in D state: node-problem-detector's KernelDeadlock/DockerHung. */
export const runtimeTaskHung = defineRule({
  id: 'runtime-task-hung',
  category: 'hung-task',
  severity: 'error',
  title: 'Container runtime task hung in the kernel',
  keywords: ['blocked for more than'],
  patterns: [
    /task (?:docker|dockerd|containerd|containerd-shim|runc|kubelet|crio|conmon)[^:\n]{0,32}:\d+ blocked for more than \d+ seconds/i,
  ],
  describe: describeTask,
  explanation:
    'A runtime or kubelet thread has been in uninterruptible sleep (`D`) for minutes. node-problem-detector reports `task docker:… ' +
    'blocked` as **KernelDeadlock** (DockerHung). The runtime stops answering, PLEG stalls and the node goes NotReady; the ' +
    'process cannot be killed — usually only a reboot clears it.',
  remediation:
    '1. Find what it waits on: the call trace after this line, `cat /proc/<pid>/stack`.\n' +
    '2. Storage (NFS, iSCSI, a failing disk) and overlayfs bugs are the usual causes.\n3. Cordon, drain and reboot the node.',
  commands: hangCommands,
  source: 'node-problem-detector kernel-monitor.json DockerHung (KernelDeadlock)',
});

export const hungTask = defineRule({
  id: 'hung-task',
  category: 'hung-task',
  severity: 'warning',
  title: 'Task blocked in the kernel (hung task)',
  keywords: ['blocked for more than'],
  patterns: [TASK, /blocked for more than \d+ seconds/i],
  describe: describeTask,
  explanation:
    "The kernel's hung-task detector found a process in uninterruptible sleep (`D` state) for longer than " +
    '`kernel.hung_task_timeout_secs` (120 s). Usually it waits on I/O: a slow or failing disk, a hung NFS server, a stuck ' +
    'filesystem. Processes touching the same resource hang too; if one of them is the runtime, PLEG goes unhealthy.',
  remediation:
    '1. Read the call trace below the line: NFS (`nfs_`, `rpc_wait`), block layer (`io_schedule`), filesystem (`jbd2`, `xfs_`).\n' +
    '2. Check storage health (`iostat -x`, `dmesg` I/O errors) and NFS servers.\n3. If it persists: cordon, drain, reboot.',
  commands: hangCommands,
  source: 'node-problem-detector kernel-monitor.json TaskHung',
});

export const nfsHang = defineRule({
  id: 'nfs-hang',
  category: 'nfs-hang',
  severity: 'error',
  title: 'NFS server not responding',
  keywords: ['not responding', 'stale file handle', 'stale nfs file handle', 'mount.nfs'],
  patterns: [
    /\b(?:nfs|lockd): server (\S{1,256}) not responding/i,
    /\bstale (?:NFS )?file handle\b/i,
    /mount\.nfs4?: [^\n]{0,200}?(?:Connection timed out|timed out|No route to host)/i,
  ],
  describe: (m) => (m[1] ? { summary: `server ${m[1]}`, details: { server: m[1] } } : undefined),
  explanation:
    'An NFS server stopped answering. With the default hard mounts every process touching the mount — including `df`, the ' +
    "kubelet's volume stats and the runtime inspecting the pod — blocks in `D` state until the server returns. One hung NFS " +
    'mount can stall PLEG and take the whole node NotReady (kubernetes/kubernetes#94829; seed 003: `df` hangs).',
  remediation:
    '1. Which mount? `grep nfs /proc/mounts`; test with `timeout 5 stat <mountpoint>`.\n2. Check the NFS server and the network path.\n' +
    '3. Pods using it cannot terminate until it returns; `umount -f -l <mountpoint>` as a last resort, else drain and reboot.',
  commands: [
    'grep nfs /proc/mounts',
    'timeout 5 df -h || echo "df hangs: a mount is stuck"',
    'nfsstat -c',
    CMD.kernelLog,
  ],
  source: 'kernel sunrpc/nfs messages; seed 003; kubernetes/kubernetes#94829',
});

export const softLockup = defineRule({
  id: 'soft-lockup',
  category: 'other:soft-lockup',
  severity: 'error',
  title: 'CPU soft lockup / RCU stall',
  keywords: [
    'soft lockup',
    'hard lockup',
    'rcu_sched',
    'rcu_preempt',
    'detected stall',
    'self-detected stall',
  ],
  patterns: [
    /BUG: soft lockup - CPU#(\d+) stuck for (\d+)s/i,
    /Watchdog detected hard LOCKUP on cpu (\d+)/i,
    /rcu: INFO: rcu_(?:sched|preempt) (?:self-)?detected stalls? on CPUs/i,
    /INFO: rcu_(?:sched|preempt) (?:self-)?detected stalls? on CPUs/i,
    /rcu_(?:sched|preempt) self-detected stall on CPU/i,
  ],
  describe: (m) =>
    m[2]
      ? {
          summary: `CPU#${m[1]} stuck for ${m[2]}s`,
          details: { cpu: Number(m[1]), stuckSeconds: Number(m[2]) },
        }
      : undefined,
  explanation:
    'A CPU ran kernel code without scheduling for seconds (soft lockup), did not take interrupts (hard lockup) or stalled RCU. ' +
    'Causes: kernel bugs, hypervisor CPU starvation (steal time), heavy interrupt load. Everything on the node, including the ' +
    'kubelet, can freeze intermittently.',
  remediation:
    '1. Read the stack trace that follows.\n2. On VMs check steal time (`top`, `vmstat` "st") and the hypervisor.\n' +
    '3. Update the kernel; drain the node if lockups repeat.',
  commands: ['vmstat 1 5', CMD.kernelLog, 'uname -r'],
  source: 'kernel watchdog / RCU stall detector',
});
