/** Delete node and Copy kubectl command. */
import * as vscode from 'vscode';
import {
  clearFinalizersCommand,
  cordonCommand,
  deleteNodeCommand,
  drainCommand,
  forceDeletePodCommand,
  uncordonCommand,
} from '../../shared/cluster/kubectlCommands';
import { controllerOf } from '../../shared/cluster/model';
import type { Services } from '../services';
import { deleteNodeConfirmation } from './confirmations';
import { deleteNodeObject } from './deleteNode';
import { initialDrainOptions } from './drainOptions';
import { explainApiError } from './explainError';
import { nodeStateOf, pickNodeTargets } from './pickTargets';
import { podTargetFromKey } from './targets';

export async function runDeleteNodeFlow(s: Services, args: readonly unknown[]): Promise<void> {
  const [target] = await pickNodeTargets(s.explorer, args, {
    many: false,
    placeHolder: 'Node object to delete',
  });
  if (!target) {
    return;
  }
  const conn = await s.remediation.guard('deleteNode');
  if (!conn || conn.context !== target.context) {
    return;
  }
  const node = await conn.api.getNode(target.name);
  if (!node.ok) {
    void vscode.window.showErrorMessage(explainApiError(node.error, conn.context));
    return;
  }
  const pods = await conn.api.listPodsOnNode(target.name);
  const podList = pods.ok ? pods.value : (s.explorer.model?.store.podsOn(target.name) ?? []);
  const kubectl = deleteNodeCommand(conn.kubectl, target.name);
  const state = nodeStateOf(s.explorer, target.name);
  const confirmation = deleteNodeConfirmation({
    target,
    ...(state ? { state } : {}),
    podCount: podList.length,
    daemonSetPodCount: podList.filter((p) => controllerOf(p.metadata)?.kind === 'DaemonSet').length,
    cordoned: node.value.spec?.unschedulable === true,
    kubectl,
  });
  if (!(await s.remediation.confirm(confirmation))) {
    s.remediation.audit({ action: 'deleteNode', target, outcome: 'declined', kubectl });
    return;
  }
  const uid = node.value.metadata?.uid;
  const outcome = await deleteNodeObject(conn.api, target.name, uid ? { uid } : {});
  s.remediation.audit({
    action: 'deleteNode',
    target,
    outcome: outcome.status === 'failed' ? 'failed' : 'succeeded',
    kubectl,
    detail: outcome.message,
  });
  if (outcome.status === 'failed') {
    void vscode.window.showErrorMessage(
      `${explainApiError(outcome.error, conn.context)}${outcome.error.kind === 'conflict' ? ` ${outcome.message}` : ''}`,
    );
  } else {
    void vscode.window.showInformationMessage(outcome.message);
  }
}

/** Offers the kubectl equivalents for a node or pod and copies the chosen one (read-only mode too). */
export async function runCopyKubectlFlow(s: Services, args: readonly unknown[]): Promise<void> {
  const model = s.explorer.model;
  const context = s.explorer.contextName;
  if (!model || !context) {
    void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
    return;
  }
  const element = args[0] as { kind?: string; name?: string; key?: string } | undefined;
  const target = { context };
  const commands: { label: string; description: string }[] = [];
  if (element?.kind === 'pod' && element.key) {
    const pod = podTargetFromKey(context, element.key);
    if (!pod) {
      return;
    }
    commands.push({
      label: forceDeletePodCommand(target, pod.namespace, pod.name),
      description: 'force delete',
    });
    if ((model.store.pods.get(element.key)?.metadata?.finalizers?.length ?? 0) > 0) {
      commands.push({
        label: clearFinalizersCommand(target, pod.namespace, pod.name),
        description: 'clear finalizers (unguarded)',
      });
    }
  } else {
    const [node] = await pickNodeTargets(s.explorer, args, { many: false, placeHolder: 'Node' });
    if (!node) {
      return;
    }
    const state = nodeStateOf(s.explorer, node.name);
    const settings = s.remediation.drainSettings();
    commands.push(
      { label: cordonCommand(target, node.name), description: 'cordon' },
      { label: uncordonCommand(target, node.name), description: 'uncordon' },
      {
        label: drainCommand(target, node.name, {
          ...initialDrainOptions(settings, state),
          ignoreDaemonSets: true,
          deleteEmptyDirData: true,
        }),
        description: 'drain (common flags; check the preview first)',
      },
      { label: deleteNodeCommand(target, node.name), description: 'delete the Node object' },
    );
  }
  const picked = await vscode.window.showQuickPick(commands, {
    placeHolder: `kubectl command to copy (context ${context})`,
  });
  if (!picked) {
    return;
  }
  await vscode.env.clipboard.writeText(picked.label);
  vscode.window.setStatusBarMessage(`$(clippy) Copied: ${picked.label}`, 4000);
}
