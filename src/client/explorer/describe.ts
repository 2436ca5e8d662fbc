/**
 * The text of the read-only "Describe" documents: a human summary as YAML comments (why the node
 * or pod is unhealthy, its conditions, recent events), then the object itself as YAML without
 * managedFields. Pure, so the layout is unit-tested; the view fetches the object fresh.
 */
import { dump } from 'js-yaml';
import { humanDuration } from '../../shared/cluster/duration';
import { type EventInfo, toMillis } from '../../shared/cluster/model';
import { eventCount, eventTime } from '../../shared/cluster/healthPresentation';
import type { NodeHealth } from '../../shared/cluster/nodeHealth';
import type { PodHealth } from '../../shared/cluster/podHealth';

/**
 * @example describeNodeText(rawNode, health, events, now)
 * // '# Node node-pleg — NotReady (error)\n# Why:\n#   - PLEG not healthy: last relist 6m57s ago …\n…\napiVersion: v1\n…'
 */
export function describeNodeText(
  raw: unknown,
  health: NodeHealth | undefined,
  events: readonly EventInfo[],
  nowMs: number,
): string {
  const node = raw as {
    metadata?: { name?: string };
    status?: {
      conditions?: {
        type: string;
        status: string;
        reason?: string;
        message?: string;
        lastTransitionTime?: string;
      }[];
    };
  };
  const lines: string[] = [];
  lines.push(
    `Node ${node.metadata?.name ?? '?'}${health ? ` — ${health.kubectlStatus} (${health.level})` : ''}`,
  );
  if (health) {
    lines.push(`Summary: ${health.summary}`);
    pushReasons(lines, health.reasons);
    lines.push(
      health.lease.state === 'missing'
        ? 'Lease: none seen in kube-node-lease'
        : `Lease: renewed ${humanDuration(health.lease.ageMs ?? 0)} ago (${health.lease.state})`,
    );
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    lines.push('Conditions:');
    for (const c of conditions) {
      const since = toMillis(c.lastTransitionTime);
      lines.push(
        `  ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${since !== undefined ? ` for ${humanDuration(nowMs - since)}` : ''}${c.message ? `: ${c.message}` : ''}`,
      );
    }
  }
  pushEvents(lines, events, nowMs);
  return render(lines, raw);
}

export function describePodText(
  raw: unknown,
  health: PodHealth | undefined,
  events: readonly EventInfo[],
  nowMs: number,
): string {
  const pod = raw as {
    metadata?: { name?: string; namespace?: string; finalizers?: string[] };
    spec?: { nodeName?: string };
  };
  const lines: string[] = [];
  lines.push(
    `Pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? '?'}${health ? ` — ${health.label} (${health.level})` : ''}`,
  );
  if (health) {
    lines.push(`Summary: ${health.summary}`);
    lines.push(`Ready ${health.columns.ready} · restarts ${health.columns.restarts}`);
    pushReasons(lines, health.reasons);
    const t = health.termination;
    if (t) {
      lines.push(
        t.sinceGraceEndMs >= 0
          ? `Terminating: grace period ended ${humanDuration(t.sinceGraceEndMs)} ago${t.stuck ? ' — stuck' : ''}${t.cause ? ` (cause: ${t.cause})` : ''}`
          : `Terminating: grace period ends in ${humanDuration(-t.sinceGraceEndMs)}`,
      );
      if (t.finalizers.length > 0) {
        lines.push(`Finalizers: ${t.finalizers.join(', ')}`);
      }
    }
  }
  lines.push(`Node: ${pod.spec?.nodeName ?? '(not scheduled)'}`);
  pushEvents(lines, events, nowMs);
  return render(lines, raw);
}

function pushReasons(
  lines: string[],
  reasons: readonly { severity: string; text: string; detail?: string }[],
): void {
  if (reasons.length === 0) {
    return;
  }
  lines.push('Why:');
  for (const r of reasons) {
    lines.push(`  - [${r.severity}] ${r.text}`);
  }
}

function pushEvents(lines: string[], events: readonly EventInfo[], nowMs: number): void {
  if (events.length === 0) {
    return;
  }
  lines.push('Recent events:');
  // The same notion of "when" and "how often" as the tree's tooltips (healthPresentation).
  const sorted = [...events]
    .map((e) => ({ e, at: eventTime(e) ?? 0 }))
    .sort((a, b) => b.at - a.at)
    .slice(0, 10);
  for (const { e, at } of sorted) {
    lines.push(
      `  ${at ? `${humanDuration(nowMs - at)} ago` : '?'} ${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}${eventCount(e) > 1 ? ` (x${eventCount(e)})` : ''}`,
    );
  }
}

function render(summary: string[], raw: unknown): string {
  const header = summary.flatMap((l) => l.split('\n')).map((l) => `# ${l}`.trimEnd());
  return `${header.join('\n')}\n\n${dump(withoutManagedFields(raw), { noRefs: true, lineWidth: 120, sortKeys: false })}`;
}

function withoutManagedFields(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') {
    return raw;
  }
  const copy = { ...(raw as Record<string, unknown>) };
  const meta = copy.metadata as Record<string, unknown> | undefined;
  if (meta && 'managedFields' in meta) {
    const { managedFields: _dropped, ...rest } = meta;
    copy.metadata = rest;
  }
  return copy;
}
