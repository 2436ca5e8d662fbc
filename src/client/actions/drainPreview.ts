/**
 * The drain preview: what `planDrain` decided, as a Markdown document the user reads before
 * confirming (pods to evict, skipped, blocked, at risk, and the options that would change the
 * plan), plus the short summary and the modal text. vscode-free and unit-tested.
 */
import type { DrainPlan, PlannedPod } from '../../shared/cluster/drainPlanner';
import { controllerOf } from '../../shared/cluster/model';
import type { Confirmation } from './confirmations';

export interface PreviewContext {
  readonly context: string;
  readonly node: string;
  /** `Ready` | `NotReady` | `Unknown` | … */
  readonly nodeState?: string;
  readonly cordoned?: boolean;
  /** The equivalent `kubectl drain …` command. */
  readonly kubectl: string;
}

function owner(p: PlannedPod): string {
  const c = controllerOf(p.pod.metadata);
  return c ? `${c.kind}/${c.name}` : '—';
}

/** Escapes the characters that would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * @example summarizePlan(plan) // '7 to evict (2 at risk), 2 skipped, 0 blocked'
 */
export function summarizePlan(plan: DrainPlan): string {
  const verb = plan.options.disableEviction ? 'delete' : 'evict';
  const risk = plan.atRisk.length > 0 ? ` (${plan.atRisk.length} at risk)` : '';
  return `${plan.remove.length} to ${verb}${risk}, ${plan.skipped.length} skipped, ${plan.blocked.length} blocked`;
}

/** The kubectl flags of a plan's options, in kubectl's usual order. */
export function drainFlags(o: DrainPlan['options']): string[] {
  const flags: string[] = [];
  if (o.ignoreDaemonSets) {
    flags.push('--ignore-daemonsets');
  }
  if (o.deleteEmptyDirData) {
    flags.push('--delete-emptydir-data');
  }
  if (o.force) {
    flags.push('--force');
  }
  if (o.gracePeriodSeconds >= 0) {
    flags.push(`--grace-period=${o.gracePeriodSeconds}`);
  }
  if (o.timeoutSeconds > 0) {
    flags.push(`--timeout=${o.timeoutSeconds}s`);
  }
  if (o.podSelector) {
    flags.push(`--pod-selector=${o.podSelector}`);
  }
  if (o.skipWaitForDeleteTimeoutSeconds > 0) {
    flags.push(`--skip-wait-for-delete-timeout=${o.skipWaitForDeleteTimeoutSeconds}`);
  }
  if (o.disableEviction) {
    flags.push('--disable-eviction');
  }
  return flags;
}

