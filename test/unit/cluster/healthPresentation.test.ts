import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { classifyNode } from '../../../src/shared/cluster/nodeHealth';
import { classifyPod } from '../../../src/shared/cluster/podHealth';
import {
  code,
  escapeMarkdown,
  eventsFor,
  nodeBadge,
  podBadge,
  presentNode,
  presentPod,
} from '../../../src/shared/cluster/healthPresentation';
import { byName, FIXTURE_NOW, loadList } from './fixtures';

const nodes = loadList('nodes.json');
const leases = loadList('leases.json');
const events = loadList('events.json');
const pods = [...loadList('pods-status.json'), ...loadList('pods-health.json')];

function nodeHealth(name: string) {
  return classifyNode(
    byName(nodes, name),
    leases.find((l) => l.metadata.name === name),
    [],
    FIXTURE_NOW,
  );
}
function podHealth(name: string) {
  const pod = byName(pods, name);
  return classifyPod(
    pod,
    nodes.find((n) => n.metadata.name === pod.spec.nodeName),
    FIXTURE_NOW,
  );
}

describe('node presentation', () => {
  const table: { node: string; icon: string; color: string | undefined; badge: string }[] = [
    { node: 'node-healthy', icon: 'pass', color: 'testing.iconPassed', badge: '' },
    { node: 'node-pleg', icon: 'error', color: 'list.errorForeground', badge: 'NR' },
    { node: 'node-heartbeat-lost', icon: 'debug-disconnect', color: 'list.errorForeground', badge: '?' },
    { node: 'node-never-posted', icon: 'debug-disconnect', color: 'list.errorForeground', badge: '?' },
    { node: 'node-pressure', icon: 'warning', color: 'list.warningForeground', badge: 'P' },
    { node: 'node-os-image-unknown', icon: 'error', color: 'list.errorForeground', badge: 'HB' },
    { node: 'node-kernel-deadlock', icon: 'error', color: 'list.errorForeground', badge: '!' },
    { node: 'node-cordoned', icon: 'circle-slash', color: 'list.deemphasizedForeground', badge: 'C' },
    { node: 'node-late-lease', icon: 'warning', color: 'list.warningForeground', badge: '!' },
  ];
  for (const row of table) {
    it(`${row.node}: ${row.icon} ${row.color} '${row.badge}'`, () => {
      const health = nodeHealth(row.node);
      const p = presentNode(health, byName(nodes, row.node), FIXTURE_NOW, events);
      assert.equal(p.icon, row.icon);
      assert.equal(p.color, row.color);
      assert.equal(p.badge, row.badge);
      assert.equal(nodeBadge(health), row.badge);
      assert.ok(p.badge.length <= 2);
      assert.equal(p.description, health.summary);
    });
  }

  it('tooltip: reasons, conditions with ages, Lease, taints, node facts, recent events', () => {
    const p = presentNode(nodeHealth('node-pleg'), byName(nodes, 'node-pleg'), FIXTURE_NOW, events);
    const lines = p.tooltip.split('\n');
    assert.equal(lines[0], '**node-pleg** — NotReady · PLEG 6m57s · 0/110 pods');
    assert.ok(lines.includes('$(error) PLEG not healthy: last relist 6m57s ago (threshold 3m)  '));
    assert.ok(lines.includes('| Ready | False | KubeletNotReady | 3m57s | 8s |'), p.tooltip);
    assert.ok(lines.includes('| MemoryPressure | False | KubeletHasSufficientMemory | 24h | 8s |'));
    assert.ok(lines.includes('**Lease**: renewed 6s ago (fresh; duration 40s, holder node-pleg)'));
    assert.ok(
      lines.includes(
        '**Taints**: `node.kubernetes.io/not-ready:NoSchedule`, `node.kubernetes.io/not-ready:NoExecute`',
      ),
    );
    assert.ok(
      lines.includes('**Node**: kubelet v1.33.2 · containerd://1.7.22 · Ubuntu 22.04.4 LTS · 10.0.0.12'),
    );
    assert.ok(lines.includes('- 3m57s ago **NodeNotReady**: Node node-pleg status is now: NodeNotReady'));
  });

  it('tooltip: warning events with counts, newest first', () => {
    const p = presentNode(nodeHealth('node-pressure'), byName(nodes, 'node-pressure'), FIXTURE_NOW, events);
    const eventLines = p.tooltip.split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(eventLines, [
      '- $(warning) 7m ago **SystemOOM** ×3: System OOM encountered, victim process: java, pid: 23411',
      '- $(warning) 8m ago **EvictionThresholdMet** ×2: Attempting to reclaim memory',
    ]);
  });

  it('tooltip: pods against allocatable capacity', () => {
    const health = nodeHealth('node-pleg');
    const lines = presentNode(health, byName(nodes, 'node-pleg'), FIXTURE_NOW).tooltip.split('\n');
    assert.ok(lines.includes(`**Pods**: ${health.podCount} / 110 allocatable`), lines.join('\n'));
  });

  it('tooltip: a Lease that cannot be read is not reported as missing', () => {
    const health = classifyNode(byName(nodes, 'node-never-posted'), undefined, [], FIXTURE_NOW);
    const tooltip = presentNode(health, byName(nodes, 'node-never-posted'), FIXTURE_NOW, [], {
      leasesUnreadable: true,
    }).tooltip;
    assert.match(tooltip, /^\*\*Lease\*\*: not readable \(forbidden\)$/m);
    assert.doesNotMatch(tooltip, /none seen/);
  });

  it('tooltip without a Lease says so', () => {
    const health = classifyNode(byName(nodes, 'node-never-posted'), undefined, [], FIXTURE_NOW);
    assert.match(
      presentNode(health, byName(nodes, 'node-never-posted'), FIXTURE_NOW).tooltip,
      /\*\*Lease\*\*: none seen/,
    );
  });
});

