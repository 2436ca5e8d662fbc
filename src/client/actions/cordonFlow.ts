/** Cordon / uncordon one or many nodes: pick, guard, confirm, patch, report, audit. */
import * as vscode from 'vscode';
import { cordonCommand, uncordonCommand } from '../../shared/cluster/kubectlCommands';
import type { Services } from '../services';
import { cordonConfirmation } from './confirmations';
import { setUnschedulableMany } from './cordon';
import { explainApiError } from './explainError';
import { pickNodeTargets } from './pickTargets';

export async function runCordonFlow(s: Services, args: readonly unknown[], cordon: boolean): Promise<void> {
  const verb = cordon ? 'cordon' : 'uncordon';
  const store = s.explorer.model?.store;
  const targets = await pickNodeTargets(s.explorer, args, {
    many: true,
    placeHolder: cordon
      ? 'Nodes to cordon (schedulable nodes, worst first)'
      : 'Nodes to uncordon (cordoned nodes)',
    filter: (n) => (store?.nodes.get(n)?.spec?.unschedulable === true) !== cordon,
  });
  if (targets.length === 0) {
    return;
  }
  const conn = await s.remediation.guard(cordon ? 'cordon' : 'uncordon');
  if (!conn) {
    return;
  }
  if (targets.some((t) => t.context !== conn.context)) {
    return;
  }
  const commands = targets.map((t) =>
    cordon ? cordonCommand(conn.kubectl, t.name) : uncordonCommand(conn.kubectl, t.name),
  );
  if (!(await s.remediation.confirm(cordonConfirmation(targets, cordon, commands)))) {
    for (const [i, t] of targets.entries()) {
      s.remediation.audit({ action: verb, target: t, outcome: 'declined', kubectl: commands[i] });
    }
    return;
  }
  const outcomes = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `${cordon ? 'Cordoning' : 'Uncordoning'} ${targets.length} node(s) in ${conn.context}`,
    },
    () =>
      setUnschedulableMany(
        conn.api,
        targets.map((t) => t.name),
        cordon,
      ),
  );
  const failed: string[] = [];
  const done: string[] = [];
  outcomes.forEach((o, i) => {
    s.remediation.audit({
      action: verb,
      target: targets[i],
      outcome: o.status === 'failed' ? 'failed' : o.status === 'already' ? 'noop' : 'succeeded',
      kubectl: commands[i],
      detail: o.message,
    });
    if (o.status === 'failed') {
      failed.push(`${o.node}: ${explainApiError(o.error, conn.context)}`);
    } else {
      done.push(o.message);
    }
  });
  if (done.length > 0) {
    void vscode.window.showInformationMessage(
      done.length <= 3 ? done.join('; ') : `${done.length} nodes ${verb}ed (see Output › Kube Node Doctor)`,
    );
  }
  if (failed.length > 0) {
    void vscode.window.showErrorMessage(`Could not ${verb}: ${failed.join('; ')}`);
  }
}
