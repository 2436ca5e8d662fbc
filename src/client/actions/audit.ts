/**
 * One audit line per remediation, written to the LogOutputChannel: who did what where (context and
 * target), how it ended, and the kubectl command that does the same. Never credentials: only the
 * context name, object names and the command line. vscode-free.
 */
import type { ActionTarget } from './targets';
import { targetLabel } from './targets';

export type AuditOutcome = 'succeeded' | 'failed' | 'cancelled' | 'partial' | 'noop' | 'declined';

export interface AuditEntry {
  readonly action: string;
  readonly target: ActionTarget;
  readonly outcome: AuditOutcome;
  /** The equivalent kubectl command (with --context). */
  readonly kubectl: string;
  /** A short result, e.g. `node/n1 cordoned`, `3 evicted, 1 failed`. */
  readonly detail?: string;
  readonly dryRun?: boolean;
}

const UNSAFE = /(token|password|secret|bearer|client-key|client-certificate)[=:\s]+\S+/gi;

/**
 * @example formatAuditLine({action:'cordon', target:{kind:'node',context:'prod',name:'n1'}, outcome:'succeeded', kubectl:'kubectl --context prod cordon n1', detail:'node/n1 cordoned'})
 * // 'AUDIT cordon node/n1 context=prod outcome=succeeded — node/n1 cordoned — equivalent: kubectl --context prod cordon n1'
 */
export function formatAuditLine(entry: AuditEntry): string {
  const parts = [
    `AUDIT ${entry.action}${entry.dryRun ? ' (dry run)' : ''} ${targetLabel(entry.target)} context=${entry.target.context} outcome=${entry.outcome}`,
  ];
  if (entry.detail) {
    parts.push(oneLine(entry.detail));
  }
  parts.push(`equivalent: ${oneLine(entry.kubectl)}`);
  return parts.join(' — ').replace(UNSAFE, '$1=<redacted>');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}
