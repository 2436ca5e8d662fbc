import { CMD, defineRule } from './defineRule';

const DEVICE =
  /\(device ([^)\s]{1,64})\)|\bdev(?:ice)? ([a-z]{1,8}\d{0,3}[a-z0-9]{0,8})\b|XFS \(([^)\s]{1,64})\)|on dev(?:ice)? ([^\s,]{1,64})/i;

function deviceOf(_m: RegExpExecArray, message: string) {
  const d = DEVICE.exec(message);
  const device = d ? (d[1] ?? d[2] ?? d[3] ?? d[4]) : undefined;
  return device ? { summary: `device ${device}`, details: { device } } : undefined;
}

const storageCommands = [
  'mount | grep -w ro',
  'dmesg -T | grep -iE "EXT4-fs|XFS|I/O error|Buffer I/O"',
  'smartctl -a /dev/<disk>',
  CMD.cordon,
  CMD.drain,
];

export const readonlyRemount = defineRule({
  id: 'readonly-remount',
  category: 'readonly-fs',
  severity: 'error',
  title: 'Filesystem remounted read-only',
  keywords: ['remounting filesystem read-only', 'shutting down filesystem'],
  patterns: [
    /Remounting filesystem read-only/i,
    /XFS \([^)\s]{1,64}\):? [^\n]{0,200}?Shutting down filesystem/i,
  ],
  describe: deviceOf,
  explanation:
    'After an I/O or metadata error the kernel stopped writing to the filesystem (ext4 `errors=remount-ro`, XFS shutdown). Every ' +
    'write on it now fails with `read-only file system`: the kubelet and runtime can no longer create containers, write logs or ' +
    'update volumes, yet the node may stay `Ready` (seed 002). node-problem-detector: ReadonlyFilesystem / XfsShutdown.',
  remediation:
    '1. Which mount? `mount | grep -w ro`.\n2. Look for the I/O errors before this line; check the disk (`smartctl`) and, on cloud ' +
    'VMs, the volume status.\n3. Drain the node, repair (`fsck`/`xfs_repair`) or replace the disk, reboot.',
  commands: storageCommands,
  source: 'node-problem-detector readonly-monitor.json, kernel-monitor.json XfsHasShutdown; seed 002',
});

export const readonlyWrite = defineRule({
  id: 'readonly-fs-write',
  category: 'readonly-fs',
  severity: 'error',
  title: 'Write failed: read-only file system',
  keywords: ['read-only file system', 'erofs'],
  patterns: [/read-only file system/i, /\bEROFS\b/],
  exclude: [
    // Containers see /proc/sys and /sys read-only by design; sysctl/cgroup writes there are routine.
    /\/proc\/sys\//,
    /\/sys\/(?:fs|kernel|module|devices)\//,
    /sysctl/i,
    // Only node state counts: an application writing into its own readOnlyRootFilesystem is not a node
    // problem; a node path, or the runtime failing to set up a container or sandbox, is.
    /^(?![^\n]*(?:\/var\/lib\/|\/var\/log\/|\/run\/|\/etc\/kubernetes|\/etc\/cni|\/opt\/cni|from runtime service failed))/i,
  ],
  describe: (m, message) => {
    const before = message.slice(Math.max(0, m.index - 300), m.index);
    const path = /(\/[^\s:"'\\,]{1,300})["']?:? ?$/.exec(before)?.[1];
    return path ? { summary: `on ${path}`, details: { path } } : undefined;
  },
  explanation:
    'A write failed with `EROFS`: the filesystem is mounted read-only, usually because the kernel remounted it after disk errors. ' +
    'Pods cannot start and the kubelet cannot update state on it.',
  remediation:
    '1. `mount | grep -w ro`; find the kernel errors that caused the remount.\n2. Drain, repair, reboot.',
  commands: storageCommands,
  source: 'errno EROFS',
});

export const filesystemError = defineRule({
  id: 'filesystem-error',
  category: 'other:fs-error',
  severity: 'error',
  title: 'Filesystem error',
  keywords: [
    'ext4-fs error',
    'aborting journal',
    'xfs',
    'ext4-fs (',
    'corruption',
    'structure needs cleaning',
  ],
  patterns: [
    // EUCLEAN as user space sees it (dockerd, containerd, the kubelet): the filesystem found corruption.
    /structure needs cleaning/i,
    /EXT4-fs error\b[^\n]{0,200}/i,
    /Aborting journal on device \S{1,64}/i,
    /XFS \([^)\s]{1,64}\):? (?:Corruption|Metadata corruption|metadata I\/O error|log I\/O error|Internal error)[^\n]{0,120}/i,
    /EXT4-fs \([^)\s]{1,64}\): (?:ext4_[a-z_]{1,40}:\d+: )?[^\n]{0,40}?(?:error count|initial error|last error)/i,
  ],
  describe: deviceOf,
  explanation:
    'The filesystem driver found corruption or could not complete metadata I/O (node-problem-detector Ext4Error). It usually ' +
    'precedes a read-only remount; files in use may be lost.',
  remediation:
    '1. Check the underlying disk for I/O errors.\n2. Drain the node and run `fsck` / `xfs_repair` offline.',
  commands: storageCommands,
  source: 'node-problem-detector kernel-monitor.json Ext4Error, XfsShutdown',
});

