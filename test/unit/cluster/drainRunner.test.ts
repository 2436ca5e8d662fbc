import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { describeDrainResult, runDrain, type DrainProgress } from '../../../src/shared/cluster/drainRunner';
import type { DrainOptions } from '../../../src/shared/cluster/drainPlanner';
import { byName, FIXTURE_NOW, loadList } from './fixtures';
import { FakeCluster, VirtualClock } from './fakeCluster';

const ALL = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true };
const node = (() => {
  const n = structuredClone(byName(loadList('nodes.json'), 'node-healthy'));
  n.metadata.name = 'node-drain';
  return n;
})();
const drainPods = loadList('drain-pods.json');
const drainPdbs = loadList('drain-pdbs.json');

function setup(opts: { pods?: string[]; pdbs?: string[]; cordoned?: boolean } = {}) {
  const clock = new VirtualClock(FIXTURE_NOW);
  const n = structuredClone(node);
  if (opts.cordoned) {
    n.spec.unschedulable = true;
  }
  const pods = opts.pods ? drainPods.filter((p) => opts.pods!.includes(p.metadata.name)) : drainPods;
  const pdbs = opts.pdbs ? drainPdbs.filter((b) => opts.pdbs!.includes(b.metadata.name)) : drainPdbs;
  const cluster = new FakeCluster(clock, {
    nodes: [n],
    pods,
    pdbs,
    daemonSets: ['kube-system/fluentd', 'kube-system/kube-proxy'],
  });
  return { clock, cluster };
}

async function drain(
  env: ReturnType<typeof setup>,
  options: DrainOptions,
  extra: { signal?: AbortSignal; progress?: DrainProgress[] } = {},
) {
  const { clock, cluster } = env;
  return clock.run(
    runDrain('node-drain', options, {
      api: cluster,
      now: clock.now,
      sleep: clock.sleep,
      ...(extra.signal ? { signal: extra.signal } : {}),
      onProgress: (p) => extra.progress?.push(p),
    }),
  );
}

const outcomeOf = (result: Awaited<ReturnType<typeof drain>>, key: string) =>
  result.outcomes.find((o) => o.key === key)!;
const callTimes = (env: ReturnType<typeof setup>, method: string, target: string) =>
  env.cluster.calls
    .filter((c) => c.method === method && c.target === target)
    .map((c) => (c.at - FIXTURE_NOW) / 1000);

