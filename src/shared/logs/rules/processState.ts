import { CMD, defineRule } from './defineRule';

export const unmountBusy = defineRule({
  id: 'unmount-busy',
  category: 'unmount-busy',
  severity: 'warning',
  title: 'Unmount/remove failed: device or resource busy',
  keywords: ['device or resource busy', 'target is busy', 'ebusy'],
  patterns: [/umount(?:\.\w{1,8})?: (\S{1,300}): target is busy/i, /device or resource busy|\bEBUSY\b/i],
  // EBUSY only counts next to an unmount/remove. Written as "exclude lines without that context": one
  // anchored scan per line instead of a bounded gap tried at every keyword.
  exclude: [/^(?![^\n]*(?:unmount|umount|unlinkat|remove|rmdir|rename|teardown|clean ?up|delete))/i],
  describe: (_m, message) => {
    const path =
      /(\/var\/lib\/(?:kubelet|docker|containerd)\/[^\s:"'\\,]{1,300}|\/run\/(?:containerd|k3s)\/[^\s:"'\\,]{1,300})/.exec(
        message,
      )?.[1] ?? /(\/[^\s:"'\\,]{1,300}): (?:device or resource busy|target is busy)/.exec(message)?.[1];
    const pod = /pods\/([0-9a-f-]{36})\//.exec(message)?.[1];
    const details: Record<string, string> = {};
    if (path) {
      details.path = path;
    }
    if (pod) {
      details.podUid = pod;
    }
    return path ? { summary: path, details } : undefined;
  },
  explanation:
    'A volume or container layer could not be unmounted/removed because something still uses it (`EBUSY`): a process (often a ' +
    'leftover or zombie container process, or a host process that entered the mount) holds files open, or the mount leaked into ' +
    'another mount namespace. The pod stays `Terminating` and the kubelet/runtime retries forever (seed 004: "device busy").',
  remediation:
    '1. Who holds it? `fuser -vm <path>` / `lsof +D <path>`; also `grep <path> /proc/*/mountinfo` to find leaked mounts.\n' +
    '2. Stop that process; then the kubelet finishes the teardown.\n3. If it is a zombie or `D`-state process, drain and reboot.',
  commands: [
    'fuser -vm <path>',
    'grep -l <pod-uid> /proc/*/mountinfo',
    'lsof +D <path> 2>/dev/null | head',
    CMD.podsOnNode,
  ],
  source: 'kubelet UnmountVolume.TearDown / docker/containerd remove errors; seed 004',
});

export const zombieProcess = defineRule({
  id: 'zombie-process',
  category: 'zombie-process',
  severity: 'warning',
  title: 'Zombie (defunct) process',
  keywords: ['<defunct>', 'zombie'],
  patterns: [
    /<defunct>/i,
    /\bzombie (?:process(?:es)?|children|state)\b/i,
    /\b(?:reap|reaping|reaped) zombie/i,
    /\bbecame a zombie\b/i,
  ],
  exclude: [/\bno zombie/i, /zombie-?reaper/i],
  describe: (_m, message) => {
    const ps = /^\s*(\S{1,32})\s+(\d{1,10})\s+(\d{1,10})\b[^\n]{0,200}?\[?([^\s\]]{1,64})\]? <defunct>/i.exec(
      message,
    );
    return ps
      ? {
          summary: `${ps[4]} pid ${ps[2]} (parent ${ps[3]})`,
          details: { pid: Number(ps[2]), ppid: Number(ps[3]), process: ps[4] },
        }
      : undefined;
  },
  explanation:
    'A process has exited but its parent has not reaped it. A few are harmless; zombies whose parent is `containerd-shim` or ' +
    '`dockerd` mean the runtime lost track of a container: the kubelet cannot finish stopping the pod, PLEG may stall on it and ' +
    'the node flaps NotReady (seed 004). `kill -9` on a zombie does nothing; re-parenting to systemd does not help either.',
  remediation:
    '1. Find the parent: `ps -o ppid= -p <pid>`.\n2. Restart or kill the parent (`containerd-shim` of that container) so init reaps it.\n' +
    '3. If the parent is PID 1 or the zombie stays: drain and reboot the node.',
  commands: [
    "ps -eo pid,ppid,stat,etime,cmd | awk '$3 ~ /Z/'",
    'ps -o pid,ppid,cmd -p $(ps -o ppid= -p <pid>)',
    CMD.drain,
  ],
  source: 'seed 004 (prometheus zombie under containerd-shim)',
});
