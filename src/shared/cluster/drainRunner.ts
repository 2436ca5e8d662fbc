/**
 * Runs a drain through the ClusterApi port with kubectl's semantics (kubernetes/kubectl v0.36
 * `pkg/drain/drain.go`, `pkg/cmd/drain/drain.go`), with the clock, sleep and cancellation injected.
 *
 * 1. Cordon (or "already cordoned"); unlike kubectl ≤ 1.2x we stop if cordon fails.
 * 2. List the node's pods, the PDBs, look up DaemonSets; plan with kubectl's filters; a filter
 *    error refuses the drain (the node stays cordoned, as with kubectl).
 * 3. Evict every pod concurrently (policy/v1): 429 → retry after the delay (5 s, or Retry-After
 *    when longer), re-reading the pod; 404 → gone; 403 NamespaceTerminating → retry, or just wait
 *    when the pod is already deleting; anything else (the multi-PDB 500 included) → that pod fails.
 *    With `disableEviction`, DELETE sequentially instead, then wait for all.
 * 4. Wait for deletion: poll every second; 404 or a new UID means gone; a pod whose
 *    deletionTimestamp is older than skip-wait-for-delete-timeout is not waited for.
 * One global deadline (`timeoutSeconds`, 0 = none). Cancelling leaves the node cordoned and
 * reports the pods that remain. Output lines match kubectl's so the audit log reads the same.
 */
import { isDisruptionBudgetError, type ApiError } from '../result';
import type { ClusterApi } from './clusterApi';
import {
  deletedLongerThan,
  planDrain,
  type DrainOptions,
  type DrainPlan,
  type PlannedPod,
} from './drainPlanner';
import { controllerOf, podKey, type PodInfo, type PodRef } from './model';

export interface DrainRunnerDeps {
  readonly api: ClusterApi;
  /** Epoch ms. */
  readonly now: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DrainProgress) => void;
  /** kubectl-style output lines (`evicting pod ns/name`, `error when evicting …`, `node/x drained`). */
  readonly onLine?: (line: string, stream: 'out' | 'err') => void;
  /** Poll interval of wait-for-delete; kubectl uses 1 s. */
  readonly pollIntervalMs?: number;
}

export type PodOutcomeKind =
  | 'evicted' // eviction accepted and the pod is gone
  | 'deleted' // deleted (disable-eviction) and gone
  | 'alreadyGone' // 404 before we could evict or delete it
  | 'skippedWait' // deleted, but deletionTimestamp older than skip-wait-for-delete-timeout: not waited for
  | 'skipped' // not touched by design (DaemonSet, mirror, already deleted)
  | 'blocked' // a filter refused it (needs --force / --delete-emptydir-data / --ignore-daemonsets)
  | 'failed'
  | 'timedOut'
  | 'cancelled'
  | 'notAttempted'; // the delete path stopped before reaching it

export interface PodOutcome {
  readonly key: string;
  readonly ref: PodRef;
  readonly outcome: PodOutcomeKind;
  /** Eviction attempts (429 retries included). */
  readonly attempts: number;
  readonly message: string;
  readonly error?: ApiError;
}

export interface DrainProgress {
  readonly phase: 'cordon' | 'plan' | 'evict' | 'wait' | 'done';
  readonly total: number;
  /** Evictions/deletions accepted by the API server. */
  readonly accepted: number;
  /** Pods confirmed gone (or not waited for). */
  readonly finished: number;
  readonly failed: number;
  /** Pods currently refused with 429, with the PDB's message. */
  readonly blockers: readonly { readonly key: string; readonly message: string }[];
}

export type DrainStatus = 'drained' | 'refused' | 'failed' | 'cancelled' | 'timedOut' | 'cordonFailed';

export interface DrainResult {
  readonly node: string;
  readonly status: DrainStatus;
  readonly cordon: 'cordoned' | 'alreadyCordoned' | 'failed' | 'notAttempted';
  readonly plan?: DrainPlan;
  /** One entry per pod of the plan (removed, skipped and blocked alike). */
  readonly outcomes: readonly PodOutcome[];
  /** Pods still on the node that the drain meant to remove. */
  readonly remaining: readonly string[];
  /** kubectl's aggregated error, when not drained. */
  readonly error?: string;
  /** Everything printed, in order. */
  readonly lines: readonly string[];
}