describe('runDrain: the drain scenario', () => {
  it('evicts concurrently, retries PDB 429s every 5 s, fails the two-PDB pod, skips DaemonSet and mirror pods', async () => {
    const env = setup();
    env.cluster.unblockAfter.set('web-pdb', 1);
    env.cluster.unblockAfter.set('db-pdb', 2);
    const result = await drain(env, ALL);

    assert.equal(result.status, 'failed');
    assert.equal(result.cordon, 'cordoned');
    assert.equal(env.cluster.nodes.get('node-drain')!.spec.unschedulable, true);
    assert.deepEqual(
      result.outcomes.map((o) => [o.key, o.outcome, o.attempts]),
      [
        ['shop/web-5f7b9c8d6-aaaaa', 'evicted', 1],
        ['shop/web-5f7b9c8d6-bbbbb', 'evicted', 2],
        ['shop/db-0', 'evicted', 3],
        ['shop/cache-6c8d9e7f5-ccccc', 'failed', 1],
        ['shop/scratch-7a8b9c0d1-ddddd', 'evicted', 1],
        ['shop/debug-shell', 'evicted', 1],
        ['shop/one-off-report', 'evicted', 1],
        ['shop/old-7d9f8b6c5d-zzzzz', 'evicted', 1],
        ['kube-system/fluentd-x7k2p', 'skipped', 0],
        ['kube-system/kube-proxy-9zq4w', 'skipped', 0],
        ['kube-system/kube-apiserver-node-drain', 'skipped', 0],
      ],
    );
    assert.deepEqual(callTimes(env, 'evictPod', 'shop/db-0'), [0, 5, 10]);
    const multi =
      'error when evicting pods/"cache-6c8d9e7f5-ccccc" -n "shop": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';
    assert.equal(result.error, multi);
    assert.deepEqual(result.remaining, ['shop/cache-6c8d9e7f5-ccccc']);
    assert.ok(env.cluster.pods.has('shop/cache-6c8d9e7f5-ccccc'));
    assert.equal(
      env.cluster.calls.filter((c) => c.method === 'evictPod' && c.target === 'shop/cache-6c8d9e7f5-ccccc')
        .length,
      1,
    );

    const lines = result.lines;
    assert.equal(lines[0], 'node/node-drain cordoned');
    assert.equal(
      lines[1],
      'Warning: ignoring DaemonSet-managed Pods: kube-system/fluentd-x7k2p, kube-system/kube-proxy-9zq4w; deleting Pods that declare no controller: shop/debug-shell',
    );
    assert.ok(lines.includes('evicting pod shop/db-0'));
    assert.ok(
      lines.includes(
        'error when evicting pods/"db-0" -n "shop" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.',
      ),
    );
    assert.ok(lines.includes('pod/db-0 evicted'));
    assert.deepEqual(lines.slice(-5), [
      `There are pending pods in node "node-drain" when an error occurred: ${multi}`,
      'pod/cache-6c8d9e7f5-ccccc',
      `error: unable to drain node "node-drain" due to error: ${multi}, continuing command...`,
      'There are pending nodes to be drained:',
      ' node-drain',
    ]);
    assert.equal(describeDrainResult(result), 'drain of node-drain failed: 7 removed, 3 skipped, 1 failed');
  });

  it('reports progress: accepted n/m and the current PDB blockers', async () => {
    const env = setup({ pods: ['db-0', 'web-5f7b9c8d6-aaaaa'], pdbs: ['db-pdb', 'web-pdb'] });
    env.cluster.unblockAfter.set('db-pdb', 2);
    const progress: DrainProgress[] = [];
    const result = await drain(env, ALL, { progress });
    assert.equal(result.status, 'drained');
    const blocked = progress.find((p) => p.blockers.length > 0)!;
    assert.deepEqual(blocked.blockers, [
      {
        key: 'shop/db-0',
        message:
          "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget db-pdb needs 3 healthy pods and has 3 currently",
      },
    ]);
    const last = progress.at(-1)!;
    assert.deepEqual(
      [last.phase, last.total, last.accepted, last.finished, last.failed, last.blockers.length],
      ['done', 2, 2, 2, 0, 0],
    );
  });

  it("without overrides: refuses with kubectl's error, evicts nothing, leaves the node cordoned", async () => {
    const env = setup();
    const result = await drain(env, {});
    assert.equal(result.status, 'refused');
    assert.match(
      result.error ?? '',
      /^\[cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\)/,
    );
    assert.equal(env.cluster.calls.filter((c) => c.method === 'evictPod').length, 0);
    assert.equal(env.cluster.nodes.get('node-drain')!.spec.unschedulable, true);
    assert.deepEqual(
      result.outcomes.filter((o) => o.outcome === 'blocked').map((o) => o.key),
      [
        'kube-system/fluentd-x7k2p',
        'kube-system/kube-proxy-9zq4w',
        'shop/scratch-7a8b9c0d1-ddddd',
        'shop/debug-shell',
      ],
    );
  });
});

describe('runDrain: cordon', () => {
  it('an already cordoned node is a message, not a patch', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [], cordoned: true });
    const result = await drain(env, ALL);
    assert.equal(result.cordon, 'alreadyCordoned');
    assert.equal(result.lines[0], 'node/node-drain already cordoned');
    assert.equal(env.cluster.calls.filter((c) => c.method === 'patchNodeUnschedulable').length, 0);
    assert.equal(result.status, 'drained');
    assert.equal(result.lines.at(-1), 'node/node-drain drained');
  });

  it('a failed cordon stops the drain before any eviction', async () => {
    const env = setup();
    env.cluster.inject('patchNodeUnschedulable', 'node-drain', {
      kind: 'forbidden',
      status: 403,
      message:
        'nodes "node-drain" is forbidden: User "dev" cannot patch resource "nodes" in API group "" at the cluster scope',
      verb: 'patch',
      resource: 'nodes',
    });
    const result = await drain(env, ALL);
    assert.equal(result.status, 'cordonFailed');
    assert.match(
      result.lines[0],
      /^error: unable to cordon node "node-drain": nodes "node-drain" is forbidden/,
    );
    assert.equal(
      env.cluster.calls.filter((c) => c.method === 'listPodsOnNode' || c.method === 'evictPod').length,
      0,
    );
  });
});