export const filesystemWarning = defineRule({
  id: 'filesystem-warning',
  category: 'other:fs-error',
  severity: 'warning',
  title: 'Filesystem warning',
  keywords: ['ext4-fs warning'],
  patterns: [/EXT4-fs warning\b[^\n]{0,200}/i],
  describe: deviceOf,
  explanation:
    'ext4 reported a warning (node-problem-detector Ext4Warning), e.g. a full directory index or an MMP delay. Not fatal alone; watch for errors that follow.',
  remediation: '1. Read the warning text.\n2. Check the disk and filesystem usage.',
  commands: ['df -h; df -i', CMD.kernelLog],
  source: 'node-problem-detector kernel-monitor.json Ext4Warning',
});

export const diskIoError = defineRule({
  id: 'disk-io-error',
  category: 'other:disk-io-error',
  severity: 'error',
  title: 'Disk I/O error',
  keywords: [
    'i/o error',
    'medium error',
    'unreadable',
    'uncorrectable sectors',
    'failed result: hostbyte',
    'sense key',
  ],
  patterns: [
    /Buffer I\/O error on dev(?:ice)? \S{1,64}/i,
    /blk_update_request: (?:critical )?(?:medium |target |nexus |space allocation )?I\/O error, dev \S{1,64}/i,
    /(?:print_req_error|end_request): (?:critical )?(?:medium )?I\/O error, dev \S{1,64}/i,
    /\bI\/O error, dev \S{1,64}, sector \d+/i,
    /critical medium error, dev \S{1,64}/i,
    /\bFAILED Result: hostbyte=\S{1,32} driverbyte=\S{1,32}/,
    /Sense Key : (?:Medium|Hardware) Error/i,
    /\b([1-9]\d{2,}) (?:Currently unreadable \(pending\) sectors|Offline uncorrectable sectors)/i,
  ],
  exclude: [/ audit[:[]/],
  describe: deviceOf,
  explanation:
    'The block device returned I/O errors (node-problem-detector IOError, DiskBadBlock for SMART pending/uncorrectable sectors). ' +
    'Reads and writes on it fail or hang; expect filesystem errors, a read-only remount and hung tasks next. The node can stay ' +
    '`Ready` while its pods are broken (seed 002).',
  remediation:
    '1. `smartctl -a` on the disk; on cloud VMs check the volume.\n2. Drain the node and replace the disk.',
  commands: storageCommands,
  source:
    'node-problem-detector kernel-monitor.json IOError, disk-log-message-filelog.json DiskBadBlock; seed 002',
});
