import { CMD, defineRule } from './defineRule';

export const kernelOops = defineRule({
  id: 'kernel-oops',
  category: 'kernel-oops',
  severity: 'error',
  title: 'Kernel oops / BUG',
  keywords: [
    'unable to handle',
    'null pointer dereference',
    'divide error',
    'oops:',
    'kernel bug at',
    'general protection fault',
    'kernel panic',
    'invalid opcode',
    'system encountered a fatal error',
    'system encountered a non-fatal error',
  ],
  patterns: [
    /BUG: unable to handle (?:kernel )?(?:NULL pointer dereference|paging request|page fault)[^\n]{0,80}/i,
    /BUG: kernel NULL pointer dereference[^\n]{0,80}/i,
    /divide error: 0000 \[#\d+\]/i,
    /\bOops: [0-9a-f]{4} \[#\d+\]/i,
    /kernel BUG at \S{1,200}/i,
    /general protection fault[^\n]{0,160}?\[#\d+\]/i,
    /invalid opcode: 0000 \[#\d+\]/i,
    /Kernel panic - not syncing: [^\n]{0,120}/i,
    /System encountered a (?:non-)?fatal error in \S{1,200}/i,
  ],
  describe: (m) => ({ summary: m[0].slice(0, 100) }),
  explanation:
    'The kernel hit a bug (oops): a NULL pointer dereference, a divide error, a `BUG()` assertion or a general protection fault. ' +
    'The faulting task is killed and kernel state may be corrupted — processes can hang, the kernel may be tainted or panic. ' +
    'node-problem-detector reports these as `KernelOops`; ABRT\'s "System encountered a fatal error" is a vmcore after a crash.',
  remediation:
    '1. Save the full trace (`dmesg -T`, `journalctl -k -b -1` after a reboot).\n2. Note the module in the first frames (often a ' +
    'network, storage or GPU driver).\n3. Drain and reboot the node; upgrade the kernel or driver; report the trace upstream.',
  commands: [
    CMD.kernelLog,
    'journalctl -k -b -1 --no-pager | tail -n 200',
    'uname -r',
    'cat /proc/sys/kernel/tainted',
    CMD.drain,
  ],
  source: 'node-problem-detector kernel-monitor.json KernelOops; abrt-adaptor.json VMcore/KernelOops',
});

export const unregisterNetdevice = defineRule({
  id: 'unregister-netdevice',
  category: 'other:unregister-netdevice',
  severity: 'warning',
  title: 'Network device stuck unregistering',
  keywords: ['unregister_netdevice'],
  patterns: [/unregister_netdevice: waiting for (\S{1,64}) to become free\. Usage count = (-?\d+)/i],
  describe: (m) => ({
    summary: `${m[1]} (usage count ${m[2]})`,
    details: { device: m[1], usageCount: Number(m[2]) },
  }),
  explanation:
    "The kernel cannot free a network device (often a pod's veth or `lo` in a dying network namespace) because something still " +
    'holds a reference. While it waits, network namespace creation and deletion can block: new pods hang in ContainerCreating and ' +
    'old ones in Terminating. node-problem-detector counts these as FrequentUnregisterNetDevice (3 in 20 min).',
  remediation:
    '1. A known kernel bug family: upgrade the kernel.\n2. If pods stop starting: drain and reboot the node.',
  commands: ['dmesg -T | grep -c unregister_netdevice', 'uname -r', CMD.drain],
  source: 'node-problem-detector kernel-monitor.json UnregisterNetDevice',
});

export const hardwareErrorFatal = defineRule({
  id: 'hardware-error-fatal',
  category: 'other:hardware-error',
  severity: 'error',
  title: 'Fatal hardware error',
  keywords: ['hardware error'],
  patterns: [
    /\[Hardware Error\]: event severity: fatal/i,
    /\[Hardware Error\]: [^\n]{0,120}?(?:Machine check|MCE)[^\n]{0,40}?(?:fatal|uncorrected)/i,
  ],
  explanation:
    'UEFI CPER / MCE reported a fatal hardware error (node-problem-detector CperHardwareErrorFatal, a permanent condition). The machine is not trustworthy.',
  remediation:
    '1. Drain the node.\n2. Hand it to hardware support with the full error record (`dmesg`, `ras-mc-ctl --errors`).',
  commands: [CMD.drain, 'ras-mc-ctl --errors', CMD.kernelLog],
  source: 'node-problem-detector kernel-monitor.json CperHardwareErrorFatal',
});

export const hardwareErrorRecoverable = defineRule({
  id: 'hardware-error',
  category: 'other:hardware-error',
  severity: 'warning',
  title: 'Hardware error (recoverable / corrected)',
  keywords: ['hardware error', 'ce memory read error', 'machine check events logged'],
  patterns: [
    /\[Hardware Error\]: event severity: (recoverable|corrected)/i,
    /\bCE memory read error\b/i,
    /Machine check events logged/i,
  ],
  describe: (m) => (m[1] ? { summary: m[1], details: { severity: m[1] } } : undefined),
  explanation:
    'The platform corrected or recovered from a hardware error (memory ECC, CPU machine check). Occasional corrected errors are ' +
    'normal; a rising rate predicts a failing DIMM or CPU (node-problem-detector CperHardwareErrorCorrected/Recoverable, MemoryReadError).',
  remediation:
    '1. Count them over time (`ras-mc-ctl --summary`, `edac-util`).\n2. Schedule hardware replacement if they grow.',
  commands: ['ras-mc-ctl --summary', 'edac-util -v', CMD.kernelLog],
  source: 'node-problem-detector kernel-monitor.json CperHardwareError*, MemoryReadError',
});

export const conntrackFull = defineRule({
  id: 'conntrack-table-full',
  category: 'other:conntrack-full',
  severity: 'error',
  title: 'Conntrack table full, dropping packets',
  keywords: ['table full, dropping packet'],
  patterns: [/nf_conntrack: (?:nf_conntrack: )?table full, dropping packet/i],
  explanation:
    'The netfilter connection-tracking table is full: new connections through this node (Service traffic via kube-proxy ' +
    "iptables/IPVS, pod egress) are silently dropped. node-problem-detector's ConntrackFull check fires at 90 %.",
  remediation:
    '1. `conntrack -C` vs `sysctl net.netfilter.nf_conntrack_max`.\n2. Raise the limit (kube-proxy `conntrack.maxPerCore`) and look ' +
    'for a workload opening connections in a loop.',
  commands: [
    'conntrack -C; sysctl net.netfilter.nf_conntrack_max',
    "conntrack -L -o extended | awk '{print $1,$3}' | sort | uniq -c | sort -rn | head",
  ],
  source: 'kernel nf_conntrack; node-problem-detector network_problem.sh',
});

export const neighbourTableOverflow = defineRule({
  id: 'neighbour-table-overflow',
  category: 'other:neighbour-table-overflow',
  severity: 'warning',
  title: 'ARP/neighbour table overflow',
  keywords: ['neighbor table overflow', 'neighbour table overflow'],
  patterns: [/neighbou?r table overflow/i],
  explanation:
    'The kernel ARP/ND cache is full (`gc_thresh3`); new neighbours cannot be resolved and pod or node traffic fails intermittently. Common on large flat pod networks.',
  remediation:
    '1. Raise `net.ipv4.neigh.default.gc_thresh1/2/3`.\n2. `ip neigh | wc -l` to see the current size.',
  commands: [
    'ip neigh | wc -l',
    'sysctl net.ipv4.neigh.default.gc_thresh1 net.ipv4.neigh.default.gc_thresh2 net.ipv4.neigh.default.gc_thresh3',
  ],
  source: 'kernel net/core/neighbour.c',
});

export const tcpOutOfMemory = defineRule({
  id: 'tcp-out-of-memory',
  category: 'other:tcp-memory',
  severity: 'warning',
  title: 'TCP out of memory',
  keywords: ['tcp: out of memory'],
  patterns: [/TCP: out of memory -- consider tuning tcp_mem/i],
  explanation:
    'The kernel hit the `net.ipv4.tcp_mem` limit for socket buffers and drops or stalls TCP traffic (often many slow consumers or socket leaks).',
  remediation:
    '1. `cat /proc/net/sockstat` — compare `mem` with `tcp_mem`.\n2. Find processes with huge socket queues (`ss -tm`); raise `tcp_mem` carefully.',
  commands: ['cat /proc/net/sockstat', 'sysctl net.ipv4.tcp_mem', 'ss -tmp | head -50'],
  source: 'kernel net/ipv4/tcp.c',
});
