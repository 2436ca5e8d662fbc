/**
 * Drain planning with kubectl's semantics, plus the preview kubectl does not give.
 *
 * Filters mirror kubernetes/kubectl `pkg/drain/filters.go` (v0.36): applied per pod in the order
 * skip-deleted → DaemonSet → mirror → local storage → unreplicated; the first filter that says
 * "don't delete" ends the chain and the *last* filter's status is the pod's status, so only the
 * last warning survives. Messages are kubectl's, so the parity test can compare them. kubectl
 * groups warnings/errors through a Go map, so its order of messages varies between runs; ours
 * follows first appearance.
 *
 * Extras for the preview: PodDisruptionBudget risks computed like the eviction subresource
 * (`pkg/registry/core/pod/storage/eviction.go`): 2+ PDBs → HTTP 500; one PDB with no disruption
 * left → 429 retried until the timeout. Pure; `now` is injected.
 */
import { humanDuration } from './duration';
import { parseLabelSelector, requirementsMatch, selectorMatches } from './labelSelector';
import {
  controllerOf,
  findPodCondition,
  MIRROR_POD_ANNOTATION,
  podKey,
  podRef,
  toMillis,
  type PdbInfo,
  type PodInfo,
  type PodRef,
} from './model';

export interface DrainOptions {
  /** `--ignore-daemonsets` */
  readonly ignoreDaemonSets?: boolean;
  /** `--delete-emptydir-data` */
  readonly deleteEmptyDirData?: boolean;
  /** `--force`: also deletes pods without a controller and orphaned DaemonSet pods. */
  readonly force?: boolean;
  /** `--grace-period`; negative (default −1) → each pod's own terminationGracePeriodSeconds. */
  readonly gracePeriodSeconds?: number;
  /** `--timeout`; 0 (default) = no limit. One deadline for the whole node. */
  readonly timeoutSeconds?: number;
  /** `--pod-selector` */
  readonly podSelector?: string;
  /** `--skip-wait-for-delete-timeout`; 0 (default) = never skip. */
  readonly skipWaitForDeleteTimeoutSeconds?: number;
  /** `--disable-eviction`: DELETE instead of evicting; bypasses PDBs. */
  readonly disableEviction?: boolean;
  /** Delay between retries of a 429 (kubectl's CLI sets 5 s). */
  readonly evictionRetryDelaySeconds?: number;
}

export const DRAIN_DEFAULTS = {
  gracePeriodSeconds: -1,
  timeoutSeconds: 0,
  skipWaitForDeleteTimeoutSeconds: 0,
  evictionRetryDelaySeconds: 5,
} as const;

/** kubectl's message constants (`filters.go`). */
export const KUBECTL_DRAIN_MESSAGES = {
  daemonSetFatal: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
  daemonSetWarning: 'ignoring DaemonSet-managed Pods',
  localStorageFatal: 'Pods with local storage (use --delete-emptydir-data to override)',
  localStorageWarning: 'deleting Pods with local storage',
  unmanagedFatal: 'Pods that declare no controller (use --force to override)',
  unmanagedWarning: 'deleting Pods that declare no controller',
} as const;

/** kubectl's `PodDeleteStatus`. */
export interface KubectlPodDeleteStatus {
  readonly delete: boolean;
  readonly reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  readonly message?: string;
}

export type DrainFilter = 'skipDeleted' | 'daemonSet' | 'mirror' | 'localStorage' | 'unreplicated';
export type DrainAction = 'evict' | 'delete' | 'skip' | 'blocked';
export type SkipReason = 'alreadyDeleted' | 'daemonSet' | 'mirror';
export type BlockReason =
  'needsIgnoreDaemonSets' | 'needsDeleteEmptyDirData' | 'needsForce' | 'daemonSetLookup';