export function renderDrainPreview(plan: DrainPlan, c: PreviewContext): string {
  const lines: string[] = [];
  lines.push(`# Drain plan: node/${c.node}`, '');
  lines.push(`- **Context:** \`${c.context}\``);
  lines.push(`- **Node:** ${c.nodeState ?? 'state unknown'}${c.cordoned ? ', already cordoned' : ''}`);
  const flags = drainFlags(plan.options);
  lines.push(
    `- **Options:** ${flags.length > 0 ? flags.map((f) => `\`${f}\``).join(' ') : 'none (kubectl defaults)'}`,
  );
  lines.push(
    `- **Eviction retry:** every ${plan.options.evictionRetryDelaySeconds}s while a PodDisruptionBudget refuses (HTTP 429)`,
  );
  lines.push(`- **Equivalent:** \`${c.kubectl}\``, '');

  if (plan.selectorError) {
    lines.push(`> **Invalid pod selector:** ${plan.selectorError}`, '');
  } else if (!plan.canDrain) {
    lines.push('> **kubectl would refuse this drain** (after cordoning the node):', '>');
    for (const e of plan.kubectlErrors) {
      lines.push(`> \`${cell(e)}\``);
    }
    lines.push(
      '',
      'Change the options (below) or deal with the blocked pods first. Nothing will be evicted.',
      '',
    );
  } else {
    lines.push(
      `**${summarizePlan(plan)}.** The node is cordoned first; then each pod is ${plan.options.disableEviction ? 'deleted' : 'evicted'} and waited for.`,
      '',
    );
  }
  if (
    (c.nodeState === 'Unknown' || c.nodeState === 'NotReady' || c.nodeState === 'NeverReported') &&
    plan.options.skipWaitForDeleteTimeoutSeconds === 0
  ) {
    lines.push(
      `> **The node is ${c.nodeState}.** Its kubelet cannot confirm deletions, so evicted pods stay Terminating and the drain would wait forever. Set \`--skip-wait-for-delete-timeout\` to stop waiting for pods deleted longer ago than that.`,
      '',
    );
  }

  const table = (title: string, pods: readonly PlannedPod[], explain: string) => {
    lines.push(`## ${title} (${pods.length})`, '');
    if (pods.length === 0) {
      lines.push('_none_', '');
      return;
    }
    lines.push(explain, '', '| Pod | Controller | Decision |', '|---|---|---|');
    for (const p of pods) {
      lines.push(`| \`${p.key}\` | ${cell(owner(p))} | ${cell(p.text)} |`);
    }
    lines.push('');
  };
  table('Blocked', plan.blocked, 'These make kubectl refuse the whole drain.');
  table(
    'At risk',
    plan.atRisk,
    'Their eviction will be refused (PDB with two budgets → HTTP 500, the pod stays) or delayed (429, retried until the budget allows it or the timeout).',
  );
  table(
    plan.options.disableEviction ? 'To delete' : 'To evict',
    plan.remove,
    plan.options.disableEviction
      ? 'Deleted directly: PodDisruptionBudgets are not checked.'
      : 'Evicted through the policy/v1 Eviction API, honouring PodDisruptionBudgets.',
  );
  table('Skipped', plan.skipped, 'Left on the node (DaemonSet and static pods would come straight back).');

  lines.push('## Options that change this plan', '');
  if (plan.optionEffects.length === 0) {
    lines.push('_none_');
  }
  for (const e of plan.optionEffects) {
    const shown =
      e.pods
        .slice(0, 8)
        .map((k) => `\`${k}\``)
        .join(', ') + (e.pods.length > 8 ? ` and ${e.pods.length - 8} more` : '');
    lines.push(`- \`${e.flag}\` (${e.enabled ? 'on' : 'off'}): ${e.text} — ${shown}`);
  }
  lines.push('');
  if (plan.kubectlWarning) {
    lines.push(`kubectl would print: \`Warning: ${cell(plan.kubectlWarning)}\``, '');
  }
  return lines.join('\n');
}

/** The modal: counts, the worst risks, context and node; the full plan is in the preview. */
export function drainConfirmation(plan: DrainPlan, c: PreviewContext): Confirmation {
  const detail: string[] = [summarizePlan(plan) + '.'];
  const multi = plan.atRisk.filter((p) => p.risk?.kind === 'multiplePdbs');
  const blocking = plan.atRisk.filter(
    (p) => p.risk?.kind === 'pdbBlocks' || p.risk?.kind === 'pdbNotObserved',
  );
  if (multi.length > 0) {
    detail.push(
      `${multi.length} will fail (covered by two or more PDBs): ${multi.map((p) => p.key).join(', ')}.`,
    );
  }
  if (blocking.length > 0) {
    detail.push(
      `${blocking.length} blocked by a PodDisruptionBudget, retried every ${plan.options.evictionRetryDelaySeconds}s${plan.options.timeoutSeconds > 0 ? ` for up to ${plan.options.timeoutSeconds}s` : ' with no timeout'}: ${blocking.map((p) => p.key).join(', ')}.`,
    );
  }
  if (plan.skipped.length > 0) {
    detail.push(`Skipped: ${plan.skipped.map((p) => p.key).join(', ')}.`);
  }
  detail.push(
    'The node is cordoned first and stays cordoned if you cancel.',
    '',
    `Equivalent:\n${c.kubectl}`,
  );
  return {
    message: `Drain node/${c.node} in context "${c.context}"?`,
    detail: detail.join('\n'),
    confirm: 'Drain',
  };
}