const SECOND = 1000;

/** Go's `%v` for a time.Duration, as kubectl prints the retry delay and the timeout. */
function goDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

function aggregate(errors: readonly string[]): string | undefined {
  if (errors.length === 0) {
    return undefined;
  }
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

function blockerMessage(error: ApiError): string {
  const cause = error.causes?.find((c) => c.reason === 'DisruptionBudget')?.message;
  return cause ? `${error.message} ${cause}` : error.message;
}

function hasCause(error: ApiError, reason: string): boolean {
  return error.causes?.some((c) => c.reason === reason) === true;
}

/**
 * Cordons and drains one node.
 * @example await runDrain('node-7', { ignoreDaemonSets: true }, { api, now: Date.now, sleep })
 *   // { status: 'drained', outcomes: [...], lines: ['node/node-7 cordoned', 'evicting pod …', …] }
 */
export async function runDrain(
  nodeName: string,
  options: DrainOptions,
  deps: DrainRunnerDeps,
): Promise<DrainResult> {
  const { api, signal } = deps;
  const lines: string[] = [];
  const say = (line: string, stream: 'out' | 'err' = 'out') => {
    lines.push(line);
    deps.onLine?.(line, stream);
  };
  const cancelled = () => signal?.aborted === true;
  const base = { node: nodeName, lines };

  // 1. Cordon.
  const node = await api.getNode(nodeName, signal);
  if (!node.ok) {
    say(`error: unable to cordon node "${nodeName}": ${node.error.message}`, 'err');
    return {
      ...base,
      status: 'cordonFailed',
      cordon: 'failed',
      outcomes: [],
      remaining: [],
      error: node.error.message,
    };
  }
  let cordon: DrainResult['cordon'];
  if (node.value.spec?.unschedulable === true) {
    cordon = 'alreadyCordoned';
    say(`node/${nodeName} already cordoned`);
  } else {
    const patched = await api.patchNodeUnschedulable(nodeName, true, { signal });
    if (!patched.ok) {
      say(`error: unable to cordon node "${nodeName}": ${patched.error.message}`, 'err');
      return {
        ...base,
        status: 'cordonFailed',
        cordon: 'failed',
        outcomes: [],
        remaining: [],
        error: patched.error.message,
      };
    }
    cordon = 'cordoned';
    say(`node/${nodeName} cordoned`);
  }
  const progress = { phase: 'plan' as DrainProgress['phase'], total: 0, accepted: 0, finished: 0, failed: 0 };
  const blockers = new Map<string, string>();
  const report = () =>
    deps.onProgress?.({ ...progress, blockers: [...blockers].map(([key, message]) => ({ key, message })) });
  report();

  const failDrain = (
    status: DrainStatus,
    error: string,
    plan?: DrainPlan,
    outcomes: PodOutcome[] = [],
    remaining: string[] = [],
  ) => {
    say(`error: unable to drain node "${nodeName}" due to error: ${error}, continuing command...`, 'err');
    say('There are pending nodes to be drained:', 'err');
    say(` ${nodeName}`, 'err');
    progress.phase = 'done';
    report();
    return { ...base, status, cordon, ...(plan ? { plan } : {}), outcomes, remaining, error };
  };

  // 2. List and plan.
  const listed = await api.listPodsOnNode(nodeName, {
    ...(options.podSelector ? { labelSelector: options.podSelector } : {}),
    signal,
  });
  if (!listed.ok) {
    return failDrain(cancelled() ? 'cancelled' : 'failed', listed.error.message);
  }
  const pdbs = options.disableEviction ? undefined : await api.listPdbs({ signal });
  if (pdbs && !pdbs.ok) {
    // Only the preview's PDB risks need the list; the eviction API still enforces every budget.
    say(
      `Warning: could not list PodDisruptionBudgets (${pdbs.error.message}); PDB risks are not shown`,
      'err',
    );
  }
  const missingDaemonSets = new Set<string>();
  const daemonSetLookupErrors = new Map<string, string>();
  const daemonSets = new Set<string>();
  for (const pod of listed.value) {
    const owner = controllerOf(pod.metadata);
    const phase = pod.status?.phase;
    if (
      owner?.kind === 'DaemonSet' &&
      owner.apiVersion === 'apps/v1' &&
      phase !== 'Succeeded' &&
      phase !== 'Failed'
    ) {
      daemonSets.add(`${pod.metadata?.namespace ?? ''}/${owner.name}`);
    }
  }
  for (const ds of daemonSets) {
    const [namespace, name] = ds.split('/');
    const exists = await api.daemonSetExists(namespace, name, signal);
    if (!exists.ok) {
      daemonSetLookupErrors.set(ds, exists.error.message);
    } else if (!exists.value) {
      missingDaemonSets.add(ds);
    }
  }
  const plan = planDrain(listed.value, pdbs?.ok ? pdbs.value : [], options, deps.now(), {
    missingDaemonSets,
    daemonSetLookupErrors,
  });
  const planOutcomes: PodOutcome[] = [
    ...plan.skipped.map((p) => ({
      key: p.key,
      ref: p.ref,
      outcome: 'skipped' as const,
      attempts: 0,
      message: p.text,
    })),
    ...plan.blocked.map((p) => ({
      key: p.key,
      ref: p.ref,
      outcome: 'blocked' as const,
      attempts: 0,
      message: p.text,
    })),
  ];
  if (plan.selectorError) {
    return failDrain('refused', plan.selectorError, plan);
  }
  if (!plan.canDrain) {
    return failDrain('refused', plan.kubectlError ?? 'unexpected error', plan, planOutcomes);
  }
  if (plan.kubectlWarning) {
    say(`Warning: ${plan.kubectlWarning}`, 'err');
  }

  // 3. Evict or delete.
  const o = plan.options;
  const deadline = o.timeoutSeconds > 0 ? deps.now() + o.timeoutSeconds * SECOND : Infinity;
  const timeoutText = goDuration(o.timeoutSeconds > 0 ? o.timeoutSeconds * SECOND : 0);
  const retryDelayMs = o.evictionRetryDelaySeconds * SECOND;
  const pollMs = deps.pollIntervalMs ?? SECOND;
  const grace = {
    ...(o.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: o.gracePeriodSeconds } : {}),
    ...(signal ? { signal } : {}),
  };
  const usingEviction = !o.disableEviction;
  progress.phase = usingEviction ? 'evict' : 'wait';
  progress.total = plan.remove.length;
  report();

  const errors: string[] = [];
  const outcomes = new Map<string, PodOutcome>();
  const finish = (
    p: PlannedPod,
    outcome: PodOutcomeKind,
    attempts: number,
    message: string,
    error?: ApiError,
  ) => {
    outcomes.set(p.key, { key: p.key, ref: p.ref, outcome, attempts, message, ...(error ? { error } : {}) });
    blockers.delete(p.key);
    if (outcome === 'failed' || outcome === 'timedOut') {
      progress.failed++;
    } else if (outcome !== 'cancelled' && outcome !== 'notAttempted') {
      progress.finished++;
    }
    report();
  };
  const sleepUntil = (ms: number) => deps.sleep(Math.max(0, Math.min(ms, deadline - deps.now())), signal);

  /** Waits until the pod is gone; returns how the wait ended. */
  const waitForDelete = async (
    p: PlannedPod,
    uid: string | undefined,
  ): Promise<'gone' | 'skipped' | 'timeout' | 'cancelled' | ApiError> => {
    for (;;) {
      if (cancelled()) {
        return 'cancelled';
      }
      const current = await api.getPod(p.ref, signal);
      if (!current.ok && current.error.kind === 'notFound') {
        return 'gone';
      }
      if (!current.ok) {
        return cancelled() ? 'cancelled' : current.error;
      }
      if (uid !== undefined && current.value.metadata?.uid !== uid) {
        return 'gone';
      }
      if (deletedLongerThan(current.value, o.skipWaitForDeleteTimeoutSeconds, deps.now())) {
        say(
          `pod "${p.ref.name}" has DeletionTimestamp older than ${o.skipWaitForDeleteTimeoutSeconds} seconds, skipping`,
        );
        return 'skipped';
      }
      if (deps.now() >= deadline) {
        return 'timeout';
      }
      await sleepUntil(pollMs);
    }
  };

  const afterWait = (
    p: PlannedPod,
    result: Awaited<ReturnType<typeof waitForDelete>>,
    attempts: number,
    goneVerb: 'evicted' | 'deleted',
  ) => {
    if (result === 'gone') {
      say(`pod/${p.ref.name} ${goneVerb}`);
      finish(p, goneVerb, attempts, `pod/${p.ref.name} ${goneVerb}`);
    } else if (result === 'skipped') {
      finish(
        p,
        'skippedWait',
        attempts,
        `deletion older than ${o.skipWaitForDeleteTimeoutSeconds}s; not waited for`,
      );
    } else if (result === 'cancelled') {
      finish(p, 'cancelled', attempts, 'cancelled while waiting for deletion');
    } else {
      const why = result === 'timeout' ? 'context deadline exceeded' : result.message;
      const message = `error when waiting for pod "${p.ref.name}" in namespace "${p.ref.namespace}" to terminate: ${why}`;
      errors.push(message);
      if (result !== 'timeout') {
        say(`pod/${p.ref.name} ${goneVerb === 'evicted' ? 'eviction failed' : 'deletion failed'}`);
      }
      finish(
        p,
        result === 'timeout' ? 'timedOut' : 'failed',
        attempts,
        message,
        result === 'timeout' ? undefined : result,
      );
    }
  };

  const evictOne = async (p: PlannedPod): Promise<void> => {
    let active: PodInfo = p.pod;
    let attempts = 0;
    for (;;) {
      if (cancelled()) {
        return finish(p, 'cancelled', attempts, 'cancelled before the eviction was accepted');
      }
      say(`evicting pod ${podKey(p.ref)}`);
      if (deps.now() >= deadline) {
        const message = `error when evicting pods/"${p.ref.name}" -n "${p.ref.namespace}": global timeout reached: ${timeoutText}`;
        errors.push(message);
        return finish(p, 'timedOut', attempts, message);
      }
      attempts++;
      const evicted = await api.evictPod(p.ref, grace);
      if (evicted.ok) {
        break;
      }
      const e = evicted.error;
      if (e.kind === 'cancelled' || cancelled()) {
        return finish(p, 'cancelled', attempts, 'cancelled during eviction');
      }
      if (e.kind === 'notFound') {
        return finish(p, 'alreadyGone', attempts, 'not found: already gone');
      }
      if (e.kind === 'tooManyRequests') {
        const delay = Math.max(retryDelayMs, (e.retryAfterSeconds ?? 0) * SECOND);
        say(
          `error when evicting pods/"${p.ref.name}" -n "${p.ref.namespace}" (will retry after ${goDuration(delay)}): ${e.message}`,
          'err',
        );
        blockers.set(
          p.key,
          isDisruptionBudgetError(e) ? blockerMessage(e) : `${e.message} (API priority and fairness?)`,
        );
        report();
        await sleepUntil(delay);
      } else if (
        e.kind === 'forbidden' &&
        hasCause(e, 'NamespaceTerminating') &&
        active.metadata?.deletionTimestamp
      ) {
        break; // the namespace is going away and the pod is already deleting: just wait
      } else if (e.kind === 'forbidden' && hasCause(e, 'NamespaceTerminating')) {
        say(
          `error when evicting pod "${p.ref.name}" from terminating namespace "${p.ref.namespace}" (will retry after ${goDuration(retryDelayMs)}): ${e.message}`,
          'err',
        );
        await sleepUntil(retryDelayMs);
      } else {
        const message = `error when evicting pods/"${p.ref.name}" -n "${p.ref.namespace}": ${e.message}`;
        say(message, 'err');
        errors.push(message);
        return finish(p, 'failed', attempts, message, e);
      }
      // Re-read before the next attempt (kubernetes/kubernetes#133461). A new UID means the pod we
      // meant is gone and a replacement took its name: stop instead of evicting the replacement.
      const fresh = await api.getPod(p.ref, signal);
      if (fresh.ok && p.ref.uid !== undefined && fresh.value.metadata?.uid !== p.ref.uid) {
        return finish(p, 'alreadyGone', attempts, 'replaced by a new pod with the same name');
      }
      if (!fresh.ok && fresh.error.kind === 'notFound') {
        return finish(p, 'alreadyGone', attempts, 'not found: already gone');
      }
      if (fresh.ok) {
        active = fresh.value;
      }
    }
    blockers.delete(p.key);
    progress.accepted++;
    report();
    afterWait(p, await waitForDelete(p, p.ref.uid), attempts, 'evicted');
  };

  if (usingEviction) {
    await Promise.all(plan.remove.map(evictOne));
  } else {
    // kubectl's delete path: sequential DELETEs (NotFound ignored), then one wait for all.
    const toWait: PlannedPod[] = [];
    let stopped: string | undefined;
    for (const p of plan.remove) {
      if (stopped !== undefined || cancelled()) {
        finish(p, cancelled() ? 'cancelled' : 'notAttempted', 0, stopped ?? 'cancelled before deletion');
        continue;
      }
      const deleted = await api.deletePod(p.ref, grace);
      if (!deleted.ok && deleted.error.kind === 'notFound') {
        finish(p, 'alreadyGone', 0, 'not found: already gone');
      } else if (!deleted.ok) {
        stopped = deleted.error.message;
        errors.push(deleted.error.message);
        finish(
          p,
          deleted.error.kind === 'cancelled' ? 'cancelled' : 'failed',
          1,
          deleted.error.message,
          deleted.error,
        );
      } else {
        progress.accepted++;
        toWait.push(p);
      }
    }
    await Promise.all(toWait.map(async (p) => afterWait(p, await waitForDelete(p, p.ref.uid), 1, 'deleted')));
  }

  // 4. Summary.
  const ordered = plan.remove.map((p) => outcomes.get(p.key)!);
  const all = [...ordered, ...planOutcomes];
  const remaining = ordered
    .filter((x) => !['evicted', 'deleted', 'alreadyGone', 'skippedWait'].includes(x.outcome))
    .map((x) => x.key);
  progress.phase = 'done';
  report();

  if (cancelled()) {
    say(`drain of node "${nodeName}" cancelled; the node stays cordoned`, 'err');
    if (remaining.length > 0) {
      say(`There are pending pods in node "${nodeName}": ${remaining.join(', ')}`, 'err');
    }
    return {
      ...base,
      status: 'cancelled',
      cordon,
      plan,
      outcomes: all,
      remaining,
      ...(errors.length ? { error: aggregate(errors) } : {}),
    };
  }
  const error = aggregate(errors);
  if (error === undefined) {
    say(`node/${nodeName} drained`);
    return { ...base, status: 'drained', cordon, plan, outcomes: all, remaining };
  }
  say(`There are pending pods in node "${nodeName}" when an error occurred: ${error}`, 'err');
  for (const key of remaining) {
    say(`pod/${key.slice(key.indexOf('/') + 1)}`, 'err');
  }
  const timedOut =
    ordered.some((x) => x.outcome === 'timedOut') && !ordered.some((x) => x.outcome === 'failed');
  return failDrain(timedOut ? 'timedOut' : 'failed', error, plan, all, remaining);
}