describe('runDrain: eviction responses', () => {
  it('404 → already gone, no wait', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    env.cluster.inject('evictPod', 'shop/web-5f7b9c8d6-aaaaa', {
      kind: 'notFound',
      status: 404,
      message: 'pods "web-5f7b9c8d6-aaaaa" not found',
    });
    const result = await drain(env, ALL);
    assert.equal(outcomeOf(result, 'shop/web-5f7b9c8d6-aaaaa').outcome, 'alreadyGone');
    assert.equal(result.status, 'drained');
  });

  it('a Retry-After longer than the delay is honoured', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    env.cluster.inject('evictPod', 'shop/web-5f7b9c8d6-aaaaa', {
      kind: 'tooManyRequests',
      status: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      causes: [
        {
          reason: 'DisruptionBudget',
          message: 'The disruption budget web-pdb is still being processed by the server.',
        },
      ],
      retryAfterSeconds: 10,
    });
    const result = await drain(env, ALL);
    assert.deepEqual(callTimes(env, 'evictPod', 'shop/web-5f7b9c8d6-aaaaa'), [0, 10]);
    assert.ok(result.lines.some((l) => l.includes('(will retry after 10s)')));
  });

  it('the retry delay is configurable', async () => {
    const env = setup({ pods: ['db-0'], pdbs: ['db-pdb'] });
    env.cluster.unblockAfter.set('db-pdb', 2);
    await drain(env, { ...ALL, evictionRetryDelaySeconds: 2 });
    assert.deepEqual(callTimes(env, 'evictPod', 'shop/db-0'), [0, 2, 4]);
  });

  it('403 NamespaceTerminating: retried while the pod is not deleting', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    const terminating = {
      kind: 'forbidden' as const,
      status: 403,
      message:
        'pods "web-5f7b9c8d6-aaaaa" is forbidden: unable to create new content in namespace shop because it is being terminated',
      causes: [{ reason: 'NamespaceTerminating' }],
    };
    env.cluster.inject('evictPod', 'shop/web-5f7b9c8d6-aaaaa', terminating);
    const result = await drain(env, ALL);
    assert.deepEqual(callTimes(env, 'evictPod', 'shop/web-5f7b9c8d6-aaaaa'), [0, 5]);
    assert.ok(
      result.lines.includes(
        `error when evicting pod "web-5f7b9c8d6-aaaaa" from terminating namespace "shop" (will retry after 5s): ${terminating.message}`,
      ),
    );
    assert.equal(result.status, 'drained');
  });

  it('403 NamespaceTerminating on a deleting pod: no retry, just wait', async () => {
    const env = setup({ pods: ['old-7d9f8b6c5d-zzzzz'], pdbs: [] });
    env.cluster.inject('evictPod', 'shop/old-7d9f8b6c5d-zzzzz', {
      kind: 'forbidden',
      status: 403,
      message: 'terminating',
      causes: [{ reason: 'NamespaceTerminating' }],
    });
    env.cluster.kubelet.set('shop/old-7d9f8b6c5d-zzzzz', { kind: 'confirm', polls: 2 });
    env.cluster.pods.get('shop/old-7d9f8b6c5d-zzzzz')!.metadata.deletionTimestamp = new Date(
      FIXTURE_NOW - 900_000,
    ).toISOString();
    const result = await drain(env, ALL);
    assert.equal(callTimes(env, 'evictPod', 'shop/old-7d9f8b6c5d-zzzzz').length, 1);
    assert.equal(outcomeOf(result, 'shop/old-7d9f8b6c5d-zzzzz').outcome, 'evicted');
  });

  it('any other error fails that pod without retry', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa', 'web-5f7b9c8d6-bbbbb'], pdbs: [] });
    env.cluster.inject('evictPod', 'shop/web-5f7b9c8d6-aaaaa', {
      kind: 'forbidden',
      status: 403,
      message: 'pods "web-5f7b9c8d6-aaaaa" is forbidden: User "dev" cannot create resource "pods/eviction"',
    });
    const result = await drain(env, ALL);
    assert.equal(outcomeOf(result, 'shop/web-5f7b9c8d6-aaaaa').outcome, 'failed');
    assert.equal(outcomeOf(result, 'shop/web-5f7b9c8d6-bbbbb').outcome, 'evicted');
    assert.equal(result.status, 'failed');
  });

  it('the grace period goes into the eviction only when ≥ 0', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    await drain(env, { ...ALL, gracePeriodSeconds: 10 });
    assert.deepEqual(env.cluster.calls.find((c) => c.method === 'evictPod')!.args, 10);
    const env2 = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    await drain(env2, ALL);
    assert.equal(env2.cluster.calls.find((c) => c.method === 'evictPod')!.args, undefined);
  });

  it('a PDB list failure is a warning, not a stop: the eviction API still enforces budgets', async () => {
    const env = setup({ pods: ['db-0'], pdbs: ['db-pdb'] });
    env.cluster.inject('listPdbs', '*', {
      kind: 'forbidden',
      status: 403,
      message: 'poddisruptionbudgets.policy is forbidden',
    });
    env.cluster.unblockAfter.set('db-pdb', 1);
    const result = await drain(env, ALL);
    assert.ok(
      result.lines.includes(
        'Warning: could not list PodDisruptionBudgets (poddisruptionbudgets.policy is forbidden); PDB risks are not shown',
      ),
    );
    assert.equal(result.plan?.atRisk.length, 0);
    assert.deepEqual(callTimes(env, 'evictPod', 'shop/db-0'), [0, 5]);
    assert.equal(result.status, 'drained');
  });

  it('an orphaned DaemonSet pod is evicted with --force', async () => {
    const env = setup({ pods: ['fluentd-x7k2p'], pdbs: [] });
    env.cluster.daemonSets.delete('kube-system/fluentd');
    const result = await drain(env, ALL);
    assert.equal(outcomeOf(result, 'kube-system/fluentd-x7k2p').outcome, 'evicted');
  });
});

