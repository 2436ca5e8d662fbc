import { parseLine } from '../shared/logs/parse';

/**
 * Fills `<node>` in a suggested command with the host named in the log line's prefix, when the
 * line has one (journald/syslog lines do); otherwise the placeholder stays for the user to edit.
 *
 * @example fillPlaceholders('kubectl describe node <node>', 'Aug 06 07:59:04 k8s-wa-2 kubelet[1498]: …')
 * // → 'kubectl describe node k8s-wa-2'
 */
export function fillPlaceholders(command: string, lineText: string | undefined): string {
  if (!command.includes('<node>') || lineText === undefined) {
    return command;
  }
  let host: string | undefined;
  try {
    host = parseLine(lineText.slice(0, 4096)).host;
  } catch {
    host = undefined;
  }
  return host && /^[\w.-]+$/.test(host) ? command.split('<node>').join(host) : command;
}
