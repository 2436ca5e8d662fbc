/** Force delete and finalizer removal for one pod: pick, guard, explain, confirm, act, report, audit. */
import * as vscode from 'vscode';
import { describeFinalizer, finalizerRemovalPatch } from '../../shared/cluster/finalizers';
import {
  clearFinalizersCommand,
  forceDeletePodCommand,
  jsonPatchPodCommand,
} from '../../shared/cluster/kubectlCommands';
import { controllerOf, type PodInfo } from '../../shared/cluster/model';
import type { Services } from '../services';
import { finalizerRemovalConfirmation, forceDeleteConfirmation } from './confirmations';
import { explainApiError } from './explainError';
import { forceDeletePod } from './forceDelete';
import { nodeStateOf, pickPodTarget } from './pickTargets';
import { removePodFinalizers } from './removeFinalizers';
import type { Connection } from './remediation';
import { podRefOf, type PodTarget } from './targets';

const DOWN = new Set(['NotReady', 'Unknown', 'NeverReported']);

export async function runForceDeleteFlow(s: Services, args: readonly unknown[]): Promise<void> {
  const store = s.explorer.model?.store;
  // Pods stuck Terminating on a node that cannot confirm come first: that is what force delete is for.
  const rank = (key: string) => {
    const pod = store?.pods.get(key);
    const node = pod?.spec?.nodeName;
    const down = node ? DOWN.has(nodeStateOf(s.explorer, node) ?? '') : false;
    return pod?.metadata?.deletionTimestamp ? (down ? 0 : 1) : 2;
  };
  const target = await pickPodTarget(s.explorer, args, {
    placeHolder: 'Pod to force delete (stuck Terminating on NotReady/Unknown nodes first)',
    rank,
  });
  if (!target) {
    return;
  }
  const guarded = await guardAndReadPod(s, 'forceDeletePod', target);
  if (!guarded) {
    return;
  }
  const { conn, pod } = guarded;
  const ref = { ...podRefOf(target), ...(pod.metadata?.uid ? { uid: pod.metadata.uid } : {}) };
  const kubectl = forceDeletePodCommand(conn.kubectl, target.namespace, target.name);
  const nodeName = pod.spec?.nodeName;
  const confirmation = forceDeleteConfirmation({
    target,
    ...(nodeName ? { nodeName } : {}),
    ...(nodeName && nodeStateOf(s.explorer, nodeName)
      ? { nodeState: nodeStateOf(s.explorer, nodeName) }
      : {}),
    finalizers: pod.metadata?.finalizers ?? [],
    ...(controllerOf(pod.metadata) ? { controllerKind: controllerOf(pod.metadata)!.kind } : {}),
    kubectl,
  });
  if (!(await s.remediation.confirm(confirmation))) {
    s.remediation.audit({ action: 'forceDeletePod', target, outcome: 'declined', kubectl });
    return;
  }
  const outcome = await forceDeletePod(conn.api, ref);
  s.remediation.audit({
    action: 'forceDeletePod',
    target,
    outcome: outcome.status === 'failed' ? 'failed' : 'succeeded',
    kubectl,
    detail: outcome.message,
  });
  if (outcome.status === 'failed') {
    void vscode.window.showErrorMessage(
      explainApiError(outcome.error, conn.context) +
        (outcome.error.kind === 'conflict' ? ` ${outcome.message}` : ''),
    );
  } else if (outcome.status === 'deleted' && outcome.remainingFinalizers.length > 0) {
    void vscode.window.showWarningMessage(outcome.message);
  } else {
    void vscode.window.showInformationMessage(outcome.message);
  }
}

export async function runRemoveFinalizersFlow(s: Services, args: readonly unknown[]): Promise<void> {
  const store = s.explorer.model?.store;
  const target = await pickPodTarget(s.explorer, args, {
    placeHolder: 'Pod whose finalizers to remove',
    filter: (key) => (store?.pods.get(key)?.metadata?.finalizers?.length ?? 0) > 0,
    rank: (key) => (store?.pods.get(key)?.metadata?.deletionTimestamp ? 0 : 1),
  });
  if (!target) {
    return;
  }
  const guarded = await guardAndReadPod(s, 'removeFinalizers', target);
  if (!guarded) {
    return;
  }
  const { conn, pod } = guarded;
  const present: readonly string[] = pod.metadata?.finalizers ?? [];
  if (present.length === 0) {
    void vscode.window.showInformationMessage(`pod/${target.namespace}/${target.name} has no finalizers.`);
    return;
  }
  // Show every finalizer with its usual owner; the user picks which to remove (all preselected).
  const picked = await vscode.window.showQuickPick(
    present.map((name) => {
      const info = describeFinalizer(name);
      return {
        label: name,
        description: `usually owned by ${info.owner}`,
        detail: info.explanation,
        picked: true,
      };
    }),
    {
      canPickMany: true,
      placeHolder: `Finalizers of pod/${target.namespace}/${target.name} (context ${conn.context}) — removing one skips its controller's cleanup`,
    },
  );
  if (!picked || picked.length === 0) {
    return;
  }
  const names = picked.map((p) => p.label);
  const ref = podRefOf(target);
  const equivalent =
    names.length === present.length
      ? clearFinalizersCommand(conn.kubectl, target.namespace, target.name)
      : jsonPatchPodCommand(
          conn.kubectl,
          target.namespace,
          target.name,
          finalizerRemovalPatch({ finalizers: present }, names),
        );
  const confirmation = finalizerRemovalConfirmation({
    target,
    finalizers: names.map((name) => ({ name, owner: describeFinalizer(name).owner })),
    present,
    kubectl: equivalent,
  });
  if (!(await s.remediation.confirm(confirmation))) {
    s.remediation.audit({ action: 'removeFinalizers', target, outcome: 'declined', kubectl: equivalent });
    return;
  }
  const outcome = await removePodFinalizers(conn.api, ref, present, names);
  const sent =
    outcome.status === 'removed'
      ? jsonPatchPodCommand(conn.kubectl, target.namespace, target.name, outcome.patch)
      : equivalent;
  s.remediation.audit({
    action: 'removeFinalizers',
    target,
    outcome: outcome.status === 'removed' ? 'succeeded' : 'failed',
    kubectl: sent,
    detail: outcome.message,
  });
  if (outcome.status === 'removed') {
    void vscode.window.showInformationMessage(outcome.message);
  } else if (outcome.status === 'changed') {
    void vscode.window.showWarningMessage(outcome.message);
  } else {
    void vscode.window.showErrorMessage(
      outcome.error ? explainApiError(outcome.error, conn.context) : outcome.message,
    );
  }
}

/** The access checks and confirmation prerequisites of a pod action, then the pod as it is now. */
async function guardAndReadPod(
  s: Services,
  action: 'forceDeletePod' | 'removeFinalizers',
  target: PodTarget,
): Promise<{ conn: Connection; pod: PodInfo } | undefined> {
  const conn = await s.remediation.guard(action, { namespace: target.namespace });
  if (!conn || conn.context !== target.context) {
    return undefined;
  }
  const fresh = await conn.api.getPod(podRefOf(target));
  if (!fresh.ok) {
    void vscode.window.showErrorMessage(explainApiError(fresh.error, conn.context));
    return undefined;
  }
  return { conn, pod: fresh.value };
}
