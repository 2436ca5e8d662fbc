/**
 * Shared vocabulary of the health classifier: levels, reasons, ranking. Pure.
 */

/** Overall health: `unknown` means the kubelet went silent, so nothing it reported can be trusted. */
export type HealthLevel = 'ok' | 'warning' | 'error' | 'unknown';

/** How much one reason weighs; `info` never raises the level (cordon, known taints). */
export type ReasonSeverity = 'error' | 'warning' | 'info';

export interface HealthReason {
  /** Stable id, kebab-case (`pleg-unhealthy`, `heartbeat-lost`, `crash-loop`…), for tests and context values. */
  readonly code: string;
  readonly severity: ReasonSeverity;
  /** One line for tooltips, e.g. `PLEG not healthy: last active 6m57s ago (threshold 3m0s)`. */
  readonly text: string;
  /** A few words for the tree description, e.g. `PLEG 6m57s`. */
  readonly short?: string;
  /** The raw message or a longer explanation. */
  readonly detail?: string;
}

/** Worst first: the order of the tree and of reasons in tooltips. */
export const LEVEL_RANK: Readonly<Record<HealthLevel, number>> = { error: 0, unknown: 1, warning: 2, ok: 3 };
const SEVERITY_RANK: Readonly<Record<ReasonSeverity, number>> = { error: 0, warning: 1, info: 2 };

export function sortReasons(reasons: readonly HealthReason[]): HealthReason[] {
  // Array.prototype.sort is stable, so reasons of equal severity keep the classifier's order.
  return [...reasons].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** Plain code-unit comparison, so the order does not depend on the host's locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts worst first, then by name.
 * @example rankByHealth([{n:'b',l:'ok'},{n:'a',l:'error'}], x => x.l, x => x.n) // a, b
 */
export function rankByHealth<T>(
  items: readonly T[],
  level: (item: T) => HealthLevel,
  name: (item: T) => string,
): T[] {
  return [...items].sort(
    (a, b) => LEVEL_RANK[level(a)] - LEVEL_RANK[level(b)] || compareNames(name(a), name(b)),
  );
}

/** The worse of two levels. */
export function worseLevel(a: HealthLevel, b: HealthLevel): HealthLevel {
  return LEVEL_RANK[a] <= LEVEL_RANK[b] ? a : b;
}