export interface PdbRisk {
  /**
   * multiplePdbs: the eviction returns 500 and kubectl gives up on the pod;
   * pdbBlocks: 429 until a disruption is allowed (or the timeout);
   * pdbNotObserved: 429 until the disruption controller catches up;
   * pdbSerializes: several pods share a budget, so evictions go one at a time.
   */
  readonly kind: 'multiplePdbs' | 'pdbBlocks' | 'pdbNotObserved' | 'pdbSerializes';
  readonly pdbs: readonly string[];
  readonly text: string;
}

export interface PlannedPod {
  readonly pod: PodInfo;
  readonly ref: PodRef;
  /** `namespace/name` */
  readonly key: string;
  readonly action: DrainAction;
  /** The filter that decided (the last one that ran). */
  readonly decidedBy?: DrainFilter;
  readonly status: KubectlPodDeleteStatus;
  readonly skipReason?: SkipReason;
  readonly blockReason?: BlockReason;
  /** PDBs (`namespace/name`) selecting the pod. */
  readonly pdbs: readonly string[];
  readonly risk?: PdbRisk;
  /** One line for the preview. */
  readonly text: string;
}

export interface OptionEffect {
  readonly option:
    | 'force'
    | 'deleteEmptyDirData'
    | 'ignoreDaemonSets'
    | 'skipWaitForDeleteTimeoutSeconds'
    | 'disableEviction';
  readonly flag: string;
  /** Whether the option is set in this plan. */
  readonly enabled: boolean;
  readonly pods: readonly string[];
  readonly text: string;
}

export interface DrainPlan {
  readonly options: Required<Omit<DrainOptions, 'podSelector'>> & { readonly podSelector: string };
  /** Every pod that matched the pod selector, in input order. */
  readonly pods: readonly PlannedPod[];
  /** Pods kubectl would evict (or delete with --disable-eviction). */
  readonly remove: readonly PlannedPod[];
  readonly skipped: readonly PlannedPod[];
  readonly blocked: readonly PlannedPod[];
  /** Pods to remove whose eviction will be refused or delayed by PDBs. */
  readonly atRisk: readonly PlannedPod[];
  /** `cannot delete <reason>: ns/a, ns/b` lines, as kubectl builds them. */
  readonly kubectlErrors: readonly string[];
  /** kubectl's aggregate of the errors: one as-is, several as `[e1, e2]`. */
  readonly kubectlError?: string;
  /** kubectl's warning text (printed as `Warning: <text>`). */
  readonly kubectlWarning?: string;
  /** False when kubectl would refuse to drain (any filter error) or the pod selector is invalid. */
  readonly canDrain: boolean;
  readonly selectorError?: string;
  /** Options that change this plan, set or not, with the pods they affect. */
  readonly optionEffects: readonly OptionEffect[];
}

export interface DrainPlanContext {
  /**
   * DaemonSets (`namespace/name`) known not to exist; kubectl GETs each one, so the caller looks
   * them up (ClusterApi.daemonSetExists) and passes the missing ones here.
   */
  readonly missingDaemonSets?: ReadonlySet<string>;
  /** DaemonSets whose lookup failed for another reason, with kubectl's error text. */
  readonly daemonSetLookupErrors?: ReadonlyMap<string, string>;
}

const FINISHED = new Set(['Succeeded', 'Failed']);

function normalize(options: DrainOptions): DrainPlan['options'] {
  return {
    ignoreDaemonSets: options.ignoreDaemonSets ?? false,
    deleteEmptyDirData: options.deleteEmptyDirData ?? false,
    force: options.force ?? false,
    gracePeriodSeconds: options.gracePeriodSeconds ?? DRAIN_DEFAULTS.gracePeriodSeconds,
    timeoutSeconds: options.timeoutSeconds ?? DRAIN_DEFAULTS.timeoutSeconds,
    podSelector: options.podSelector ?? '',
    skipWaitForDeleteTimeoutSeconds:
      options.skipWaitForDeleteTimeoutSeconds ?? DRAIN_DEFAULTS.skipWaitForDeleteTimeoutSeconds,
    disableEviction: options.disableEviction ?? false,
    evictionRetryDelaySeconds: options.evictionRetryDelaySeconds ?? DRAIN_DEFAULTS.evictionRetryDelaySeconds,
  };
}

