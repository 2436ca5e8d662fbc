/**
 * The kubectl command equivalent to each remediation, for audit lines and "Copy kubectl command".
 * Always pinned to a context with `--context`, so a copied command cannot hit another cluster.
 * Quoting is POSIX shell (bash/zsh); arguments that need it are single-quoted. Pure.
 */
import { CLEAR_FINALIZERS_MERGE_PATCH } from './finalizers';
import type { JsonPatchOperation } from './clusterApi';
import type { DrainOptions } from './drainPlanner';

export interface KubectlTarget {
  /** kubeconfig context name; required. */
  readonly context: string;
  /** `--kubeconfig`, when the extension uses a non-default file. */
  readonly kubeconfig?: string;
}

const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * Quotes one argument for a POSIX shell.
 * @example shellQuote('node-1') // node-1
 * @example shellQuote("it's") // 'it'\''s'
 */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) {
    return arg;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function kubectl(target: KubectlTarget, ...args: string[]): string {
  if (!target.context) {
    throw new Error('a kubectl command needs a context');
  }
  const global = [
    '--context',
    target.context,
    ...(target.kubeconfig ? ['--kubeconfig', target.kubeconfig] : []),
  ];
  return ['kubectl', ...global, ...args].map((a, i) => (i === 0 ? a : shellQuote(a))).join(' ');
}

/** @example cordonCommand({context:'prod'}, 'node-1') // kubectl --context prod cordon node-1 */
export function cordonCommand(target: KubectlTarget, node: string): string {
  return kubectl(target, 'cordon', node);
}

export function uncordonCommand(target: KubectlTarget, node: string): string {
  return kubectl(target, 'uncordon', node);
}

/**
 * `kubectl drain` with the flags of `options` (defaults omitted).
 * @example drainCommand({context:'prod'}, 'node-1', {ignoreDaemonSets:true, deleteEmptyDirData:true})
 *   // kubectl --context prod drain node-1 --ignore-daemonsets --delete-emptydir-data
 */
export function drainCommand(target: KubectlTarget, node: string, options: DrainOptions): string {
  const flags: string[] = [];
  if (options.ignoreDaemonSets) {
    flags.push('--ignore-daemonsets');
  }
  if (options.deleteEmptyDirData) {
    flags.push('--delete-emptydir-data');
  }
  if (options.force) {
    flags.push('--force');
  }
  if (options.gracePeriodSeconds !== undefined && options.gracePeriodSeconds >= 0) {
    flags.push(`--grace-period=${options.gracePeriodSeconds}`);
  }
  if (options.timeoutSeconds !== undefined && options.timeoutSeconds > 0) {
    flags.push(`--timeout=${options.timeoutSeconds}s`);
  }
  if (options.podSelector) {
    flags.push(`--pod-selector=${options.podSelector}`);
  }
  if (options.skipWaitForDeleteTimeoutSeconds !== undefined && options.skipWaitForDeleteTimeoutSeconds > 0) {
    flags.push(`--skip-wait-for-delete-timeout=${options.skipWaitForDeleteTimeoutSeconds}`);
  }
  if (options.disableEviction) {
    flags.push('--disable-eviction');
  }
  return kubectl(target, 'drain', node, ...flags);
}

/** `kubectl delete pod --force --grace-period=0`: removes the object without waiting for the kubelet. */
export function forceDeletePodCommand(target: KubectlTarget, namespace: string, name: string): string {
  return kubectl(target, 'delete', 'pod', name, '-n', namespace, '--force', '--grace-period=0');
}

/** A plain graceful delete (the pod's own grace period). */
export function deletePodCommand(target: KubectlTarget, namespace: string, name: string): string {
  return kubectl(target, 'delete', 'pod', name, '-n', namespace);
}

/** `kubectl patch pod … --type=merge -p '{"metadata":{"finalizers":null}}'` (seed 003's command). */
export function clearFinalizersCommand(target: KubectlTarget, namespace: string, name: string): string {
  return kubectl(
    target,
    'patch',
    'pod',
    name,
    '-n',
    namespace,
    '--type=merge',
    '-p',
    JSON.stringify(CLEAR_FINALIZERS_MERGE_PATCH),
  );
}

/** The guarded JSON patch we actually send, as a kubectl command. */
export function jsonPatchPodCommand(
  target: KubectlTarget,
  namespace: string,
  name: string,
  ops: readonly JsonPatchOperation[],
): string {
  return kubectl(target, 'patch', 'pod', name, '-n', namespace, '--type=json', '-p', JSON.stringify(ops));
}

export function deleteNodeCommand(target: KubectlTarget, node: string): string {
  return kubectl(target, 'delete', 'node', node);
}
