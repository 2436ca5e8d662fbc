/**
 * "Remediate…": every action for one node or pod, each with what the access reviews and the
 * object's state say — forbidden or pointless ones are listed disabled with the reason (a
 * SelfSubjectAccessReview runs before anything is offered), the recommended one first.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { ACTION_COMMANDS, ACTION_TITLES, type RemediationAction, accessFor } from './actionIds';
import { type AccessOutcome, type Availability, nodeActions, podActions } from './availability';
import { nodeStateOf, pickNodeTargets, pickPodTarget } from './pickTargets';

export async function runRemediateFlow(s: Services, args: readonly unknown[]): Promise<void> {
  const model = s.explorer.model;
  const clicked = args[0] as { kind?: string; key?: string; name?: string } | undefined;
  const conn = s.remediation.connection();
  if (!model || !conn) {
    void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
    return;
  }
  if (s.remediation.readOnly) {
    void vscode.window.showInformationMessage(
      'Read-only mode (kubeNodeDoctor.readOnly): no remediation is offered. Copy kubectl Command still works.',
    );
    return;
  }
  let list: Availability[];
  let element: unknown;
  let subject: string;
  if (clicked?.kind === 'pod') {
    const pod = await pickPodTarget(s.explorer, args, { placeHolder: 'Pod' });
    const info = pod ? model.store.pods.get(`${pod.namespace}/${pod.name}`) : undefined;
    if (!pod || !info) {
      return;
    }
    const access = await reviews(s, conn, ['forceDeletePod', 'removeFinalizers'], pod.namespace);
    const nodeState = info.spec?.nodeName ? nodeStateOf(s.explorer, info.spec.nodeName) : undefined;
    list = podActions({ pod: info, ...(nodeState ? { nodeState } : {}) }, { readOnly: false, access });
    element = clicked;
    subject = `pod/${pod.namespace}/${pod.name}`;
  } else {
    const [node] = await pickNodeTargets(s.explorer, args, { many: false, placeHolder: 'Node to remediate' });
    const info = node ? model.store.nodes.get(node.name) : undefined;
    if (!node || !info) {
      return;
    }
    const access = await reviews(s, conn, ['cordon', 'uncordon', 'drain', 'deleteNode']);
    const state = nodeStateOf(s.explorer, node.name);
    list = nodeActions({ node: info, ...(state ? { state } : {}) }, { readOnly: false, access });
    element = model.elementForNode(node.name) ?? node.name;
    subject = `node/${node.name}`;
  }
  const ordered = [
    ...list.filter((a) => a.enabled && a.recommended),
    ...list.filter((a) => !(a.enabled && a.recommended)),
  ];
  const items = ordered.map((a) => ({
    label: `${a.enabled ? (a.recommended ? '$(star-full) ' : '') : '$(circle-slash) '}${ACTION_TITLES[a.action]}`,
    description: a.enabled ? (a.recommended ? 'recommended' : '') : 'not available',
    ...(a.reason ? { detail: a.reason } : {}),
    availability: a,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `${subject} — context ${conn.context}`,
  });
  if (!picked) {
    return;
  }
  if (!picked.availability.enabled) {
    void vscode.window.showInformationMessage(
      `${ACTION_TITLES[picked.availability.action]}: ${picked.availability.reason ?? 'not available'}`,
    );
    return;
  }
  await vscode.commands.executeCommand(ACTION_COMMANDS[picked.availability.action], element);
}

async function reviews(
  s: Services,
  conn: NonNullable<ReturnType<Services['remediation']['connection']>>,
  actions: readonly RemediationAction[],
  namespace?: string,
): Promise<Partial<Record<RemediationAction, readonly AccessOutcome[]>>> {
  const out: Partial<Record<RemediationAction, readonly AccessOutcome[]>> = {};
  await Promise.all(
    actions.map(
      async (a) => (out[a] = await s.remediation.review(conn, accessFor(a, namespace ? { namespace } : {}))),
    ),
  );
  return out;
}
