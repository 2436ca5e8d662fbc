import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { planDrain } from '../../../src/shared/cluster/drainPlanner';
import type { DrainResult } from '../../../src/shared/cluster/drainRunner';
import type { PdbInfo, PodInfo } from '../../../src/shared/cluster/model';
import {
  drainConfirmation,
  drainFlags,
  renderDrainPreview,
  summarizePlan,
} from '../../../src/client/actions/drainPreview';
import {
  DEFAULT_DRAIN_SETTINGS,
  applyPicked,
  initialDrainOptions,
  optionItems,
  skipWaitExplanation,
} from '../../../src/client/actions/drainOptions';
import { drainNotification, drainSummaryLines, progressText } from '../../../src/client/actions/drainSummary';

const NOW = Date.parse('2026-11-24T06:00:00Z');
const rsOwner = (name: string) => [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `uid-${name}`, controller: true },
];
const running = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };

function pod(
  name: string,
  o: {
    labels?: Record<string, string>;
    owner?: 'rs' | 'ds' | 'none';
    emptyDir?: boolean;
    mirror?: boolean;
  } = {},
): PodInfo {
  return {
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      labels: o.labels ?? { app: name },
      ...(o.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'x' } } : {}),
      ...(o.owner === 'none' || o.mirror
        ? {}
        : {
            ownerReferences:
              o.owner === 'ds'
                ? [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: 'ds', controller: true }]
                : rsOwner(`${name}-rs`),
          }),
    },
    spec: { nodeName: 'n1', ...(o.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}) },
    status: running,
  };
}

const pdb = (name: string, app: string, allowed: number): PdbInfo => ({
  metadata: { name, namespace: 'shop', generation: 1 },
  spec: { selector: { matchLabels: { app } } },
  status: { disruptionsAllowed: allowed, observedGeneration: 1, currentHealthy: 2, desiredHealthy: 2 },
});

const pods = [
  pod('web', { labels: { app: 'web' } }),
  pod('api', { labels: { app: 'api', tier: 'backend' } }),
  pod('cache', { emptyDir: true }),
  pod('agent', { owner: 'ds' }),
  pod('static', { mirror: true }),
  pod('lonely', { owner: 'none' }),
];
const pdbs = [
  pdb('web-pdb', 'web', 0),
  pdb('api-pdb', 'api', 1),
  { ...pdb('backend-pdb', 'api', 1), spec: { selector: { matchLabels: { tier: 'backend' } } } },
];
const ctx = {
  context: 'prod-eu',
  node: 'n1',
  nodeState: 'Unknown',
  kubectl: 'kubectl --context prod-eu drain n1',
};

