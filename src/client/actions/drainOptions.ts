/**
 * The drain options the user chooses before the preview: defaults from the settings (never the
 * override flags — they start off, like kubectl), the skip-wait-for-delete-timeout pre-filled for a
 * NotReady/Unknown node with the reason, and the picker entries with what each option would change
 * for this node. vscode-free.
 */
import type { DrainOptions, OptionEffect } from '../../shared/cluster/drainPlanner';

export interface DrainSettings {
  readonly evictionRetrySeconds: number;
  /** 0 = no timeout (kubectl's default). */
  readonly defaultTimeoutSeconds: number;
  /** Suggested --skip-wait-for-delete-timeout for nodes whose kubelet is not reporting. */
  readonly skipWaitForDeleteTimeoutSeconds: number;
}

export const DEFAULT_DRAIN_SETTINGS: DrainSettings = {
  evictionRetrySeconds: 5,
  defaultTimeoutSeconds: 0,
  skipWaitForDeleteTimeoutSeconds: 60,
};

/** States in which the kubelet cannot confirm deletions. */
export function kubeletSilent(nodeState: string | undefined): boolean {
  return nodeState === 'Unknown' || nodeState === 'NotReady' || nodeState === 'NeverReported';
}

/**
 * @example initialDrainOptions(DEFAULT_DRAIN_SETTINGS, 'Unknown').skipWaitForDeleteTimeoutSeconds // 60
 */
export function initialDrainOptions(s: DrainSettings, nodeState: string | undefined): DrainOptions {
  return {
    evictionRetryDelaySeconds: s.evictionRetrySeconds,
    timeoutSeconds: s.defaultTimeoutSeconds,
    ...(kubeletSilent(nodeState) && s.skipWaitForDeleteTimeoutSeconds > 0
      ? { skipWaitForDeleteTimeoutSeconds: s.skipWaitForDeleteTimeoutSeconds }
      : {}),
  };
}

/** Why skip-wait-for-delete-timeout was pre-filled, for the picker and the preview. */
export function skipWaitExplanation(nodeState: string | undefined, seconds: number): string | undefined {
  if (!kubeletSilent(nodeState)) {
    return undefined;
  }
  return `The node is ${nodeState}: its kubelet cannot confirm that evicted pods stopped, so they stay Terminating and a drain would wait forever. With --skip-wait-for-delete-timeout=${seconds}, pods deleted more than ${seconds}s ago are not waited for (their containers may still run on the machine).`;
}

export type OptionId =
  | 'ignoreDaemonSets'
  | 'deleteEmptyDirData'
  | 'force'
  | 'skipWait'
  | 'disableEviction'
  | 'timeout'
  | 'gracePeriod'
  | 'podSelector';

export interface OptionItem {
  readonly id: OptionId;
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
  readonly picked: boolean;
}

/** What an option changes, summed over the plans of every node being drained. */
function effectText(effects: readonly OptionEffect[], option: string): string | undefined {
  const matching = effects.filter((x) => x.option === option);
  if (matching.length === 0) {
    return undefined;
  }
  const count = matching.reduce((n, e) => n + e.pods.length, 0);
  return `${count} pod${count === 1 ? '' : 's'}: ${matching[0].text}`;
}

/**
 * Picker entries; `effects` are the option effects of the plans under `options` (all nodes), so
 * each entry can say what it changes here.
 */
export function optionItems(
  options: DrainOptions,
  effects: readonly OptionEffect[],
  nodeState: string | undefined,
  s: DrainSettings,
): OptionItem[] {
  const skip = options.skipWaitForDeleteTimeoutSeconds ?? 0;
  return [
    {
      id: 'ignoreDaemonSets',
      label: '--ignore-daemonsets',
      description: effectText(effects, 'ignoreDaemonSets') ?? 'no DaemonSet pods here',
      picked: options.ignoreDaemonSets === true,
    },
    {
      id: 'deleteEmptyDirData',
      label: '--delete-emptydir-data',
      description: effectText(effects, 'deleteEmptyDirData') ?? 'no emptyDir pods here',
      picked: options.deleteEmptyDirData === true,
    },
    {
      id: 'force',
      label: '--force',
      description: effectText(effects, 'force') ?? 'every pod here has a controller',
      picked: options.force === true,
    },
    {
      id: 'skipWait',
      label: `--skip-wait-for-delete-timeout=${skip > 0 ? skip : s.skipWaitForDeleteTimeoutSeconds}`,
      description: kubeletSilent(nodeState)
        ? `suggested: node is ${nodeState}`
        : 'stop waiting for pods deleted longer ago',
      ...(kubeletSilent(nodeState)
        ? { detail: skipWaitExplanation(nodeState, skip > 0 ? skip : s.skipWaitForDeleteTimeoutSeconds) }
        : {}),
      picked: skip > 0,
    },
    {
      id: 'disableEviction',
      label: '--disable-eviction',
      description:
        effectText(effects, 'disableEviction') ?? 'delete instead of evict: bypasses PodDisruptionBudgets',
      picked: options.disableEviction === true,
    },
    {
      id: 'timeout',
      label: `--timeout=${(options.timeoutSeconds ?? 0) > 0 ? `${options.timeoutSeconds}s` : '…'}`,
      description:
        (options.timeoutSeconds ?? 0) > 0
          ? 'one deadline for the whole drain'
          : 'none (kubectl default: wait as long as it takes)',
      picked: (options.timeoutSeconds ?? 0) > 0,
    },
    {
      id: 'gracePeriod',
      label: `--grace-period=${(options.gracePeriodSeconds ?? -1) >= 0 ? options.gracePeriodSeconds : '…'}`,
      description:
        (options.gracePeriodSeconds ?? -1) >= 0
          ? 'overrides each pod’s terminationGracePeriodSeconds'
          : 'each pod’s own grace period',
      picked: (options.gracePeriodSeconds ?? -1) >= 0,
    },
    {
      id: 'podSelector',
      label: `--pod-selector=${options.podSelector ? options.podSelector : '…'}`,
      description: options.podSelector ? 'only pods matching the selector' : 'all pods on the node',
      picked: Boolean(options.podSelector),
    },
  ];
}

/** Applies the picked boolean entries; numeric/text entries keep their value when picked, are cleared when not. */
export function applyPicked(
  options: DrainOptions,
  picked: ReadonlySet<OptionId>,
  s: DrainSettings,
): DrainOptions {
  const skip =
    options.skipWaitForDeleteTimeoutSeconds && options.skipWaitForDeleteTimeoutSeconds > 0
      ? options.skipWaitForDeleteTimeoutSeconds
      : s.skipWaitForDeleteTimeoutSeconds;
  const next: DrainOptions = {
    ...options,
    ignoreDaemonSets: picked.has('ignoreDaemonSets'),
    deleteEmptyDirData: picked.has('deleteEmptyDirData'),
    force: picked.has('force'),
    disableEviction: picked.has('disableEviction'),
    skipWaitForDeleteTimeoutSeconds: picked.has('skipWait') ? skip : 0,
  };
  return {
    ...next,
    timeoutSeconds: picked.has('timeout') ? (options.timeoutSeconds ?? 0) : 0,
    gracePeriodSeconds: picked.has('gracePeriod') ? (options.gracePeriodSeconds ?? -1) : -1,
    podSelector: picked.has('podSelector') ? (options.podSelector ?? '') : '',
  };
}