/** A one-line human summary of a drain result, for notifications. */
export function describeDrainResult(result: DrainResult): string {
  const count = (kind: PodOutcomeKind) => result.outcomes.filter((o) => o.outcome === kind).length;
  const removed = count('evicted') + count('deleted') + count('alreadyGone');
  const parts = [`${removed} removed`];
  if (count('skippedWait')) {
    parts.push(`${count('skippedWait')} not waited for`);
  }
  if (count('skipped')) {
    parts.push(`${count('skipped')} skipped`);
  }
  if (count('blocked')) {
    parts.push(`${count('blocked')} blocked`);
  }
  if (count('failed')) {
    parts.push(`${count('failed')} failed`);
  }
  if (count('timedOut')) {
    parts.push(`${count('timedOut')} timed out`);
  }
  if (count('cancelled') || count('notAttempted')) {
    parts.push(`${count('cancelled') + count('notAttempted')} not done`);
  }
  const verdict: Record<DrainStatus, string> = {
    drained: `node ${result.node} drained`,
    refused: `drain of ${result.node} refused`,
    failed: `drain of ${result.node} failed`,
    cancelled: `drain of ${result.node} cancelled (node stays cordoned)`,
    timedOut: `drain of ${result.node} timed out (node stays cordoned)`,
    cordonFailed: `could not cordon ${result.node}`,
  };
  return `${verdict[result.status]}: ${parts.join(', ')}`;
}