describe('pod presentation', () => {
  const table: { pod: string; icon: string; color: string | undefined; badge: string }[] = [
    { pod: 'web-7d9f8b6c5d-x2x9z', icon: 'pass', color: 'testing.iconPassed', badge: '' },
    { pod: 'api-5c6b7d8e9f-crash', icon: 'error', color: 'list.errorForeground', badge: 'CL' },
    { pod: 'img-6f7g8h9i0j-ipbo1', icon: 'error', color: 'list.errorForeground', badge: 'IP' },
    { pod: 'batch-job-oomkd', icon: 'error', color: 'list.errorForeground', badge: 'OM' },
    { pod: 'api-5c6b7d8e9f-oomrn', icon: 'warning', color: 'list.warningForeground', badge: 'OM' },
    { pod: 'web-7d9f8b6c5d-pend1', icon: 'warning', color: 'list.warningForeground', badge: 'P' },
    { pod: 'web-7d9f8b6c5d-evict', icon: 'warning', color: 'list.warningForeground', badge: 'EV' },
    { pod: 'batch-job-done1', icon: 'check', color: 'list.deemphasizedForeground', badge: '' },
    { pod: 'orders-6d5c4b3a2-fnlz1', icon: 'lock', color: 'list.errorForeground', badge: 'F' },
    { pod: 'web-7d9f8b6c5d-hblst', icon: 'trash', color: 'list.errorForeground', badge: 'T' },
    { pod: 'web-7d9f8b6c5d-grace', icon: 'trash', color: 'list.deemphasizedForeground', badge: '' },
    { pod: 'init-8a9b0c1d2e-init1', icon: 'sync~spin', color: undefined, badge: '' },
  ];
  for (const row of table) {
    it(`${row.pod}: ${row.icon} ${row.color} '${row.badge}'`, () => {
      const health = podHealth(row.pod);
      const p = presentPod(health, byName(pods, row.pod), FIXTURE_NOW);
      assert.equal(p.icon, row.icon);
      assert.equal(p.color, row.color);
      assert.equal(p.badge, row.badge);
      assert.equal(podBadge(health), row.badge);
    });
  }

  it('tooltip: kubectl columns, reasons, containers, node, deletion and finalizers', () => {
    const p = presentPod(podHealth('pvc-user-0'), byName(pods, 'pvc-user-0'), FIXTURE_NOW, {
      nodeSummary: 'Ready · 12/110 pods',
    });
    const lines = p.tooltip.split('\n');
    assert.equal(lines[0], '**default/pvc-user-0** — Finalizing · Finalizing 6m40s');
    assert.ok(lines.includes('kubectl: `Completed` · READY 0/1 · RESTARTS 0'));
    assert.ok(
      lines.includes(
        '$(error) Finalizing for 6m40s: waiting for finalizers kubernetes.io/pvc-protection, foregroundDeletion  ',
      ),
      p.tooltip,
    );
    assert.ok(lines.includes('| app | terminated: Completed | no | 0 |  |'));
    assert.ok(lines.includes('**Node**: node-healthy — Ready · 12/110 pods'));
    assert.ok(
      lines.includes(
        '**Deletion**: deletion requested with a 30s grace period; grace period ended 6m40s ago',
      ),
    );
    assert.ok(lines.includes('**Finalizers**: `kubernetes.io/pvc-protection`, `foregroundDeletion`'));
  });

  it('tooltip: restarts with age and last exit of a crashing container', () => {
    const p = presentPod(
      podHealth('api-5c6b7d8e9f-oomlp'),
      byName(pods, 'api-5c6b7d8e9f-oomlp'),
      FIXTURE_NOW,
    );
    assert.match(p.tooltip, /RESTARTS 7 \(100s ago\)/);
    assert.ok(
      p.tooltip.includes('| app | waiting: CrashLoopBackOff | no | 7 | OOMKilled (exit 137) 100s ago |'),
    );
  });

  it("tooltip: the pod's status message, escaped, unless a reason already quotes it", () => {
    // A container error outranks the pod's own Failed reason, so no reason quotes the message.
    const shutDown = {
      metadata: { name: 'shutdown-1', namespace: 'web' },
      spec: { nodeName: 'node-pressure' },
      status: {
        phase: 'Failed',
        reason: 'Terminated',
        message: 'Pod was terminated in response to *imminent* node shutdown.',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 137, reason: 'Error' } },
          },
        ],
      },
    };
    const lines = presentPod(
      classifyPod(shutDown, byName(nodes, 'node-pressure'), FIXTURE_NOW),
      shutDown,
      FIXTURE_NOW,
    ).tooltip.split('\n');
    assert.ok(
      lines.includes('**Message**: Pod was terminated in response to \\*imminent\\* node shutdown.'),
      lines.join('\n'),
    );

    const evicted = {
      metadata: { name: 'evicted-1', namespace: 'web' },
      spec: { nodeName: 'node-pressure' },
      status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
    };
    const tooltip = presentPod(
      classifyPod(evicted, byName(nodes, 'node-pressure'), FIXTURE_NOW),
      evicted,
      FIXTURE_NOW,
    ).tooltip;
    assert.match(tooltip, /Evicted: The node was low on resource: memory\./);
    assert.doesNotMatch(tooltip, /\*\*Message\*\*/);
  });

  it('unscheduled pods say so', () => {
    assert.match(
      presentPod(podHealth('web-7d9f8b6c5d-pend1'), byName(pods, 'web-7d9f8b6c5d-pend1'), FIXTURE_NOW)
        .tooltip,
      /\*\*Node\*\*: not scheduled/,
    );
  });
});

