import type { RuleSpecifics } from '../types';
import { CMD, defineRule } from './defineRule';

const pidCommands = [
  'cat /proc/sys/kernel/pid_max /proc/sys/kernel/threads-max; ps -eLf | wc -l',
  'ulimit -u',
  'ps -eo user= | sort | uniq -c | sort -rn | head',
  "ps -eLo pid=,comm= | awk '{print $2}' | sort | uniq -c | sort -rn | head",
  'kubectl get --raw "/api/v1/nodes/<node>/proxy/configz" | grep -i podPidsLimit',
  CMD.describeNode,
];

export const pidExhaustion = defineRule({
  id: 'pid-exhaustion',
  category: 'pid-exhaustion',
  severity: 'error',
  title: 'Cannot fork: PIDs exhausted',
  keywords: [
    'resource temporarily unavailable',
    'fork rejected by pids controller',
    'failed to create new os thread',
    'pthread_create failed',
    "can't fork",
    'cannot fork',
  ],
  patterns: [
    /fork\/exec (\S{1,200}?): resource temporarily unavailable/i,
    /\b(?:fork|clone|vfork)\b[^\n]{0,300}?resource temporarily unavailable/i,
    /pthread_create failed: Resource temporarily unavailable/i,
    /failed to create new OS thread/i,
    /fork rejected by pids controller(?: in (\S{1,300}))?/i,
    /\bcan(?:'|no)t fork\b/i,
  ],
  describe: (m, message): RuleSpecifics | undefined => {
    const binary = /fork\/exec (\S{1,200}?): resource temporarily unavailable/i.exec(message);
    if (binary) {
      return { summary: `could not start ${binary[1]}`, details: { binary: binary[1] } };
    }
    const forkOf = /fork of '(\S{1,200})/.exec(message);
    if (forkOf) {
      return { summary: `could not start ${forkOf[1]}`, details: { binary: forkOf[1] } };
    }
    if (m[1] && /pids controller/i.test(m[0])) {
      return { summary: `cgroup ${m[1]}`, details: { cgroup: m[1] } };
    }
    return undefined;
  },
  explanation:
    '`fork`/`clone` failed with `EAGAIN` (*resource temporarily unavailable*): the node (`kernel.pid_max`, `kernel.threads-max`), ' +
    'the user (`ulimit -u`) or a cgroup (`pids.max`, kubelet `podPidsLimit`) has run out of process IDs. Nothing can start: the ' +
    'runtime cannot exec `runc`, kube-proxy cannot run `iptables`, systemd-udevd cannot fork — pods get stuck, PLEG stalls and ' +
    'the node goes NotReady (seed 003). Usually one container leaks threads or processes.',
  remediation:
    '1. Count processes/threads and find the owner: `ps -eLf | wc -l`, group by user and command.\n' +
    '2. Compare with `pid_max`, `threads-max`, `ulimit -u`.\n' +
    '3. Kill or fix the leaking workload; set a per-pod PID limit (`podPidsLimit`) and reserve PIDs for the system ' +
    '(`systemReserved: pid=…`, eviction `pid.available`).\n' +
    '4. Raise `kernel.pid_max` only as a stop-gap; reboot if the node cannot recover.',
  commands: pidCommands,
  source: 'seed 003 (dockerd, systemd-udevd, kube-proxy lines); kernel cgroup pids controller',
});

export const nodePidPressure = defineRule({
  id: 'node-pid-pressure',
  category: 'pid-exhaustion',
  severity: 'warning',
  title: 'Node under PID pressure',
  keywords: ['insufficientpid', 'insufficient pid'],
  patterns: [/\b(?:Node|Kubelet)HasInsufficientPID\b/, /kubelet has insufficient PID available/i],
  explanation:
    'The kubelet set `PIDPressure=True`: available PIDs fell below the eviction threshold (`pid.available`). New pods are not ' +
    'scheduled here and the kubelet may evict pods to free PIDs.',
  remediation:
    '1. Find the process/thread leak (see commands).\n2. Set `podPidsLimit`; reserve PIDs for system daemons.',
  commands: pidCommands,
  source: 'pkg/kubelet/nodestatus/setters.go PIDPressureCondition',
});
