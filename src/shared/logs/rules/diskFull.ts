import { CMD, defineRule } from './defineRule';

const diskCommands = [
  'df -h; df -i',
  'du -xh --max-depth=1 /var/lib | sort -h | tail',
  'crictl rmi --prune',
  'journalctl --vacuum-size=500M',
  CMD.describeNode,
];

/** inotify's ENOSPC / EMFILE are about watch and instance limits, not disks or fds: checked before disk-full and fd-exhaustion. */
export const inotifyWatchLimit = defineRule({
  id: 'inotify-watch-limit',
  category: 'other:inotify-watch-limit',
  severity: 'warning',
  title: 'inotify watch/instance limit reached',
  keywords: ['inotify', 'fsnotify'],
  patterns: [
    /\b(?:inotify_add_watch|inotify_init1?)\b[^\n]{0,400}?(?:no space left on device|too many open files)/i,
    /\b(?:inotify|fsnotify)\b[^\n]{0,200}?(?:no space left on device|too many open files|watch limit|resources exhausted)/i,
    /(?:no space left on device|too many open files)[^\n]{0,200}?\b(?:inotify|fsnotify)\b/i,
  ],
  explanation:
    '"No space left on device" from `inotify_add_watch` does **not** mean a full disk: the user has reached ' +
    '`fs.inotify.max_user_watches`. "Too many open files" from `inotify_init`/fsnotify means `fs.inotify.max_user_instances` is ' +
    'exhausted, not the fd limit. kubelet/cAdvisor, containerd and `kubectl logs -f` (tail) stop seeing file changes.',
  remediation:
    '1. `sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances`.\n' +
    '2. Raise them, e.g. `sysctl -w fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=8192`, and persist in ' +
    '`/etc/sysctl.d/`.\n3. Find the heavy users: count `inotify` fds per process.',
  commands: [
    'sysctl fs.inotify.max_user_watches fs.inotify.max_user_instances',
    'find /proc/*/fd -lname anon_inode:inotify 2>/dev/null | cut -d/ -f3 | sort | uniq -c | sort -rn | head',
    'sysctl -w fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=8192',
  ],
  source: 'inotify(7) ENOSPC/EMFILE; log-signals.md precision traps',
});

