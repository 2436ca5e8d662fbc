import { CMD, defineRule } from './defineRule';

export const oomKill = defineRule({
  id: 'oom-kill',
  category: 'oom-kill',
  severity: 'warning',
  title: 'Out-of-memory kill',
  keywords: ['killed process', 'kill process', 'system oom encountered', 'systemoom', 'oomkilled', 'taskoom'],
  patterns: [
    /Killed process (\d+) \(([^)\n]{1,64})\)(?: total-vm:(\d+)kB, anon-rss:(\d+)kB)?/i,
    /Out of memory: Kill process (\d+) \(([^)\n]{1,64})\)/i,
    /System OOM encountered(?:, victim process: ([^,\n]{1,64}), pid: (\d+))?/i,
    /\bSystemOOM\b/,
    /\bOOMKilled\b/,
    /\bTaskOOM\b/,
  ],
  describe: (m, message) => {
    const details: Record<string, string | number> = {};
    const killed = /Kill(?:ed)? process (\d+) \(([^)\n]{1,64})\)/i.exec(message);
    if (killed) {
      details.pid = Number(killed[1]);
      details.process = killed[2];
    }
    const victim = /victim process: ([^,\n]{1,64}), pid: (\d+)/i.exec(message);
    if (victim) {
      details.process = victim[1];
      details.pid = Number(victim[2]);
    }
    const rss = /anon-rss:(\d+)kB/.exec(message);
    if (rss) {
      details.anonRssKiB = Number(rss[1]);
    }
    const cgroup = /Memory cgroup out of memory/i.test(message);
    if (cgroup) {
      details.scope = 'cgroup';
    } else if (/Out of memory:/i.test(message)) {
      details.scope = 'node';
    }
    if (details.process === undefined) {
      return m[0] ? { summary: m[0].slice(0, 80), details } : undefined;
    }
    const size =
      details.anonRssKiB !== undefined
        ? `, ${Math.round(Number(details.anonRssKiB) / 1024)} MiB resident`
        : '';
    return {
      summary: `${details.process} (pid ${details.pid})${size}${cgroup ? ' at its cgroup limit' : ''}`,
      details,
    };
  },
  explanation:
    'The kernel OOM killer ended a process. `Memory cgroup out of memory` means a container hit its own memory limit (the pod ' +
    'shows `OOMKilled`); a plain `Out of memory:` means the **whole node** ran out, which can take down the kubelet, the runtime ' +
    'or system daemons and make the node NotReady. The kubelet reports node-level kills as the `SystemOOM` event.',
  remediation:
    '1. Which process and which pod? Match the pid/name to `crictl ps` / the pod UID in the cgroup path of the OOM report.\n' +
    "2. Container kill: raise the container's memory limit or fix its usage.\n" +
    '3. Node-wide kill: set `kubeReserved`/`systemReserved` and memory eviction thresholds; set requests close to real usage.',
  commands: ['dmesg -T | grep -iE "killed process|out of memory"', 'free -m', CMD.podsOnNode, CMD.nodeEvents],
  source: 'node-problem-detector kernel-monitor.json OOMKilling; kubelet oom_watcher SystemOOM',
});

export const nodeMemoryPressure = defineRule({
  id: 'node-memory-pressure',
  category: 'eviction',
  severity: 'warning',
  title: 'Node under memory pressure',
  keywords: ['insufficientmemory', 'insufficient memory'],
  patterns: [/\b(?:Node|Kubelet)HasInsufficientMemory\b/, /kubelet has insufficient memory available/i],
  explanation:
    'The kubelet set `MemoryPressure=True`: `memory.available` fell below the eviction threshold. It will evict pods (BestEffort ' +
    'first) and the node gets the `memory-pressure` taint.',
  remediation: '1. `free -m`; top memory users.\n2. Check requests vs. real usage of the pods on the node.',
  commands: ['free -m', 'ps aux --sort=-rss | head', CMD.podsOnNode],
  source: 'pkg/kubelet/nodestatus/setters.go MemoryPressureCondition',
});
