// Survives a real kube-apiserver restart: the watches break, the informers back off and reconnect
// (resuming or relisting after 410), and the cache ends equal to a fresh list.
//
// Restarting the API server disturbs every other test using the shared cluster, so this file lives
// in serial/: scripts/cluster/test.sh runs it alone, after the parallel tests have finished.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  type Cluster,
  createPod,
  paths,
  scenario,
  testNamespace,
  testNode,
  waitFor,
} from '../../cluster/harness';
import {
  type LiveExplorer,
  ensureControllersRunning,
  expectCacheMatchesFreshList,
  restartApiserver,
  startExplorer,
} from '../explorerSupport';

let c: Cluster;
let live: LiveExplorer;

before(async () => {
  c = await scenario('incidents');
  live = startExplorer(c.kc);
  await live.store.whenComplete();
});

after(async () => {
  await live?.stop();
  // Leave the shared cluster whole even if a controller lost its lease late.
  await ensureControllersRunning();
});

test('an apiserver restart is survived and the cache reconciles with a fresh list', async (t) => {
  const ns = await testNamespace(t);
  const node = await testNode(t, { agent: 'kwok' });
  await createPod({ ns, name: 'before-restart', node });
  await waitFor('before-restart cached', async () => live.store.pods.has(`${ns}/before-restart`), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });
  const relistsBefore = (['nodes', 'pods', 'leases', 'nodeEvents'] as const).map(
    (k) => live.session.informerStatus(k)?.relists ?? 0,
  );

  const { downMs } = await restartApiserver(c.rest);
  t.diagnostic(`kube-apiserver was unavailable for ${downMs} ms`);

  // Changes right after the restart must arrive through the re-established watches.
  await c.rest.delete(paths.pod(ns, 'before-restart'), { gracePeriodSeconds: 0 });
  await createPod({ ns, name: 'after-restart', node });
  await waitFor('connected again', async () => live.session.state.state === 'connected', {
    timeoutMs: 60_000,
    intervalMs: 200,
  });
  await expectCacheMatchesFreshList(c.rest, live.store, 60_000);
  assert.equal(live.store.pods.has(`${ns}/before-restart`), false);
  assert.equal(live.store.pods.has(`${ns}/after-restart`), true);
  const relistsAfter = (['nodes', 'pods', 'leases', 'nodeEvents'] as const).map(
    (k) => live.session.informerStatus(k)?.relists ?? 0,
  );
  t.diagnostic(`relists per informer before ${relistsBefore.join(',')} after ${relistsAfter.join(',')}`);
});