describe('drain preview', () => {
  test('a refused plan says kubectl would refuse, lists blockers and the flags that would help', () => {
    const plan = planDrain(pods, pdbs, {}, NOW);
    const md = renderDrainPreview(plan, ctx);
    assert.match(md, /^# Drain plan: node\/n1/);
    assert.match(md, /\*\*Context:\*\* `prod-eu`/);
    assert.match(md, /kubectl would refuse this drain/);
    assert.match(md, /## Blocked \(3\)/);
    assert.match(md, /`--ignore-daemonsets` \(off\)/);
    assert.match(md, /`--force` \(off\)/);
    assert.match(md, /The node is Unknown\.\*\* Its kubelet cannot confirm deletions/);
  });

  test('a runnable plan lists evicted, at risk and skipped pods and the modal names them', () => {
    const plan = planDrain(
      pods,
      pdbs,
      { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true, skipWaitForDeleteTimeoutSeconds: 60 },
      NOW,
    );
    const md = renderDrainPreview(plan, ctx);
    assert.match(md, /\*\*4 to evict \(2 at risk\), 2 skipped, 0 blocked\.\*\*/);
    assert.match(md, /## At risk \(2\)/);
    assert.match(md, /\| `shop\/api` \| ReplicaSet\/api-rs \| evict: covered by 2 PodDisruptionBudgets/);
    assert.match(
      md,
      /\| `shop\/web` \| ReplicaSet\/web-rs \| evict: PodDisruptionBudget web-pdb allows no disruption/,
    );
    assert.doesNotMatch(md, /Its kubelet cannot confirm deletions/, 'skip-wait is set');
    const c = drainConfirmation(plan, ctx);
    assert.equal(c.message, 'Drain node/n1 in context "prod-eu"?');
    assert.match(c.detail, /1 will fail \(covered by two or more PDBs\): shop\/api\./);
    assert.match(
      c.detail,
      /1 blocked by a PodDisruptionBudget, retried every 5s with no timeout: shop\/web\./,
    );
    assert.match(c.detail, /stays cordoned if you cancel/);
    assert.equal(c.confirm, 'Drain');
    assert.equal(summarizePlan(plan), '4 to evict (2 at risk), 2 skipped, 0 blocked');
  });

  test('flags in kubectl order', () => {
    const plan = planDrain(
      [],
      [],
      {
        force: true,
        ignoreDaemonSets: true,
        timeoutSeconds: 90,
        gracePeriodSeconds: 0,
        podSelector: 'app=web',
        disableEviction: true,
      },
      NOW,
    );
    assert.deepEqual(drainFlags(plan.options), [
      '--ignore-daemonsets',
      '--force',
      '--grace-period=0',
      '--timeout=90s',
      '--pod-selector=app=web',
      '--disable-eviction',
    ]);
  });
});

describe('drain options', () => {
  test('overrides start off; skip-wait is pre-filled only for a node whose kubelet is silent', () => {
    assert.deepEqual(initialDrainOptions(DEFAULT_DRAIN_SETTINGS, 'Ready'), {
      evictionRetryDelaySeconds: 5,
      timeoutSeconds: 0,
    });
    assert.equal(initialDrainOptions(DEFAULT_DRAIN_SETTINGS, 'Unknown').skipWaitForDeleteTimeoutSeconds, 60);
    assert.equal(
      initialDrainOptions({ ...DEFAULT_DRAIN_SETTINGS, skipWaitForDeleteTimeoutSeconds: 0 }, 'Unknown')
        .skipWaitForDeleteTimeoutSeconds,
      undefined,
    );
    assert.match(skipWaitExplanation('Unknown', 60) ?? '', /would wait forever/);
    assert.equal(skipWaitExplanation('Ready', 60), undefined);
  });

  test('picker entries say how many pods each option changes here', () => {
    const options = initialDrainOptions(DEFAULT_DRAIN_SETTINGS, 'Unknown');
    const plan = planDrain(pods, pdbs, options, NOW);
    const items = optionItems(options, plan.optionEffects, 'Unknown', DEFAULT_DRAIN_SETTINGS);
    const byId = new Map(items.map((i) => [i.id, i]));
    assert.equal(
      byId.get('ignoreDaemonSets')?.description,
      '1 pod: without it, DaemonSet pods block the drain',
    );
    assert.equal(byId.get('force')?.picked, false);
    assert.equal(byId.get('skipWait')?.picked, true);
    assert.equal(byId.get('skipWait')?.label, '--skip-wait-for-delete-timeout=60');
    assert.match(byId.get('skipWait')?.description ?? '', /suggested: node is Unknown/);
  });

  test('applying the picked entries', () => {
    const o = applyPicked(
      { evictionRetryDelaySeconds: 5, timeoutSeconds: 120, skipWaitForDeleteTimeoutSeconds: 60 },
      new Set(['force', 'ignoreDaemonSets']),
      DEFAULT_DRAIN_SETTINGS,
    );
    assert.deepEqual(o, {
      evictionRetryDelaySeconds: 5,
      timeoutSeconds: 0,
      skipWaitForDeleteTimeoutSeconds: 0,
      ignoreDaemonSets: true,
      deleteEmptyDirData: false,
      force: true,
      disableEviction: false,
      gracePeriodSeconds: -1,
      podSelector: '',
    });
  });
});

describe('drain summary', () => {
  const ref = (name: string) => ({ namespace: 'shop', name });
  const base: Omit<DrainResult, 'status' | 'outcomes' | 'remaining'> = {
    node: 'n1',
    cordon: 'cordoned',
    lines: [],
  };

  test('only a complete drain is reported as success', () => {
    const drained: DrainResult = {
      ...base,
      status: 'drained',
      remaining: [],
      outcomes: [{ key: 'shop/a', ref: ref('a'), outcome: 'evicted', attempts: 1, message: 'pod/a evicted' }],
    };
    assert.deepEqual(drainNotification(drained, 'prod'), {
      severity: 'info',
      text: 'node n1 drained: 1 removed [prod]',
    });
    const failed: DrainResult = {
      ...base,
      status: 'failed',
      remaining: ['shop/api'],
      outcomes: [
        { key: 'shop/a', ref: ref('a'), outcome: 'evicted', attempts: 3, message: 'pod/a evicted' },
        {
          key: 'shop/api',
          ref: ref('api'),
          outcome: 'failed',
          attempts: 1,
          message: 'error when evicting pods/"api" -n "shop": This pod has more than one PodDisruptionBudget',
        },
      ],
    };
    const note = drainNotification(failed, 'prod');
    assert.equal(note.severity, 'error');
    assert.match(note.text, /failed: 1 removed, 1 failed \[prod\]\. Remaining: shop\/api\./);
    const lines = drainSummaryLines(failed, 'prod');
    assert.match(lines[0], /^Drain of node\/n1 \(context prod\): drain of n1 failed/);
    assert.match(lines[1], /shop\/a +evicted after 3 attempts — pod\/a evicted/);
    assert.match(lines[2], /shop\/api +FAILED — /);
    assert.ok(lines.includes('  Still on the node: shop/api'));
    assert.ok(lines.includes('  node/n1 stays cordoned (uncordon it when done).'));
  });

  test('a lost API server is named, with the pods that remain', () => {
    const lost: DrainResult = {
      ...base,
      status: 'failed',
      remaining: ['shop/web'],
      outcomes: [
        {
          key: 'shop/web',
          ref: ref('web'),
          outcome: 'failed',
          attempts: 2,
          message: 'x',
          error: { kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:6443' },
        },
      ],
    };
    const note = drainNotification(lost, 'prod');
    assert.equal(note.severity, 'error');
    assert.match(note.text, /The API server became unreachable; 1 pod\(s\) remain: shop\/web/);
    assert.ok(
      drainSummaryLines(lost, 'prod').some((l) =>
        /became unreachable during the drain \(connect ECONNREFUSED/.test(l),
      ),
    );
  });

  test('cancelled is a warning that keeps the node cordoned', () => {
    const cancelled: DrainResult = {
      ...base,
      status: 'cancelled',
      remaining: ['shop/web'],
      outcomes: [
        { key: 'shop/web', ref: ref('web'), outcome: 'cancelled', attempts: 2, message: 'cancelled' },
      ],
    };
    const note = drainNotification(cancelled, 'prod');
    assert.equal(note.severity, 'warning');
    assert.match(note.text, /cancelled \(node stays cordoned\)/);
  });

  test('progress line', () => {
    assert.equal(
      progressText({
        phase: 'evict',
        total: 9,
        accepted: 4,
        finished: 3,
        failed: 1,
        blockers: [
          { key: 'shop/web', message: 'needs 2 healthy' },
          { key: 'shop/web2', message: 'x' },
        ],
      }),
      'evicted 3/9 · 1 failed · waiting on PDB: shop/web (needs 2 healthy) +1 more',
    );
  });
});
