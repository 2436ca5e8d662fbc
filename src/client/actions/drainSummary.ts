/**
 * What the user reads after a drain: a per-pod outcome table for the output channel, one
 * notification line, its severity, and the progress text shown while it runs. Never claims
 * success for work not done: only `drained` is reported as success. vscode-free.
 */
import type {
  DrainProgress,
  DrainResult,
  PodOutcome,
  PodOutcomeKind,
} from '../../shared/cluster/drainRunner';
import { describeDrainResult } from '../../shared/cluster/drainRunner';
import { isUnreachable } from './explainError';

const LABEL: Readonly<Record<PodOutcomeKind, string>> = {
  evicted: 'evicted',
  deleted: 'deleted',
  alreadyGone: 'already gone',
  skippedWait: 'deleted, not waited for',
  skipped: 'skipped',
  blocked: 'blocked',
  failed: 'FAILED',
  timedOut: 'TIMED OUT',
  cancelled: 'cancelled',
  notAttempted: 'not attempted',
};

/** Pods whose failure came from losing the API server (network, timeout, TLS). */
export function unreachablePods(result: DrainResult): PodOutcome[] {
  return result.outcomes.filter((o) => o.error !== undefined && isUnreachable(o.error));
}

/** Lines for the output channel: a heading, one line per pod, and what remains. */
export function drainSummaryLines(result: DrainResult, context: string): string[] {
  const lines = [`Drain of node/${result.node} (context ${context}): ${describeDrainResult(result)}`];
  const width = Math.max(10, ...result.outcomes.map((o) => o.key.length));
  for (const o of result.outcomes) {
    const attempts = o.attempts > 1 ? ` after ${o.attempts} attempts` : '';
    lines.push(`  ${o.key.padEnd(width)}  ${LABEL[o.outcome]}${attempts} — ${o.message}`);
  }
  const lost = unreachablePods(result);
  if (lost.length > 0) {
    lines.push(`  The API server became unreachable during the drain (${lost[0].error?.message ?? ''}).`);
  }
  if (result.remaining.length > 0) {
    lines.push(`  Still on the node: ${result.remaining.join(', ')}`);
  }
  if (result.status !== 'drained' && result.cordon !== 'failed') {
    lines.push(`  node/${result.node} stays cordoned (uncordon it when done).`);
  }
  return lines;
}

export type Severity = 'info' | 'warning' | 'error';

/** The notification after a drain: only a complete drain is `info`. */
export function drainNotification(
  result: DrainResult,
  context: string,
): { severity: Severity; text: string } {
  const base = `${describeDrainResult(result)} [${context}]`;
  const lost = unreachablePods(result);
  if (result.status === 'drained') {
    return { severity: 'info', text: base };
  }
  if (lost.length > 0) {
    return {
      severity: 'error',
      text: `${base}. The API server became unreachable; ${result.remaining.length} pod(s) remain: ${result.remaining.slice(0, 5).join(', ')}${result.remaining.length > 5 ? '…' : ''}`,
    };
  }
  const remaining =
    result.remaining.length > 0
      ? ` Remaining: ${result.remaining.slice(0, 5).join(', ')}${result.remaining.length > 5 ? '…' : ''}.`
      : '';
  return {
    severity: result.status === 'cancelled' || result.status === 'timedOut' ? 'warning' : 'error',
    text: `${base}.${remaining}`,
  };
}

/**
 * The progress notification line.
 * @example progressText({phase:'evict', total:9, accepted:4, finished:3, failed:0, blockers:[{key:'shop/web-1', message:'…'}]})
 * // 'evicted 3/9 · waiting on PDB: shop/web-1 (…)'
 */
export function progressText(p: DrainProgress): string {
  if (p.phase === 'cordon') {
    return 'cordoning…';
  }
  if (p.phase === 'plan') {
    return 'listing pods and PodDisruptionBudgets…';
  }
  const parts = [`evicted ${p.finished}/${p.total}`];
  if (p.failed > 0) {
    parts.push(`${p.failed} failed`);
  }
  if (p.blockers.length > 0) {
    const first = p.blockers[0];
    parts.push(
      `waiting on PDB: ${first.key} (${first.message})${p.blockers.length > 1 ? ` +${p.blockers.length - 1} more` : ''}`,
    );
  }
  return parts.join(' · ');
}