describe('markdown safety', () => {
  it('escapes inline markdown, HTML and theme-icon syntax from cluster strings', () => {
    assert.equal(escapeMarkdown('a*b_c`d[e](f)<img>|$(x)~'), 'a\\*b\\_c\\`d\\[e\\](f)\\<img\\>\\|\\$(x)\\~');
    assert.equal(escapeMarkdown('line1\nline2'), 'line1 line2');
  });
  it('a hostile event message cannot inject a link or an icon', () => {
    const hostile = [
      {
        involvedObject: { kind: 'Node', name: 'n' },
        reason: 'X',
        message: '[click](command:evil) $(zap)',
        lastTimestamp: '2026-11-24T05:59:00Z',
      },
    ];
    const health = classifyNode(
      { metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      undefined,
      [],
      FIXTURE_NOW,
    );
    const p = presentNode(health, { metadata: { name: 'n' } }, FIXTURE_NOW, hostile);
    assert.ok(p.tooltip.includes('\\[click\\](command:evil) \\$(zap)'));
  });
  it('taints and finalizers are code spans with their text verbatim, not backslash-escaped', () => {
    const node = {
      metadata: { name: 'n' },
      spec: {
        taints: [
          { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
          { key: 'example.com/dedicated_pool', value: 'gpu*a', effect: 'NoExecute' },
        ],
      },
      status: { conditions: [{ type: 'Ready', status: 'True' }] },
    };
    const health = classifyNode(node, undefined, [], FIXTURE_NOW);
    const lines = presentNode(health, node, FIXTURE_NOW).tooltip.split('\n');
    assert.ok(
      lines.includes(
        '**Taints**: `node.kubernetes.io/not-ready:NoSchedule`, `example.com/dedicated_pool=gpu*a:NoExecute`',
      ),
      lines.join('\n'),
    );

    const pod = {
      metadata: { name: 'p', namespace: 'ns', finalizers: ['example.com/hold_me'] },
      spec: { nodeName: 'n' },
      status: { phase: 'Running' },
    };
    const podLines = presentPod(classifyPod(pod, node, FIXTURE_NOW), pod, FIXTURE_NOW).tooltip.split('\n');
    assert.ok(podLines.includes('**Finalizers**: `example.com/hold_me`'), podLines.join('\n'));
  });
  it('a backtick or line break in cluster text cannot end a code span', () => {
    assert.equal(code('a`b\nc'), "`a'b c`");
  });
  it('eventsFor filters by kind, name and namespace', () => {
    assert.deepEqual(
      eventsFor(events, 'Node', 'node-pressure').map((e) => e.reason),
      ['SystemOOM', 'EvictionThresholdMet'],
    );
    assert.equal(eventsFor(events, 'Pod', 'node-pressure').length, 0);
  });
});
