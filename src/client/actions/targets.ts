/**
 * What a remediation acts on, always together with the kubeconfig context it lives in: every
 * confirmation, audit line and kubectl equivalent names both. vscode-free.
 */
import type { PodRef } from '../../shared/cluster/model';

export interface NodeTarget {
  readonly kind: 'node';
  readonly context: string;
  readonly name: string;
}

export interface PodTarget {
  readonly kind: 'pod';
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
}

export type ActionTarget = NodeTarget | PodTarget;

/** `node/worker-3` or `pod/prod/web-0` — the words kubectl uses, plus the namespace. */
export function targetLabel(target: ActionTarget): string {
  return target.kind === 'node' ? `node/${target.name}` : `pod/${target.namespace}/${target.name}`;
}

export function podRefOf(target: PodTarget): PodRef {
  return target.uid
    ? { namespace: target.namespace, name: target.name, uid: target.uid }
    : { namespace: target.namespace, name: target.name };
}

/** Parses the explorer's pod key `namespace/name`. */
export function podTargetFromKey(context: string, key: string, uid?: string): PodTarget | undefined {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) {
    return undefined;
  }
  return {
    kind: 'pod',
    context,
    namespace: key.slice(0, slash),
    name: key.slice(slash + 1),
    ...(uid ? { uid } : {}),
  };
}