describe('runDrain: waiting for deletion', () => {
  it('polls every second until the kubelet confirms', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    env.cluster.kubelet.set('shop/web-5f7b9c8d6-aaaaa', { kind: 'confirm', polls: 3 });
    const result = await drain(env, ALL);
    assert.deepEqual(callTimes(env, 'getPod', 'shop/web-5f7b9c8d6-aaaaa'), [0, 1, 2]);
    assert.equal(outcomeOf(result, 'shop/web-5f7b9c8d6-aaaaa').outcome, 'evicted');
  });

  it('a new UID under the same name counts as gone (StatefulSet)', async () => {
    const env = setup({ pods: ['db-0'], pdbs: [] });
    env.cluster.kubelet.set('shop/db-0', { kind: 'recreate', polls: 2 });
    const result = await drain(env, ALL);
    assert.equal(outcomeOf(result, 'shop/db-0').outcome, 'evicted');
    assert.ok(env.cluster.pods.get('shop/db-0')!.metadata.uid.startsWith('recreated-'));
    assert.equal(callTimes(env, 'evictPod', 'shop/db-0').length, 1, 'the replacement is not evicted');
  });

  it('a NotReady node never confirms: the global timeout ends the wait', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    env.cluster.kubelet.set('shop/web-5f7b9c8d6-aaaaa', { kind: 'never' });
    const result = await drain(env, { ...ALL, timeoutSeconds: 20 });
    assert.equal(result.status, 'timedOut');
    assert.equal(
      result.error,
      'error when waiting for pod "web-5f7b9c8d6-aaaaa" in namespace "shop" to terminate: context deadline exceeded',
    );
    assert.deepEqual(result.remaining, ['shop/web-5f7b9c8d6-aaaaa']);
    assert.equal(env.clock.nowMs - FIXTURE_NOW, 20_000);
  });

  it('skip-wait-for-delete-timeout stops waiting once the deletion is old enough', async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    env.cluster.kubelet.set('shop/web-5f7b9c8d6-aaaaa', { kind: 'never' });
    const result = await drain(env, { ...ALL, skipWaitForDeleteTimeoutSeconds: 5 });
    // deletionTimestamp = eviction time + 30 s grace; skipped once more than 5 whole seconds older.
    assert.equal(env.clock.nowMs - FIXTURE_NOW, 36_000);
    assert.ok(
      result.lines.includes('pod "web-5f7b9c8d6-aaaaa" has DeletionTimestamp older than 5 seconds, skipping'),
    );
    assert.equal(outcomeOf(result, 'shop/web-5f7b9c8d6-aaaaa').outcome, 'skippedWait');
    assert.equal(result.status, 'drained');
  });

  it("a GET error while waiting fails the pod with kubectl's message", async () => {
    const env = setup({ pods: ['web-5f7b9c8d6-aaaaa'], pdbs: [] });
    env.cluster.kubelet.set('shop/web-5f7b9c8d6-aaaaa', { kind: 'never' });
    env.cluster.inject('getPod', 'shop/web-5f7b9c8d6-aaaaa', {
      kind: 'network',
      message: 'connect ECONNREFUSED 127.0.0.1:6443',
    });
    const result = await drain(env, ALL);
    assert.equal(
      result.error,
      'error when waiting for pod "web-5f7b9c8d6-aaaaa" in namespace "shop" to terminate: connect ECONNREFUSED 127.0.0.1:6443',
    );
    assert.ok(result.lines.includes('pod/web-5f7b9c8d6-aaaaa eviction failed'));
    assert.deepEqual(result.remaining, ['shop/web-5f7b9c8d6-aaaaa']);
  });
});

