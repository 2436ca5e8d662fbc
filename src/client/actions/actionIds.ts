/**
 * The remediation actions, their command ids and the API access each needs. vscode-free.
 */
import { type AccessRequest, REQUIRED_ACCESS } from '../../shared/cluster/clusterApi';

export type RemediationAction =
  'cordon' | 'uncordon' | 'drain' | 'forceDeletePod' | 'removeFinalizers' | 'deleteNode';

export const ACTION_COMMANDS: Readonly<Record<RemediationAction, string>> = {
  cordon: 'kubeNodeDoctor.cordonNode',
  uncordon: 'kubeNodeDoctor.uncordonNode',
  drain: 'kubeNodeDoctor.drainNode',
  forceDeletePod: 'kubeNodeDoctor.forceDeletePod',
  removeFinalizers: 'kubeNodeDoctor.removeFinalizers',
  deleteNode: 'kubeNodeDoctor.deleteNode',
};

export const ACTION_TITLES: Readonly<Record<RemediationAction, string>> = {
  cordon: 'Cordon',
  uncordon: 'Uncordon',
  drain: 'Drain…',
  forceDeletePod: 'Force delete pod',
  removeFinalizers: 'Remove finalizers…',
  deleteNode: 'Delete node',
};

export const NODE_ACTIONS: readonly RemediationAction[] = ['cordon', 'uncordon', 'drain', 'deleteNode'];
export const POD_ACTIONS: readonly RemediationAction[] = ['forceDeletePod', 'removeFinalizers'];

/** The SelfSubjectAccessReviews to run before offering an action (uncordon needs what cordon needs). */
export function accessFor(
  action: RemediationAction,
  o: { disableEviction?: boolean; namespace?: string } = {},
): readonly AccessRequest[] {
  const base: readonly AccessRequest[] =
    action === 'cordon' || action === 'uncordon'
      ? REQUIRED_ACCESS.cordon
      : action === 'drain'
        ? o.disableEviction
          ? REQUIRED_ACCESS.drainDisableEviction
          : REQUIRED_ACCESS.drain
        : REQUIRED_ACCESS[action];
  // Pod actions are namespaced: ask about the pod's namespace, not the whole cluster.
  return o.namespace && (action === 'forceDeletePod' || action === 'removeFinalizers')
    ? base.map((r) => ({ ...r, namespace: o.namespace }))
    : base;
}

/** `create pods/eviction`, `patch nodes` — the words `kubectl auth can-i` takes. */
export function describeAccess(request: AccessRequest): string {
  const resource = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  const qualified = request.group ? `${resource}.${request.group}` : resource;
  return `${request.verb} ${qualified}${request.namespace ? ` in namespace ${request.namespace}` : ''}`;
}
