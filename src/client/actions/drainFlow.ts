/**
 * Drain… : pick node(s) → guard (read-only, access review) → read pods/PDBs → choose kubectl's
 * options (what each changes is shown) → preview document → modal confirmation naming context and
 * node(s) → run the core drain runner with a cancellable progress notification → per-pod summary
 * in the output channel, a notification that never claims work not done, and an audit line.
 * Several nodes are drained one after the other, like `kubectl drain a b c`.
 */
import * as vscode from 'vscode';
import { planDrain, type DrainOptions, type DrainPlan } from '../../shared/cluster/drainPlanner';
import { runDrain, type DrainResult } from '../../shared/cluster/drainRunner';
import { drainCommand } from '../../shared/cluster/kubectlCommands';
import type { Services } from '../services';
import type { Connection } from './remediation';
import { drainConfirmation, renderDrainPreview, summarizePlan } from './drainPreview';
import { loadDrainInputs, type DrainInputs } from './drainInputs';
import { type OptionId, applyPicked, initialDrainOptions, kubeletSilent, optionItems } from './drainOptions';
import { drainNotification, drainSummaryLines, progressText } from './drainSummary';
import { explainApiError } from './explainError';
import { nodeStateOf, pickNodeTargets } from './pickTargets';
import type { NodeTarget } from './targets';
import { abortableSleep } from '../../node/abortableSleep';

const CHANGE_OPTIONS = 'Change options…';

interface NodePlan {
  readonly target: NodeTarget;
  readonly state?: string;
  readonly inputs: DrainInputs;
  readonly plan: DrainPlan;
  readonly kubectl: string;
}

export async function runDrainFlow(s: Services, args: readonly unknown[]): Promise<void> {
  const targets = await pickNodeTargets(s.explorer, args, {
    many: true,
    placeHolder: 'Nodes to drain (worst first)',
  });
  if (targets.length === 0) {
    return;
  }
  const conn = await s.remediation.guard('drain');
  if (!conn || targets.some((t) => t.context !== conn.context)) {
    return;
  }
  const settings = s.remediation.drainSettings();
  const silentState = targets.map((t) => nodeStateOf(s.explorer, t.name)).find(kubeletSilent);
  let options: DrainOptions = initialDrainOptions(settings, silentState);

  const first = await planAll(s, conn, targets, options);
  if (!first) {
    return;
  }
  let plans: NodePlan[] = first;
  for (;;) {
    // 1. Options, each saying what it changes for these nodes.
    const items = optionItems(
      options,
      plans.flatMap((p) => p.plan.optionEffects),
      silentState,
      settings,
    );
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Drain ${targets.map((t) => t.name).join(', ')} — context ${conn.context}`,
      placeHolder:
        'kubectl drain flags (overrides start off, like kubectl). Nothing happens before the preview and a confirmation.',
      ignoreFocusOut: true,
    });
    if (!picked) {
      return;
    }
    const pickedIds = new Set<OptionId>(picked.map((p) => p.id));
    const next = await askValues(applyPicked(options, pickedIds, settings), pickedIds);
    if (!next) {
      return;
    }
    if (
      next.disableEviction &&
      !options.disableEviction &&
      !(await s.remediation.guard('drain', { disableEviction: true }))
    ) {
      return;
    }
    const reload = (next.podSelector ?? '') !== (options.podSelector ?? '');
    options = next;
    const replanned: NodePlan[] | undefined = reload
      ? await planAll(s, conn, targets, options)
      : plans.map((p) => replan(p, options, conn));
    if (!replanned) {
      return;
    }
    plans = replanned;
    const current = plans;

    // 2. Preview, then a modal that names the context and the node(s).
    await s.remediation.showPreview(
      `drain-${conn.context}-${targets.map((t) => t.name).join('+')}`,
      plans.map((p) => renderDrainPreview(p.plan, previewContext(p, conn))).join('\n\n---\n\n'),
    );
    const refused = plans.filter((p) => !p.plan.canDrain);
    if (refused.length > 0) {
      const answer = await vscode.window.showWarningMessage(
        `kubectl would refuse to drain ${refused.map((p) => `node/${p.target.name}`).join(', ')} in context "${conn.context}".`,
        {
          modal: true,
          detail: `${refused.map((p) => p.plan.selectorError ?? p.plan.kubectlError ?? '').join('\n')}\n\nNothing was changed. See the drain plan for the pods and the options that would allow it.`,
        },
        CHANGE_OPTIONS,
      );
      if (answer === CHANGE_OPTIONS) {
        continue;
      }
      for (const p of refused) {
        s.remediation.audit({
          action: 'drain',
          target: p.target,
          outcome: 'declined',
          kubectl: p.kubectl,
          detail: `refused before cordon: ${p.plan.selectorError ?? p.plan.kubectlError ?? ''}`,
        });
      }
      return;
    }
    const confirmation =
      current.length === 1
        ? drainConfirmation(current[0].plan, previewContext(current[0], conn))
        : {
            message: `Drain ${plans.length} nodes (${plans.map((p) => p.target.name).join(', ')}) in context "${conn.context}"?`,
            detail: `${plans.map((p) => `node/${p.target.name}: ${summarizePlan(p.plan)}`).join('\n')}\n\nOne after the other; each is cordoned first and stays cordoned if you cancel.\n\nEquivalent:\n${plans.map((p) => p.kubectl).join('\n')}`,
            confirm: 'Drain',
          };
    const answer = await vscode.window.showWarningMessage(
      confirmation.message,
      { modal: true, detail: confirmation.detail },
      confirmation.confirm,
      CHANGE_OPTIONS,
    );
    if (answer === CHANGE_OPTIONS) {
      continue;
    }
    if (answer !== confirmation.confirm) {
      for (const p of plans) {
        s.remediation.audit({ action: 'drain', target: p.target, outcome: 'declined', kubectl: p.kubectl });
      }
      return;
    }
    break;
  }

  // 3. Run, one node at a time.
  for (const [i, p] of plans.entries()) {
    const result = await drainOne(s, conn, p, options);
    if (result.status === 'cancelled') {
      const skipped = plans.slice(i + 1).map((x) => x.target.name);
      if (skipped.length > 0) {
        s.remediation.output.warn(`Drain cancelled: not started on ${skipped.join(', ')}`);
      }
      break;
    }
  }
}

function previewContext(p: NodePlan, conn: Connection) {
  return {
    context: conn.context,
    node: p.target.name,
    ...(p.state ? { nodeState: p.state } : {}),
    cordoned: p.inputs.node.spec?.unschedulable === true,
    kubectl: p.kubectl,
  };
}

function replan(p: NodePlan, options: DrainOptions, conn: Connection): NodePlan {
  return {
    ...p,
    plan: planDrain(p.inputs.pods, p.inputs.pdbs, options, Date.now(), p.inputs.context),
    kubectl: drainCommand(conn.kubectl, p.target.name, options),
  };
}

async function planAll(
  s: Services,
  conn: Connection,
  targets: readonly NodeTarget[],
  options: DrainOptions,
): Promise<NodePlan[] | undefined> {
  const loaded = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Reading pods and PodDisruptionBudgets (context ${conn.context})…`,
      cancellable: true,
    },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return Promise.all(targets.map((t) => loadDrainInputs(conn.api, t.name, options, abort.signal)));
    },
  );
  const plans: NodePlan[] = [];
  for (const [i, r] of loaded.entries()) {
    if (!r.ok) {
      if (r.error.kind !== 'cancelled') {
        void vscode.window.showErrorMessage(
          `Cannot plan the drain of node/${targets[i].name}: ${explainApiError(r.error, conn.context)}`,
        );
      }
      return undefined;
    }
    const state = nodeStateOf(s.explorer, targets[i].name);
    plans.push({
      target: targets[i],
      ...(state ? { state } : {}),
      inputs: r.value,
      plan: planDrain(r.value.pods, r.value.pdbs, options, Date.now(), r.value.context),
      kubectl: drainCommand(conn.kubectl, targets[i].name, options),
    });
  }
  return plans;
}