/**
 * kubectl's `shouldSkipPod`: deletionTimestamp older than N whole seconds, N > 0.
 * Shared with the drain runner's wait-for-delete.
 */
export function deletedLongerThan(pod: PodInfo, seconds: number, nowMs: number): boolean {
  const deletedAt = toMillis(pod.metadata?.deletionTimestamp);
  return seconds > 0 && deletedAt !== undefined && Math.trunc((nowMs - deletedAt) / 1000) > seconds;
}

function isDaemonSetController(pod: PodInfo): boolean {
  const ref = controllerOf(pod.metadata);
  return ref !== undefined && ref.kind === 'DaemonSet' && ref.apiVersion === 'apps/v1';
}

const OKAY: KubectlPodDeleteStatus = { delete: true, reason: 'Okay' };
const SKIP: KubectlPodDeleteStatus = { delete: false, reason: 'Skip' };
const warning = (del: boolean, message: string): KubectlPodDeleteStatus => ({
  delete: del,
  reason: 'Warning',
  message,
});
const error = (message: string): KubectlPodDeleteStatus => ({ delete: false, reason: 'Error', message });

type FilterResult = { status: KubectlPodDeleteStatus; skipReason?: SkipReason; blockReason?: BlockReason };

function runFilters(
  pod: PodInfo,
  o: DrainPlan['options'],
  nowMs: number,
  ctx: DrainPlanContext,
): { filter: DrainFilter; result: FilterResult } {
  const phase = pod.status?.phase ?? '';
  const filters: [DrainFilter, () => FilterResult][] = [
    [
      'skipDeleted',
      () =>
        deletedLongerThan(pod, o.skipWaitForDeleteTimeoutSeconds, nowMs)
          ? { status: SKIP, skipReason: 'alreadyDeleted' }
          : { status: OKAY },
    ],
    [
      'daemonSet',
      () => {
        if (!isDaemonSetController(pod) || FINISHED.has(phase)) {
          return { status: OKAY };
        }
        const ds = `${pod.metadata?.namespace ?? ''}/${controllerOf(pod.metadata)!.name}`;
        const lookupError = ctx.daemonSetLookupErrors?.get(ds);
        if (lookupError) {
          return { status: error(lookupError), blockReason: 'daemonSetLookup' };
        }
        if (ctx.missingDaemonSets?.has(ds)) {
          const notFound = `daemonsets.apps "${controllerOf(pod.metadata)!.name}" not found`;
          return o.force
            ? { status: warning(true, notFound) }
            : { status: error(notFound), blockReason: 'needsForce' };
        }
        if (!o.ignoreDaemonSets) {
          return {
            status: error(KUBECTL_DRAIN_MESSAGES.daemonSetFatal),
            blockReason: 'needsIgnoreDaemonSets',
          };
        }
        return { status: warning(false, KUBECTL_DRAIN_MESSAGES.daemonSetWarning), skipReason: 'daemonSet' };
      },
    ],
    [
      'mirror',
      () =>
        pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined
          ? { status: SKIP, skipReason: 'mirror' }
          : { status: OKAY },
    ],
    [
      'localStorage',
      () => {
        if (!(pod.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined && v.emptyDir !== null)) {
          return { status: OKAY };
        }
        if (FINISHED.has(phase)) {
          return { status: OKAY };
        }
        if (!o.deleteEmptyDirData) {
          return {
            status: error(KUBECTL_DRAIN_MESSAGES.localStorageFatal),
            blockReason: 'needsDeleteEmptyDirData',
          };
        }
        return { status: warning(true, KUBECTL_DRAIN_MESSAGES.localStorageWarning) };
      },
    ],
    [
      'unreplicated',
      () => {
        if (FINISHED.has(phase)) {
          return { status: OKAY };
        }
        if (controllerOf(pod.metadata)) {
          return { status: OKAY };
        }
        if (o.force) {
          return { status: warning(true, KUBECTL_DRAIN_MESSAGES.unmanagedWarning) };
        }
        return { status: error(KUBECTL_DRAIN_MESSAGES.unmanagedFatal), blockReason: 'needsForce' };
      },
    ],
  ];
  let last: { filter: DrainFilter; result: FilterResult } = {
    filter: 'skipDeleted',
    result: { status: OKAY },
  };
  for (const [filter, run] of filters) {
    last = { filter, result: run() };
    if (!last.result.status.delete) {
      break;
    }
  }
  return last;
}

