/**
 * Health → plain strings for the UI: codicon ids, theme colour ids, 1–2 character badges and
 * Markdown tooltips. No vscode import: the client wraps these in ThemeIcon/ThemeColor/
 * MarkdownString (with `supportThemeIcons = true`, for the `$(icon)` syntax used here).
 */
import { humanDuration } from './duration';
import type { HealthLevel, HealthReason } from './healthTypes';
import { toMillis, type EventInfo, type NodeInfo, type PodInfo, type Timestamp } from './model';
import type { NodeHealth } from './nodeHealth';
import type { PodHealth } from './podHealth';
import { restartsText } from './podStatus';

export interface Presentation {
  /** Codicon id for `new ThemeIcon(icon, new ThemeColor(color))`, e.g. `error`, `sync~spin`. */
  readonly icon: string;
  /** Theme colour id, e.g. `list.errorForeground`; undefined → the theme's default. */
  readonly color?: string;
  /** FileDecoration badge: at most 2 characters; '' for none. */
  readonly badge: string;
  /** The tree item description. */
  readonly description: string;
  /** Markdown; uses `$(codicon)` syntax. */
  readonly tooltip: string;
}

export const LEVEL_COLORS: Readonly<Record<HealthLevel, string | undefined>> = {
  ok: 'testing.iconPassed',
  warning: 'list.warningForeground',
  error: 'list.errorForeground',
  unknown: 'list.errorForeground',
};

const SEVERITY_ICONS: Readonly<Record<HealthReason['severity'], string>> = {
  error: '$(error)',
  warning: '$(warning)',
  info: '$(info)',
};

const MAX_EVENTS = 5;

/**
 * Escapes the Markdown that can appear inline (emphasis, code, links, tables, HTML, `$(icon)`) so
 * messages from the cluster render as text. Every line we build starts with our own text, so
 * line-start syntax (`#`, `-`, `1.`) cannot be triggered by cluster strings.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~$]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/**
 * An inline code span. Markdown does not interpret backslashes inside code spans, so cluster text
 * goes in unescaped (escaping would show `node\.kubernetes\.io`); only backticks, which would end
 * the span, are replaced, and line breaks, which would end the line.
 * @example code('node.kubernetes.io/not-ready:NoSchedule') // '`node.kubernetes.io/not-ready:NoSchedule`'
 */