export const diskFull = defineRule({
  id: 'disk-full',
  category: 'disk-full',
  severity: 'error',
  title: 'Disk full (no space left on device)',
  keywords: [
    'no space left on device',
    'enospc',
    'disk quota exceeded',
    'file system full',
    'filesystem full',
  ],
  patterns: [
    /no space left on device/i,
    /\bENOSPC\b/,
    /disk quota exceeded/i,
    /\b(?:file ?system|disk) (?:is )?full\b/i,
  ],
  exclude: [/\binotify|\bfsnotify/i],
  describe: (m, message) => {
    const before = message.slice(Math.max(0, m.index - 300), m.index);
    const path = /(\/[^\s:"'\\,]{1,300})["']?:? ?$/.exec(before)?.[1];
    const device = /\(device (\S{1,64}?)\)/.exec(message)?.[1];
    const details: Record<string, string> = {};
    if (path) {
      details.path = path;
    }
    if (device) {
      details.device = device;
    }
    const where = path ?? device;
    return where ? { summary: `on ${where}`, details } : undefined;
  },
  explanation:
    'A write failed because the filesystem is full (`ENOSPC`). On a node this is usually `/var/lib/containerd` or ' +
    '`/var/lib/docker` (images, writable layers), `/var/lib/kubelet` (emptyDir, logs) or `/var/log`. The runtime cannot create ' +
    'containers, pulls fail, the kubelet reports `DiskPressure` and starts evicting pods. (If the line mentions inotify, see ' +
    '`inotify-watch-limit` instead — that is not a disk.) Also check inodes: `df -i` — a full inode table gives the same error.',
  remediation:
    '1. `df -h` and `df -i` on the path in the message.\n2. Find the biggest consumers (`du -xh --max-depth=1`).\n' +
    '3. Prune unused images (`crictl rmi --prune`), old logs, dead containers; check for a runaway emptyDir or log file.\n' +
    '4. Tune kubelet image GC (`imageGCHighThresholdPercent`) and eviction thresholds (`nodefs.available`, `imagefs.available`).',
  commands: diskCommands,
  source: 'errno ENOSPC in containerd/dockerd/kubelet errors',
});

export const diskPressure = defineRule({
  id: 'node-disk-pressure',
  category: 'disk-full',
  severity: 'warning',
  title: 'Node under disk pressure',
  keywords: [
    'hasdiskpressure',
    'kubelet has disk pressure',
    'image garbage collection failed',
    'failed to garbage collect required amount of images',
  ],
  patterns: [
    /\b(?:Node|Kubelet)HasDiskPressure\b/,
    /kubelet has disk pressure/i,
    /failed to garbage collect required amount of images/i,
    /Image garbage collection failed/i,
  ],
  exclude: [/Stats initialization may not have completed yet/i],
  describe: (_m, message) => {
    const wanted =
      /Wanted to free (\d+) bytes, but freed (\d+) bytes/i.exec(message) ??
      /Attempted to free (\d+) bytes, but only found (\d+) bytes eligible/i.exec(message);
    return wanted
      ? {
          summary: `image GC freed ${wanted[2]} of ${wanted[1]} bytes`,
          details: { wantedBytes: Number(wanted[1]), freedBytes: Number(wanted[2]) },
        }
      : undefined;
  },
  explanation:
    'The kubelet reports `DiskPressure=True` (free space or inodes on nodefs/imagefs below the eviction threshold) or image ' +
    'garbage collection could not free enough space. The node is tainted `disk-pressure`, new pods avoid it and the kubelet ' +
    'evicts pods. `Image garbage collection failed once. Stats initialization may not have completed yet` at kubelet start is ' +
    'routine and not flagged.',
  remediation:
    '1. `df -h; df -i` on `/var/lib/kubelet` and the runtime root.\n2. Remove unused images and large logs.\n' +
    '3. Look for pods writing heavily to emptyDir or container layers.',
  commands: diskCommands,
  source: 'pkg/kubelet/nodestatus/setters.go DiskPressureCondition; pkg/kubelet/images/image_gc_manager.go',
});

export const inodeFull = defineRule({
  id: 'inode-full',
  category: 'inode-full',
  severity: 'error',
  title: 'Inodes exhausted',
  keywords: ['inodesfree', 'inodes', 'inode'],
  patterns: [
    /\b(?:nodefs|imagefs|containerfs)\.inodesFree\b/i,
    /low on resource: inodes/i,
    /\b(?:out of|no free|exhausted) inodes\b/i,
    /\binodes? (?:exhausted|full)\b/i,
  ],
  // The eviction manager logs every signal's observed value at -v=4: naming the signal is not pressure.
  exclude: [/eviction manager: observations/i],
  describe: (m) => ({ summary: m[0] }),
  explanation:
    'The filesystem has free blocks but no free inodes: every file create fails with "no space left on device" although `df -h` ' +
    'shows space. Typical culprit: a container or the runtime creating millions of small files.',
  remediation:
    '1. `df -i` to confirm.\n2. Find directories with most files: `find /var/lib -xdev -type f | cut -d/ -f1-5 | sort | uniq -c | sort -rn | head`.\n' +
    '3. Clean up; the kubelet evicts pods on `nodefs.inodesFree` pressure.',
  commands: [
    'df -i',
    'find /var/lib -xdev -type f | cut -d/ -f1-5 | sort | uniq -c | sort -rn | head',
    CMD.describeNode,
  ],
  source: 'kubelet eviction signals nodefs.inodesFree / imagefs.inodesFree',
});

export const fdExhaustion = defineRule({
  id: 'fd-exhaustion',
  category: 'fd-exhaustion',
  severity: 'error',
  title: 'Too many open files',
  keywords: ['too many open files', 'file-max limit', 'emfile', 'enfile'],
  patterns: [/too many open files/i, /VFS: file-max limit \d+ reached/i, /\bE[MN]FILE\b/],
  exclude: [/\binotify|\bfsnotify/i],
  describe: (_m, message) => {
    const op =
      /\b(accept4?|socket|open|dial tcp|pipe|epoll_create1?)\b[^\n]{0,120}?too many open files/i.exec(
        message,
      );
    return op ? { summary: `in ${op[1]}`, details: { operation: op[1] } } : undefined;
  },
  explanation:
    'A process hit its open-file limit (`EMFILE`, `ulimit -n` / `LimitNOFILE`) or the whole node hit `fs.file-max` (`ENFILE`, ' +
    '`VFS: file-max limit reached`). The runtime or kubelet can no longer accept connections or open logs; calls fail or hang. ' +
    '(inotify "too many open files" is the inotify instance limit: see `inotify-watch-limit`.)',
  remediation:
    '1. Which process? `ls /proc/<pid>/fd | wc -l` against `grep "open files" /proc/<pid>/limits`.\n' +
    '2. Node-wide: `cat /proc/sys/fs/file-nr` vs `fs.file-max`.\n3. Raise `LimitNOFILE` for the service or fix the leak.',
  commands: [
    'cat /proc/sys/fs/file-nr /proc/sys/fs/file-max',
    'for p in /proc/[0-9]*; do echo "$(ls $p/fd 2>/dev/null | wc -l) $(cat $p/comm 2>/dev/null)"; done | sort -rn | head',
    'systemctl show containerd kubelet -p LimitNOFILE',
  ],
  source: 'errno EMFILE/ENFILE; kernel fs/file_table.c',
});