/** Groups `ns/pod` keys by message in first-appearance order: kubectl's Warnings()/errors(). */
function groupByMessage(items: readonly PlannedPod[], reason: 'Warning' | 'Error'): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    if (item.status.reason !== reason) {
      continue;
    }
    const message = item.status.message || (reason === 'Error' ? 'unexpected error' : '');
    const keys = groups.get(message) ?? [];
    keys.push(item.key);
    groups.set(message, keys);
  }
  return [...groups.entries()];
}

function isPodReady(pod: PodInfo): boolean {
  return findPodCondition(pod, 'Ready')?.status === 'True';
}

/**
 * The eviction subresource's view of one pod: which PDBs cover it and what that means.
 * Pods that are Succeeded/Failed/Pending or already deleting skip the PDB check server-side.
 */
function pdbRisk(
  pod: PodInfo,
  pdbs: readonly PdbInfo[],
  sharedBudgetUse: ReadonlyMap<string, number>,
): PdbRisk | undefined {
  const phase = pod.status?.phase ?? '';
  if (FINISHED.has(phase) || phase === 'Pending' || pod.metadata?.deletionTimestamp) {
    return undefined;
  }
  const names = pdbs.map((b) => b.metadata?.name ?? '');
  if (pdbs.length > 1) {
    return {
      kind: 'multiplePdbs',
      pdbs: names,
      text: `covered by ${pdbs.length} PodDisruptionBudgets (${names.join(', ')}): the eviction API refuses with HTTP 500 and this pod will not be drained`,
    };
  }
  if (pdbs.length === 0) {
    return undefined;
  }
  const pdb = pdbs[0];
  const name = names[0];
  const status = pdb.status ?? {};
  // A pod that is not ready goes without consuming the budget when the policy is AlwaysAllow or
  // the budget is already met (IfHealthyBudget); the server checks this before anything else.
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') {
      return undefined;
    }
    if ((status.desiredHealthy ?? 0) > 0 && (status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0)) {
      return undefined;
    }
  }
  if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
    return {
      kind: 'pdbNotObserved',
      pdbs: names,
      text: `PodDisruptionBudget ${name} is still being processed by the disruption controller: evictions get 429 until it catches up`,
    };
  }
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed <= 0) {
    return {
      kind: 'pdbBlocks',
      pdbs: names,
      text: `PodDisruptionBudget ${name} allows no disruption (${status.currentHealthy ?? '?'} healthy, ${status.desiredHealthy ?? '?'} needed): evictions get 429 and are retried until it allows one or the drain times out`,
    };
  }
  const sharing = sharedBudgetUse.get(`${pod.metadata?.namespace ?? ''}/${name}`) ?? 0;
  if (sharing > allowed) {
    return {
      kind: 'pdbSerializes',
      pdbs: names,
      text: `PodDisruptionBudget ${name} allows ${allowed} disruption${allowed === 1 ? '' : 's'} for ${sharing} pods on this node: evictions wait for replacements to become healthy`,
    };
  }
  return undefined;
}

