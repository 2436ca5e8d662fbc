/**
 * Which remediation actions to offer for a node or a pod, and why one is not offered: read-only
 * mode, the object's state (already cordoned, no finalizers…) and SelfSubjectAccessReview results.
 * vscode-free; the commands and the "actions" picker render what this returns.
 */
import type { AccessDecision, AccessRequest } from '../../shared/cluster/clusterApi';
import type { NodeInfo, PodInfo } from '../../shared/cluster/model';
import { type RemediationAction, accessFor, describeAccess } from './actionIds';

export interface Availability {
  readonly action: RemediationAction;
  /** Shown at all (read-only mode hides every mutating action). */
  readonly visible: boolean;
  /** Shown but not runnable; `reason` says why. */
  readonly enabled: boolean;
  readonly reason?: string;
  /** Put first (e.g. force delete for a pod stuck Terminating on an unreachable node). */
  readonly recommended?: boolean;
}

export interface AccessOutcome {
  readonly request: AccessRequest;
  /** Undefined while unknown (the review failed or was not run): treated as allowed, the API decides. */
  readonly decision?: AccessDecision;
}

/**
 * The first forbidden access as a sentence, or undefined when everything is allowed or unknown.
 * @example forbiddenReason([{request:{verb:'patch',resource:'nodes'}, decision:{allowed:false}}])
 * // 'Forbidden: your user may not patch nodes.'
 */
export function forbiddenReason(outcomes: readonly AccessOutcome[]): string | undefined {
  const denied = outcomes.filter((o) => o.decision && !o.decision.allowed);
  if (denied.length === 0) {
    return undefined;
  }
  const what = denied.map((o) => describeAccess(o.request)).join(', ');
  const why = denied.find((o) => o.decision?.reason)?.decision?.reason;
  return `Forbidden: your user may not ${what}.${why ? ` (${why})` : ''}`;
}

export interface NodeFacts {
  readonly node: NodeInfo;
  /** `Ready` | `NotReady` | `Unknown` | `NeverReported`, from classifyNode. */
  readonly state?: string;
  readonly podCount?: number;
}

/** Node actions in menu order. `access` maps each action to its review outcomes. */
export function nodeActions(
  facts: NodeFacts,
  o: { readOnly: boolean; access?: Partial<Record<RemediationAction, readonly AccessOutcome[]>> },
): Availability[] {
  const cordoned = facts.node.spec?.unschedulable === true;
  const name = facts.node.metadata?.name ?? '';
  const list: Availability[] = [];
  const push = (action: RemediationAction, stateReason?: string, recommended?: boolean) => {
    if (o.readOnly) {
      list.push({
        action,
        visible: false,
        enabled: false,
        reason: 'Read-only mode (kubeNodeDoctor.readOnly) hides mutating actions.',
      });
      return;
    }
    const forbidden = forbiddenReason(o.access?.[action] ?? []);
    const reason = stateReason ?? forbidden;
    list.push({
      action,
      visible: true,
      enabled: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(recommended ? { recommended } : {}),
    });
  };
  push(
    'cordon',
    cordoned ? `node/${name} is already cordoned.` : undefined,
    !cordoned && facts.state !== undefined && facts.state !== 'Ready',
  );
  push('uncordon', cordoned ? undefined : `node/${name} is not cordoned.`);
  push('drain', undefined, facts.state !== undefined && facts.state !== 'Ready');
  push('deleteNode');
  return list;
}

export interface PodFacts {
  readonly pod: PodInfo;
  /** The state of the pod's node, when known. */
  readonly nodeState?: string;
}

/**
 * Pod actions in menu order; force delete is recommended (and listed first) for a pod that is
 * Terminating on a NotReady/Unknown node, where the kubelet can never confirm the deletion.
 */
export function podActions(
  facts: PodFacts,
  o: { readOnly: boolean; access?: Partial<Record<RemediationAction, readonly AccessOutcome[]>> },
): Availability[] {
  const finalizers = facts.pod.metadata?.finalizers ?? [];
  const terminating = facts.pod.metadata?.deletionTimestamp !== undefined;
  const nodeDown =
    facts.nodeState === 'NotReady' || facts.nodeState === 'Unknown' || facts.nodeState === 'NeverReported';
  const force: Availability = build('forceDeletePod', undefined, terminating && nodeDown);
  const fin: Availability = build(
    'removeFinalizers',
    finalizers.length === 0 ? 'The pod has no finalizers.' : undefined,
    terminating && finalizers.length > 0 && !nodeDown,
  );
  return force.recommended || !fin.recommended ? [force, fin] : [fin, force];

  function build(action: RemediationAction, stateReason?: string, recommended?: boolean): Availability {
    if (o.readOnly) {
      return {
        action,
        visible: false,
        enabled: false,
        reason: 'Read-only mode (kubeNodeDoctor.readOnly) hides mutating actions.',
      };
    }
    const reason = stateReason ?? forbiddenReason(o.access?.[action] ?? []);
    return {
      action,
      visible: true,
      enabled: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(recommended ? { recommended } : {}),
    };
  }
}

export { accessFor };