/** Input boxes for the picked options that carry a value not yet given. */
async function askValues(
  next: DrainOptions,
  picked: ReadonlySet<OptionId>,
): Promise<DrainOptions | undefined> {
  let o = next;
  const integer = (v: string) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number of seconds.');
  if (picked.has('timeout') && (o.timeoutSeconds ?? 0) <= 0) {
    const v = await vscode.window.showInputBox({
      title: '--timeout (seconds, one deadline for the whole drain)',
      value: '300',
      validateInput: integer,
    });
    if (v === undefined) {
      return undefined;
    }
    o = { ...o, timeoutSeconds: Number(v) };
  }
  if (picked.has('gracePeriod') && (o.gracePeriodSeconds ?? -1) < 0) {
    const v = await vscode.window.showInputBox({
      title: '--grace-period (seconds; 0 deletes immediately)',
      value: '30',
      validateInput: integer,
    });
    if (v === undefined) {
      return undefined;
    }
    o = { ...o, gracePeriodSeconds: Number(v) };
  }
  if (picked.has('podSelector') && !o.podSelector) {
    const v = await vscode.window.showInputBox({
      title: '--pod-selector (label selector, e.g. app=web,tier!=db)',
      validateInput: (x) => (x.trim() ? undefined : 'A label selector.'),
    });
    if (v === undefined) {
      return undefined;
    }
    o = { ...o, podSelector: v.trim() };
  }
  return o;
}

async function drainOne(
  s: Services,
  conn: Connection,
  p: NodePlan,
  options: DrainOptions,
): Promise<DrainResult> {
  const log = s.remediation.output;
  const title = `Draining node/${p.target.name} (context ${conn.context})`;
  log.info(`${title}: ${p.kubectl}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runDrain(p.target.name, options, {
        api: conn.api,
        now: () => Date.now(),
        sleep: abortableSleep,
        signal: abort.signal,
        onProgress: (x) => progress.report({ message: progressText(x) }),
        onLine: (line, stream) =>
          stream === 'err'
            ? log.warn(`[drain ${p.target.name}] ${line}`)
            : log.info(`[drain ${p.target.name}] ${line}`),
      });
    },
  );
  for (const line of drainSummaryLines(result, conn.context)) {
    log.info(line);
  }
  const removed = result.outcomes.filter((o) =>
    ['evicted', 'deleted', 'alreadyGone', 'skippedWait'].includes(o.outcome),
  ).length;
  s.remediation.audit({
    action: 'drain',
    target: p.target,
    outcome:
      result.status === 'drained'
        ? 'succeeded'
        : result.status === 'cancelled'
          ? 'cancelled'
          : removed > 0
            ? 'partial'
            : 'failed',
    kubectl: p.kubectl,
    detail: `${result.status}; ${removed} removed; remaining ${result.remaining.length > 0 ? result.remaining.join(', ') : 'none'}`,
  });
  const note = drainNotification(result, conn.context);
  const show =
    note.severity === 'info'
      ? vscode.window.showInformationMessage
      : note.severity === 'warning'
        ? vscode.window.showWarningMessage
        : vscode.window.showErrorMessage;
  void show(note.text, 'Show output').then((a) => a && log.show());
  return result;
}