function actionText(p: Omit<PlannedPod, 'text'>, o: DrainPlan['options'], nowMs: number): string {
  switch (p.action) {
    case 'evict':
    case 'delete': {
      const verb = p.action === 'evict' ? 'evict' : 'delete';
      const note = p.status.reason === 'Warning' ? ` (${p.status.message})` : '';
      return p.risk ? `${verb}: ${p.risk.text}` : `${verb}${note}`;
    }
    case 'skip':
      if (p.skipReason === 'daemonSet') {
        return 'skip: managed by a DaemonSet (--ignore-daemonsets); it would come straight back';
      }
      if (p.skipReason === 'mirror') {
        return 'skip: static (mirror) pod, managed by the kubelet on the node';
      }
      return `skip: deleted ${humanDuration(nowMs - (toMillis(p.pod.metadata?.deletionTimestamp) ?? nowMs))} ago, longer than --skip-wait-for-delete-timeout=${o.skipWaitForDeleteTimeoutSeconds}`;
    case 'blocked':
      if (p.blockReason === 'needsIgnoreDaemonSets') {
        return 'blocked: DaemonSet pod, needs --ignore-daemonsets';
      }
      if (p.blockReason === 'needsDeleteEmptyDirData') {
        return 'blocked: uses emptyDir (its data is lost), needs --delete-emptydir-data';
      }
      if (p.blockReason === 'needsForce') {
        return `blocked: ${p.status.message?.startsWith('daemonsets.apps') ? 'its DaemonSet no longer exists' : 'declares no controller, nothing will recreate it'}, needs --force`;
      }
      return `blocked: ${p.status.message ?? 'unexpected error'}`;
  }
}

/**
 * Plans a drain like `kubectl drain` would, and annotates PDB risks.
 * @example planDrain(podsOnNode, pdbs, { ignoreDaemonSets: true }, now).kubectlError
 *   // 'cannot delete Pods with local storage (use --delete-emptydir-data to override): shop/scratch-…'
 */
export function planDrain(
  pods: readonly PodInfo[],
  pdbs: readonly PdbInfo[],
  options: DrainOptions,
  now: Date | number,
  context: DrainPlanContext = {},
): DrainPlan {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const o = normalize(options);
  const selector = parseLabelSelector(o.podSelector);
  const selected = selector.ok
    ? pods.filter((p) => requirementsMatch(p.metadata?.labels, selector.requirements))
    : [];

  const pdbsOf = (pod: PodInfo) =>
    pdbs.filter(
      (b) =>
        b.metadata?.namespace === pod.metadata?.namespace &&
        selectorMatches(pod.metadata?.labels, b.spec?.selector),
    );

  // First pass: kubectl's filters.
  const decided = selected.map((pod) => {
    const { filter, result } = runFilters(pod, o, nowMs, context);
    const action: DrainAction = result.status.delete
      ? o.disableEviction
        ? 'delete'
        : 'evict'
      : result.status.reason === 'Error'
        ? 'blocked'
        : 'skip';
    return { pod, filter, result, action, covering: pdbsOf(pod) };
  });

  // How many pods to evict share each single PDB (for the one-at-a-time note).
  const budgetUse = new Map<string, number>();
  for (const d of decided) {
    if (d.action !== 'evict' || d.covering.length !== 1) {
      continue;
    }
    const key = `${d.covering[0].metadata?.namespace ?? ''}/${d.covering[0].metadata?.name ?? ''}`;
    budgetUse.set(key, (budgetUse.get(key) ?? 0) + 1);
  }

  const planned: PlannedPod[] = decided.map((d) => {
    const base = {
      pod: d.pod,
      ref: podRef(d.pod),
      key: podKey(podRef(d.pod)),
      action: d.action,
      decidedBy: d.filter,
      status: d.result.status,
      pdbs: d.covering.map((b) => `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`),
      ...(d.result.skipReason ? { skipReason: d.result.skipReason } : {}),
      ...(d.result.blockReason ? { blockReason: d.result.blockReason } : {}),
    };
    const risk = d.action === 'evict' ? pdbRisk(d.pod, d.covering, budgetUse) : undefined;
    const withRisk = risk ? { ...base, risk } : base;
    return { ...withRisk, text: actionText(withRisk, o, nowMs) };
  });

  const errors = groupByMessage(planned, 'Error').map(
    ([message, keys]) => `cannot delete ${message}: ${keys.join(', ')}`,
  );
  const warnings = groupByMessage(planned, 'Warning').map(
    ([message, keys]) => `${message}: ${keys.join(', ')}`,
  );
  const remove = planned.filter((p) => p.action === 'evict' || p.action === 'delete');

  return {
    options: o,
    pods: planned,
    remove,
    skipped: planned.filter((p) => p.action === 'skip'),
    blocked: planned.filter((p) => p.action === 'blocked'),
    atRisk: remove.filter((p) => p.risk !== undefined),
    kubectlErrors: errors,
    ...(errors.length === 1
      ? { kubectlError: errors[0] }
      : errors.length > 1
        ? { kubectlError: `[${errors.join(', ')}]` }
        : {}),
    ...(warnings.length > 0 ? { kubectlWarning: warnings.join('; ') } : {}),
    canDrain: selector.ok && errors.length === 0,
    ...(selector.ok ? {} : { selectorError: selector.error }),
    optionEffects: optionEffects(
      selected,
      o,
      nowMs,
      context,
      remove.filter((p) => p.risk).map((p) => p.key),
    ),
  };
}

