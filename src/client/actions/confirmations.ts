/**
 * The texts of the modal confirmations. Every one names the kubeconfig context AND the target, says
 * what will happen, and shows the equivalent kubectl command. vscode-free, so the wording is
 * unit-tested; the commands pass `message`, `detail` and `confirm` to showWarningMessage.
 */
import type { NodeTarget, PodTarget } from './targets';
import { targetLabel } from './targets';

export interface Confirmation {
  /** The modal's title line. */
  readonly message: string;
  /** The modal's body. */
  readonly detail: string;
  /** The label of the confirming button (never "OK"). */
  readonly confirm: string;
}

/** kubectl's warning for `delete --force --grace-period=0`, word for word (pkg/cmd/delete/delete.go). */
export const FORCE_DELETE_WARNING =
  'Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

function names(targets: readonly NodeTarget[]): string {
  const shown = targets.slice(0, 10).map((t) => t.name);
  return (
    shown.join(', ') + (targets.length > shown.length ? ` and ${targets.length - shown.length} more` : '')
  );
}

function contextOf(targets: readonly { context: string }[]): string {
  return targets[0]?.context ?? '';
}

/**
 * @example cordonConfirmation([{kind:'node',context:'prod',name:'n1'}], true, ['kubectl --context prod cordon n1']).message
 * // 'Cordon node/n1 in context "prod"?'
 */
export function cordonConfirmation(
  targets: readonly NodeTarget[],
  cordon: boolean,
  kubectl: readonly string[],
): Confirmation {
  const verb = cordon ? 'Cordon' : 'Uncordon';
  const ctx = contextOf(targets);
  const subject =
    targets.length === 1 ? targetLabel(targets[0]) : `${targets.length} nodes (${names(targets)})`;
  const effect = cordon
    ? 'New pods will not be scheduled there (spec.unschedulable: true). Pods already running keep running; DaemonSet pods tolerate it.'
    : 'The scheduler may place new pods there again (spec.unschedulable removed).';
  return {
    message: `${verb} ${subject} in context "${ctx}"?`,
    detail: `${effect}\n\nEquivalent:\n${kubectl.join('\n')}`,
    confirm: verb,
  };
}

export interface ForceDeleteFacts {
  readonly target: PodTarget;
  readonly nodeName?: string;
  /** `Ready` | `NotReady` | `Unknown` … */
  readonly nodeState?: string;
  readonly finalizers?: readonly string[];
  /** `StatefulSet`, `ReplicaSet`, `DaemonSet`, … */
  readonly controllerKind?: string;
  readonly kubectl: string;
}

export function forceDeleteConfirmation(f: ForceDeleteFacts): Confirmation {
  const lines = [`Warning: ${FORCE_DELETE_WARNING}`, ''];
  lines.push(
    'This removes the pod object at once (gracePeriodSeconds: 0). It does not stop its containers' +
      (f.nodeName
        ? `: on node ${f.nodeName}${f.nodeState && f.nodeState !== 'Ready' ? ` (${f.nodeState})` : ''} they keep running until its kubelet comes back and cleans up.`
        : '.'),
  );
  if (f.controllerKind === 'StatefulSet') {
    lines.push(
      'This pod belongs to a StatefulSet: a replacement with the same name and volumes may start elsewhere while the old one still runs — two writers.',
    );
  } else if (f.controllerKind) {
    lines.push(
      `Its ${f.controllerKind} may start a replacement elsewhere while the old containers still run.`,
    );
  }
  if (f.finalizers && f.finalizers.length > 0) {
    lines.push(
      `The pod has finalizers (${f.finalizers.join(', ')}): force delete does not remove them, so it will stay until they are cleared.`,
    );
  }
  lines.push('', `Equivalent:\n${f.kubectl}`);
  return {
    message: `Force delete ${targetLabel(f.target)} in context "${f.target.context}"?`,
    detail: lines.join('\n'),
    confirm: 'Force delete',
  };
}

export interface FinalizerRemovalFacts {
  readonly target: PodTarget;
  /** The finalizers to remove, each with what usually owns it. */
  readonly finalizers: readonly { readonly name: string; readonly owner?: string }[];
  /** All finalizers currently on the object. */
  readonly present: readonly string[];
  readonly kubectl: string;
}

export function finalizerRemovalConfirmation(f: FinalizerRemovalFacts): Confirmation {
  const which = f.finalizers.map(
    (x) => `• ${x.name}${x.owner ? ` — usually owned by ${x.owner}` : ' — owner unknown'}`,
  );
  const all = f.finalizers.length === f.present.length;
  return {
    message: `Remove ${f.finalizers.length === 1 ? `finalizer ${f.finalizers[0].name}` : `${f.finalizers.length} finalizers`} from ${targetLabel(f.target)} in context "${f.target.context}"?`,
    detail: [
      ...which,
      '',
      'The cleanup their controllers would have done is skipped (external resources, job accounting, volume protection).',
      all
        ? 'With no finalizer left, a pod that is being deleted disappears at once.'
        : `Left in place: ${f.present.filter((p) => !f.finalizers.some((x) => x.name === p)).join(', ')}.`,
      'The patch is guarded: it fails, changing nothing, if the finalizer list changed since it was read.',
      '',
      `Equivalent (unguarded):\n${f.kubectl}`,
    ].join('\n'),
    confirm: 'Remove finalizers',
  };
}

export interface DeleteNodeFacts {
  readonly target: NodeTarget;
  readonly state?: string;
  readonly podCount: number;
  readonly daemonSetPodCount?: number;
  readonly cordoned?: boolean;
  readonly kubectl: string;
}

export function deleteNodeConfirmation(f: DeleteNodeFacts): Confirmation {
  const lines = [
    `This deletes the Node object ${f.target.name}${f.state ? ` (${f.state})` : ''}, not the machine.`,
    f.podCount > 0
      ? `Its ${f.podCount} pod${f.podCount === 1 ? '' : 's'}${f.daemonSetPodCount ? ` (${f.daemonSetPodCount} DaemonSet)` : ''} are then removed by the pod garbage collector without waiting for their kubelet; controllers recreate them on other nodes. Containers still running on the machine are not stopped by this.`
      : 'No pods are bound to it.',
    'If the kubelet on that machine is alive or restarts, it re-registers the node: a new Node object appears, schedulable, without the cordon or labels/taints added by hand.',
  ];
  if (!f.cordoned && f.state === 'Ready') {
    lines.push('The node is Ready and not cordoned: consider Drain first.');
  }
  lines.push('', `Equivalent:\n${f.kubectl}`);
  return {
    message: `Delete ${targetLabel(f.target)} from context "${f.target.context}"?`,
    detail: lines.join('\n'),
    confirm: 'Delete node',
  };
}
