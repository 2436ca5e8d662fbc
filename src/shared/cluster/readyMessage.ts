/**
 * Reads the diagnosis out of the kubelet's `Ready=False` message (`KubeletNotReady`).
 *
 * The kubelet aggregates runtime, network and storage errors into one message: one error prints
 * as-is, several as `[m1, m2]` (older releases joined with `,`). Sources: `pkg/kubelet/runtime.go`
 * (`runtimeErrors`), `pkg/kubelet/pleg/generic.go` (`Healthy`), `pkg/kubelet/nodestatus/setters.go`.
 * Matching is case-insensitive and by fragment start, because wording drifts across releases.
 */
import { parseGoDuration } from './duration';

export type ReadyFragmentCode =
  | 'runtime-status-pending'
  | 'runtime-down'
  | 'pleg-unhealthy'
  | 'pleg-never-succeeded'
  | 'network-not-ready'
  | 'runtime-not-ready'
  | 'missing-capacity'
  | 'not-ready-other';

export interface ReadyFragment {
  readonly code: ReadyFragmentCode;
  /** The fragment's own text, trimmed of aggregate punctuation. */
  readonly text: string;
  /** PLEG only: how long ago the relist last succeeded (ms), and the threshold (ms). */
  readonly plegLastActiveMs?: number;
  readonly plegThresholdMs?: number;
}

// Order matters inside the alternation: longer phrases that share a prefix come first.
const FRAGMENT_START =
  /container runtime status check may not have completed yet|container runtime is down|PLEG is not healthy|(?:container )?runtime network not ready|container runtime not ready|Missing node capacity for resources/gi;

function classifyFragment(text: string): ReadyFragment {
  const lower = text.toLowerCase();
  if (lower.startsWith('container runtime status check')) {
    return { code: 'runtime-status-pending', text };
  }
  if (lower.startsWith('container runtime is down')) {
    return { code: 'runtime-down', text };
  }
  if (lower.startsWith('pleg is not healthy')) {
    if (/has yet to be successful/i.test(text)) {
      return { code: 'pleg-never-succeeded', text };
    }
    const m = /last seen active\s+(\S+)\s+ago;\s*threshold is\s+([0-9.a-zµμ]+)/i.exec(text);
    const lastActive = m ? parseGoDuration(m[1]) : undefined;
    const threshold = m ? parseGoDuration(m[2]) : undefined;
    return {
      code: 'pleg-unhealthy',
      text,
      ...(lastActive !== undefined ? { plegLastActiveMs: lastActive } : {}),
      ...(threshold !== undefined ? { plegThresholdMs: threshold } : {}),
    };
  }
  if (/^(container )?runtime network not ready/.test(lower)) {
    return { code: 'network-not-ready', text };
  }
  if (lower.startsWith('container runtime not ready')) {
    return { code: 'runtime-not-ready', text };
  }
  if (lower.startsWith('missing node capacity')) {
    return { code: 'missing-capacity', text };
  }
  return { code: 'not-ready-other', text };
}

function trimAggregate(text: string): string {
  return text.replace(/^[\s[,]+/, '').replace(/[\s\],]+$/, '');
}

/**
 * Splits a `Ready` condition message into the known kubelet fragments.
 * @example parseReadyMessage('PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s')
 *   // [{ code: 'pleg-unhealthy', plegLastActiveMs: 417170, plegThresholdMs: 180000, text: … }]
 * @example parseReadyMessage('[container runtime is down, PLEG is not healthy: pleg has yet to be successful]')
 *   // codes: ['runtime-down', 'pleg-never-succeeded']
 */
export function parseReadyMessage(message: string | undefined): ReadyFragment[] {
  if (!message || !message.trim()) {
    return [];
  }
  const starts = [...message.matchAll(FRAGMENT_START)].map((m) => m.index);
  if (starts.length === 0) {
    return [{ code: 'not-ready-other', text: trimAggregate(message) }];
  }
  const fragments: ReadyFragment[] = [];
  const leading = trimAggregate(message.slice(0, starts[0]));
  if (leading) {
    fragments.push({ code: 'not-ready-other', text: leading });
  }
  starts.forEach((start, i) => {
    const text = trimAggregate(message.slice(start, starts[i + 1] ?? message.length));
    fragments.push(classifyFragment(text));
  });
  return fragments;
}