/** Which override flags change this plan, by re-planning with each one flipped. */
function optionEffects(
  pods: readonly PodInfo[],
  o: DrainPlan['options'],
  nowMs: number,
  ctx: DrainPlanContext,
  atRisk: readonly string[],
): OptionEffect[] {
  const effects: OptionEffect[] = [];
  const actions = (opts: DrainPlan['options']) =>
    pods.map((p) => runFilters(p, opts, nowMs, ctx).result.status);
  const current = actions(o);
  const changed = (flipped: DrainPlan['options']) =>
    actions(flipped)
      .map((s, i) =>
        s.delete !== current[i].delete || s.reason !== current[i].reason
          ? podKey(podRef(pods[i]))
          : undefined,
      )
      .filter((k): k is string => k !== undefined);

  const flags: { option: OptionEffect['option']; flag: string; on: string; off: string }[] = [
    {
      option: 'ignoreDaemonSets',
      flag: '--ignore-daemonsets',
      on: 'skips DaemonSet pods instead of refusing',
      off: 'without it, DaemonSet pods block the drain',
    },
    {
      option: 'deleteEmptyDirData',
      flag: '--delete-emptydir-data',
      on: 'evicts pods with emptyDir volumes; their data is lost',
      off: 'without it, emptyDir pods block the drain',
    },
    {
      option: 'force',
      flag: '--force',
      on: 'removes pods no controller will recreate',
      off: 'without it, pods without a controller block the drain',
    },
  ];
  for (const f of flags) {
    const enabled = o[f.option] as boolean;
    const affected = changed({ ...o, [f.option]: !enabled });
    if (affected.length > 0) {
      effects.push({ option: f.option, flag: f.flag, enabled, pods: affected, text: enabled ? f.on : f.off });
    }
  }

  const deleting = pods.filter((p) => p.metadata?.deletionTimestamp).map((p) => podKey(podRef(p)));
  if (deleting.length > 0) {
    effects.push({
      option: 'skipWaitForDeleteTimeoutSeconds',
      flag: '--skip-wait-for-delete-timeout',
      enabled: o.skipWaitForDeleteTimeoutSeconds > 0,
      pods: deleting,
      text:
        o.skipWaitForDeleteTimeoutSeconds > 0
          ? `pods deleted more than ${o.skipWaitForDeleteTimeoutSeconds}s ago are not waited for`
          : 'these pods are already Terminating; on a NotReady/Unknown node they never finish, so the drain would wait forever without it',
    });
  }
  if (o.disableEviction || atRisk.length > 0) {
    effects.push({
      option: 'disableEviction',
      flag: '--disable-eviction',
      enabled: o.disableEviction,
      pods: atRisk,
      text: o.disableEviction
        ? 'pods are deleted directly: PodDisruptionBudgets are not checked'
        : 'would delete these pods directly, bypassing their PodDisruptionBudgets (use with caution)',
    });
  }
  return effects;
}