export function code(text: string): string {
  return '`' + text.replace(/`/g, "'").replace(/\r?\n/g, ' ') + '`';
}

function ago(ts: Timestamp | undefined, nowMs: number): string {
  const ms = toMillis(ts);
  return ms === undefined ? '' : humanDuration(nowMs - ms);
}

function reasonLines(reasons: readonly HealthReason[]): string[] {
  return reasons.map((r) => `${SEVERITY_ICONS[r.severity]} ${escapeMarkdown(r.text)}`);
}

/**
 * When an event last happened: the legacy `lastTimestamp`, else the events.k8s.io series or
 * `eventTime`, else when it was first seen or created.
 * @example eventTime({ lastTimestamp: '2026-11-24T05:56:00Z' }) // 1795499760000
 */
export function eventTime(event: EventInfo): number | undefined {
  return (
    toMillis(event.lastTimestamp) ??
    toMillis(event.series?.lastObservedTime) ??
    toMillis(event.eventTime) ??
    toMillis(event.firstTimestamp) ??
    toMillis(event.metadata?.creationTimestamp)
  );
}

/**
 * Events about one object, newest first.
 * @example eventsFor(allEvents, 'Node', 'node-pleg').map(e => e.reason) // ['NodeNotReady']
 */
export function eventsFor(
  events: readonly EventInfo[],
  kind: string,
  name: string,
  namespace?: string,
): EventInfo[] {
  return events
    .filter(
      (e) =>
        e.involvedObject?.kind === kind &&
        e.involvedObject.name === name &&
        (namespace === undefined || e.involvedObject.namespace === namespace),
    )
    .sort((a, b) => (eventTime(b) ?? 0) - (eventTime(a) ?? 0));
}

/**
 * How many times an event was seen (events.k8s.io series first).
 * @example eventCount({ count: 3 }) // 3
 */
export function eventCount(event: EventInfo): number {
  return event.series?.count ?? event.count ?? 1;
}

function eventLines(events: readonly EventInfo[], nowMs: number): string[] {
  return events.slice(0, MAX_EVENTS).map((e) => {
    const when = eventTime(e);
    const count = eventCount(e) > 1 ? ` ×${eventCount(e)}` : '';
    const icon = e.type === 'Warning' ? '$(warning) ' : '';
    return `- ${icon}${when !== undefined ? `${humanDuration(nowMs - when)} ago ` : ''}**${escapeMarkdown(e.reason ?? '')}**${count}: ${escapeMarkdown(e.message ?? '')}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Nodes

/**
 * The node's codicon and theme colour, without building a tooltip (decorations need only these).
 * @example nodeIcon(notReadyHealth) // { icon: 'error', color: 'list.errorForeground' }
 */
export function nodeIcon(health: NodeHealth): { icon: string; color?: string } {
  if (health.state === 'Unknown' || health.state === 'NeverReported') {
    return { icon: 'debug-disconnect', color: LEVEL_COLORS.unknown };
  }
  if (health.level === 'error') {
    return { icon: 'error', color: LEVEL_COLORS.error };
  }
  if (health.level === 'warning') {
    return { icon: 'warning', color: LEVEL_COLORS.warning };
  }
  if (health.cordoned) {
    return { icon: 'circle-slash', color: 'list.deemphasizedForeground' };
  }
  return { icon: 'pass', color: LEVEL_COLORS.ok };
}

/**
 * The node's badge: `NR` NotReady, `?` Unknown/never reported, `HB` heartbeat lost while Ready,
 * `P` pressure, `!` other warnings/errors, `C` cordoned, '' healthy.
 */
export function nodeBadge(health: NodeHealth): string {
  if (health.state === 'NotReady') {
    return 'NR';
  }
  if (health.state === 'Unknown' || health.state === 'NeverReported') {
    return '?';
  }
  const codes = new Set(health.reasons.filter((r) => r.severity !== 'info').map((r) => r.code));
  if (codes.has('heartbeat-lost')) {
    return 'HB';
  }
  if (codes.has('memory-pressure') || codes.has('disk-pressure') || codes.has('pid-pressure')) {
    return 'P';
  }
  if (health.level !== 'ok') {
    return '!';
  }
  return health.cordoned ? 'C' : '';
}

/** What the caller knows beyond the node itself. */
export interface NodePresentationContext {
  /** Leases could not be listed (RBAC): a missing Lease then means "unknown", not "none". */
  readonly leasesUnreadable?: boolean;
}

/**
 * Presentation of a node row: icon, colour, badge, description and a Markdown tooltip listing
 * reasons, conditions with ages, the Lease, pods against capacity, taints and recent events.
 * @example presentNode(health, node, now, events).badge // 'NR'
 */
export function presentNode(
  health: NodeHealth,
  node: NodeInfo,
  now: Date | number,
  events: readonly EventInfo[] = [],
  context: NodePresentationContext = {},
): Presentation {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const lines: string[] = [`**${escapeMarkdown(health.name)}** — ${escapeMarkdown(health.summary)}`, ''];
  if (health.reasons.length > 0) {
    lines.push(...reasonLines(health.reasons).map((l) => `${l}  `), '');
  }

  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    lines.push(
      '**Conditions**',
      '',
      '| Type | Status | Reason | Since | Heartbeat |',
      '|---|---|---|---|---|',
    );
    for (const c of conditions) {
      lines.push(
        `| ${escapeMarkdown(c.type)} | ${escapeMarkdown(c.status)} | ${escapeMarkdown(c.reason ?? '')} | ${ago(c.lastTransitionTime, nowMs)} | ${ago(c.lastHeartbeatTime, nowMs)} |`,
      );
    }
    lines.push('');
  }

  const lease = health.lease;
  lines.push(
    lease.state !== 'missing'
      ? `**Lease**: renewed ${humanDuration(lease.ageMs ?? 0)} ago (${lease.state}; duration ${lease.durationSeconds ?? '?'}s${lease.holder ? `, holder ${escapeMarkdown(lease.holder)}` : ''})`
      : context.leasesUnreadable
        ? '**Lease**: not readable (forbidden)'
        : '**Lease**: none seen',
    '',
    `**Pods**: ${health.podCount}${health.podCapacity !== undefined ? ` / ${health.podCapacity} allocatable` : ''}`,
    '',
  );

  const taints = node.spec?.taints ?? [];
  if (taints.length > 0) {
    lines.push(
      `**Taints**: ${taints.map((t) => code(`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)).join(', ')}`,
      '',
    );
  }

  const info = node.status?.nodeInfo;
  const address = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  const facts = [
    info?.kubeletVersion && `kubelet ${info.kubeletVersion}`,
    info?.containerRuntimeVersion,
    info?.osImage,
    address,
  ].filter((x): x is string => !!x);
  if (facts.length > 0) {
    lines.push(`**Node**: ${facts.map(escapeMarkdown).join(' · ')}`, '');
  }

  const nodeEvents = eventsFor(events, 'Node', health.name);
  if (nodeEvents.length > 0) {
    lines.push('**Recent events**', '', ...eventLines(nodeEvents, nowMs), '');
  }

  return {
    ...nodeIcon(health),
    badge: nodeBadge(health),
    description: health.summary,
    tooltip: lines.join('\n').trimEnd(),
  };
}

// ---------------------------------------------------------------------------------------------
// Pods

/**
 * The pod's codicon and theme colour, without building a tooltip (decorations need only these).
 * @example podIcon(crashLoopHealth) // { icon: 'error', color: 'list.errorForeground' }
 */
export function podIcon(health: PodHealth): { icon: string; color?: string } {
  const t = health.termination;
  if (t?.finalizing) {
    return { icon: 'lock', color: t.stuck ? LEVEL_COLORS.error : LEVEL_COLORS.warning };
  }
  if (t) {
    return { icon: 'trash', color: t.stuck ? LEVEL_COLORS.error : 'list.deemphasizedForeground' };
  }
  if (health.level === 'error') {
    return { icon: 'error', color: LEVEL_COLORS.error };
  }
  if (health.level === 'unknown') {
    return { icon: 'question', color: LEVEL_COLORS.warning };
  }
  if (health.level === 'warning') {
    return { icon: 'warning', color: LEVEL_COLORS.warning };
  }
  if (health.status === 'Completed' || health.status === 'Succeeded') {
    return { icon: 'check', color: 'list.deemphasizedForeground' };
  }
  if (health.status === 'Running') {
    return { icon: 'pass', color: LEVEL_COLORS.ok };
  }
  return { icon: 'sync~spin' };
}

const POD_BADGES: readonly [RegExp, string][] = [
  [/CrashLoopBackOff$/, 'CL'],
  [/ImagePullBackOff$|ErrImagePull$|InvalidImageName$/, 'IP'],
  [/^OOMKilled$/, 'OM'],
  [/^Pending$|^SchedulingGated$/, 'P'],
];

/** The pod's badge: `F` Finalizing, `T` stuck Terminating, `CL`, `IP`, `OM`, `EV`, `P`, `!`, or ''. */
export function podBadge(health: PodHealth): string {
  if (health.termination?.finalizing && health.termination.stuck) {
    return 'F';
  }
  if (health.termination?.stuck) {
    return 'T';
  }
  if (health.reasons.some((r) => r.code === 'evicted')) {
    return 'EV';
  }
  for (const [pattern, badge] of POD_BADGES) {
    if (pattern.test(health.status)) {
      return badge;
    }
  }
  if (health.reasons.some((r) => r.code === 'oom-killed')) {
    return 'OM';
  }
  return health.level === 'ok' ? '' : '!';
}

function containerState(s: NonNullable<NonNullable<PodInfo['status']>['containerStatuses']>[number]): string {
  if (s.state?.waiting) {
    return `waiting: ${s.state.waiting.reason ?? ''}`;
  }
  if (s.state?.terminated) {
    const t = s.state.terminated;
    return `terminated: ${t.reason ?? (t.signal ? `signal ${t.signal}` : `exit ${t.exitCode}`)}`;
  }
  return s.state?.running ? 'running' : 'unknown';
}

/**
 * Presentation of a pod row: icon, colour, badge, description and a Markdown tooltip with
 * reasons, the pod's status message, containers (state, ready, restarts, last exit), its node,
 * finalizers and events.
 * @example presentPod(health, pod, now, { nodeSummary: 'Ready · 12/110 pods' }).badge // 'CL'
 */
export function presentPod(
  health: PodHealth,
  pod: PodInfo,
  now: Date | number,
  context: { nodeSummary?: string; events?: readonly EventInfo[] } = {},
): Presentation {
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const lines: string[] = [
    `**${escapeMarkdown(health.namespace)}/${escapeMarkdown(health.name)}** — ${escapeMarkdown(health.summary)}`,
    '',
    `kubectl: ${code(health.status)} · READY ${health.columns.ready} · RESTARTS ${escapeMarkdown(restartsText(health.columns, nowMs))}`,
    '',
  ];
  if (health.reasons.length > 0) {
    lines.push(...reasonLines(health.reasons).map((l) => `${l}  `), '');
  }
  // e.g. "Pod was rejected: Predicate NodeAffinity failed"; an eviction's reason already quotes it.
  const message = pod.status?.message?.trim();
  if (message && !health.reasons.some((r) => r.text.includes(message))) {
    lines.push(`**Message**: ${escapeMarkdown(message)}`, '');
  }

  const statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((s) => ({ s, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((s) => ({ s, init: false })),
  ];
  if (statuses.length > 0) {
    lines.push('| Container | State | Ready | Restarts | Last exit |', '|---|---|---|---|---|');
    for (const { s, init } of statuses) {
      const last = s.lastState?.terminated;
      const lastText = last
        ? `${last.reason ?? ''} (${last.signal ? `signal ${last.signal}` : `exit ${last.exitCode}`}) ${ago(last.finishedAt, nowMs)} ago`
        : '';
      lines.push(
        `| ${escapeMarkdown(s.name)}${init ? ' (init)' : ''} | ${escapeMarkdown(containerState(s))} | ${s.ready ? 'yes' : 'no'} | ${s.restartCount} | ${escapeMarkdown(lastText.trim())} |`,
      );
    }
    lines.push('');
  }

  const nodeName = pod.spec?.nodeName;
  if (nodeName) {
    lines.push(
      `**Node**: ${escapeMarkdown(nodeName)}${context.nodeSummary ? ` — ${escapeMarkdown(context.nodeSummary)}` : ''}`,
      '',
    );
  } else {
    lines.push('**Node**: not scheduled', '');
  }

  const t = health.termination;
  if (t) {
    const deleted = `deletion requested${t.gracePeriodSeconds !== undefined ? ` with a ${t.gracePeriodSeconds}s grace period` : ''}`;
    const when =
      t.sinceGraceEndMs >= 0
        ? `grace period ended ${humanDuration(t.sinceGraceEndMs)} ago`
        : `grace period ends in ${humanDuration(-t.sinceGraceEndMs)}`;
    lines.push(`**Deletion**: ${deleted}; ${when}`, '');
  }
  const finalizers = pod.metadata?.finalizers ?? [];
  if (finalizers.length > 0) {
    lines.push(`**Finalizers**: ${finalizers.map(code).join(', ')}`, '');
  }

  const podEvents = eventsFor(context.events ?? [], 'Pod', health.name, health.namespace);
  if (podEvents.length > 0) {
    lines.push('**Recent events**', '', ...eventLines(podEvents, nowMs), '');
  }

  return {
    ...podIcon(health),
    badge: podBadge(health),
    description: health.summary,
    tooltip: lines.join('\n').trimEnd(),
  };
}