describe('runDrain: timeout and cancellation', () => {
  it('the global timeout also ends a 429 loop', async () => {
    const env = setup({ pods: ['db-0'], pdbs: ['db-pdb'] });
    const result = await drain(env, { ...ALL, timeoutSeconds: 12 });
    assert.deepEqual(callTimes(env, 'evictPod', 'shop/db-0'), [0, 5, 10]);
    assert.equal(result.status, 'timedOut');
    assert.equal(result.error, 'error when evicting pods/"db-0" -n "shop": global timeout reached: 12s');
    assert.equal(outcomeOf(result, 'shop/db-0').outcome, 'timedOut');
  });

  it('cancel: stops retrying, leaves the node cordoned, reports the remaining pods', async () => {
    const env = setup({ pods: ['db-0', 'web-5f7b9c8d6-aaaaa'], pdbs: ['db-pdb'] });
    const controller = new AbortController();
    env.clock.at(FIXTURE_NOW + 7000, () => controller.abort());
    const result = await drain(env, ALL, { signal: controller.signal });
    assert.equal(result.status, 'cancelled');
    assert.equal(env.clock.nowMs - FIXTURE_NOW, 7000);
    assert.deepEqual(result.remaining, ['shop/db-0']);
    assert.equal(outcomeOf(result, 'shop/db-0').outcome, 'cancelled');
    assert.equal(outcomeOf(result, 'shop/web-5f7b9c8d6-aaaaa').outcome, 'evicted');
    assert.equal(env.cluster.nodes.get('node-drain')!.spec.unschedulable, true);
    assert.ok(result.lines.includes('drain of node "node-drain" cancelled; the node stays cordoned'));
    assert.match(
      describeDrainResult(result),
      /^drain of node-drain cancelled \(node stays cordoned\): 1 removed, 1 not done$/,
    );
  });
});

describe('runDrain: --disable-eviction', () => {
  it('deletes sequentially with the grace period, ignores PDBs, then waits for all', async () => {
    const env = setup({ pods: ['db-0', 'cache-6c8d9e7f5-ccccc'] });
    const result = await drain(env, { ...ALL, disableEviction: true, gracePeriodSeconds: 0 });
    assert.equal(result.status, 'drained');
    assert.deepEqual(
      env.cluster.calls.filter((c) => c.method === 'deletePod').map((c) => [c.target, c.args]),
      [
        ['shop/db-0', { gracePeriodSeconds: 0 }],
        ['shop/cache-6c8d9e7f5-ccccc', { gracePeriodSeconds: 0 }],
      ],
    );
    assert.equal(
      env.cluster.calls.filter((c) => c.method === 'evictPod' || c.method === 'listPdbs').length,
      0,
    );
    assert.ok(result.lines.includes('pod/db-0 deleted'));
    assert.deepEqual(
      result.outcomes.map((o) => o.outcome),
      ['deleted', 'deleted'],
    );
  });

  it('a delete error stops the remaining deletions, like kubectl', async () => {
    const env = setup({ pods: ['db-0', 'cache-6c8d9e7f5-ccccc', 'web-5f7b9c8d6-aaaaa'] });
    env.cluster.inject('deletePod', 'shop/db-0', {
      kind: 'forbidden',
      status: 403,
      message: 'pods "db-0" is forbidden',
    });
    const result = await drain(env, { ...ALL, disableEviction: true });
    assert.deepEqual(
      result.outcomes.map((o) => [o.key, o.outcome]),
      [
        ['shop/web-5f7b9c8d6-aaaaa', 'deleted'],
        ['shop/db-0', 'failed'],
        ['shop/cache-6c8d9e7f5-ccccc', 'notAttempted'],
      ],
    );
    assert.equal(result.error, 'pods "db-0" is forbidden');
  });
});
