// The explorer's caches and model against the real loopback cluster (kube-apiserver + kwok):
// heartbeat loss detected in time, pods appearing and vanishing through watches, and a cut
// connection survived with the cache reconciled to a fresh list.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { HEALTH_TICK_MS } from '../../src/client/explorer/explorerModel';
import {
  type Cluster,
  createPod,
  nodeMonitorGracePeriodMs,
  paths,
  scenario,
  testNamespace,
  testNode,
  waitFor,
} from '../cluster/harness';
import {
  CuttableProxy,
  type LiveExplorer,
  expectCacheMatchesFreshList,
  startExplorer,
  withServer,
} from './explorerSupport';

let c: Cluster;
let live: LiveExplorer;
const graceMs = nodeMonitorGracePeriodMs();

before(async () => {
  c = await scenario('incidents');
  live = startExplorer(c.kc, { graceSeconds: graceMs / 1000 });
  await live.store.whenComplete();
});

after(async () => {
  await live?.stop();
});

/** Drives the model's clock tick the way the extension does, until `check` holds. */
async function tickUntil<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
  return waitFor(
    what,
    async () => {
      live.model.update('tick');
      return check();
    },
    { timeoutMs, intervalMs: HEALTH_TICK_MS },
  );
}

test('the scenario node whose kubelet died is shown as heartbeat lost', async () => {
  // On a freshly created cluster its Lease may still be young: allow the grace period to pass.
  const h = await tickUntil(
    'node-heartbeat-lost reported heartbeat lost',
    () => {
      const health = live.model.nodeHealth('node-heartbeat-lost');
      return health?.reasons.some((r) => r.code === 'heartbeat-lost') ? health : undefined;
    },
    graceMs + 20_000,
  );
  assert.match(h.summary, /heartbeat lost/);
  assert.notEqual(
    h.state,
    'NotReady',
    'a silent kubelet is not "NotReady" (Ready=False): it is Ready or Unknown',
  );
});

test('a kubelet that goes silent is reported "heartbeat lost" within the grace period plus a few seconds', async (t) => {
  const name = await testNode(t, { agent: 'sim', heartbeat: 'none' });
  const lease = await waitFor('the new Lease in the cache', async () => live.store.leases.get(name), {
    timeoutMs: 10_000,
    intervalMs: 100,
  });
  const renewMs = Date.parse(String(lease.spec?.renewTime));
  const healthyAt = await tickUntil('the new node classified', () => live.model.nodeHealth(name), 10_000);
  assert.ok(
    !healthyAt.reasons.some((r) => r.code === 'heartbeat-lost'),
    'not reported before the grace period',
  );

  await tickUntil(
    `${name} reported heartbeat lost`,
    () => live.model.nodeHealth(name)?.reasons.some((r) => r.code === 'heartbeat-lost') || undefined,
    graceMs + 20_000,
  );
  const latencyMs = Date.now() - renewMs;
  t.diagnostic(`heartbeat lost reported ${latencyMs} ms after the last renewal (grace ${graceMs} ms)`);
  assert.ok(latencyMs >= graceMs - 1000, `reported too early: ${latencyMs} ms`);
  assert.ok(latencyMs <= graceMs + 5000, `reported too late: ${latencyMs} ms`);
  const element = live.model.elementForNode(name)!;
  assert.match(live.model.item(element).contextValue, /\bheartbeatLost\b/);
});

test('pods appear and vanish through watches, under the right node', async (t) => {
  const ns = await testNamespace(t);
  const node = await testNode(t, { agent: 'kwok' });
  await createPod({ ns, name: 'watched', node });
  const key = `${ns}/watched`;
  await waitFor('the pod in the cache', async () => live.store.podKeysOn(node).has(key), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });
  await waitFor(
    'the pod in the tree under its node',
    async () => {
      const element = live.model.elementForNode(node);
      return (
        element !== undefined && live.model.children(element).some((e) => e.kind === 'pod' && e.key === key)
      );
    },
    { timeoutMs: 5000, intervalMs: 100 },
  );

  await c.rest.delete(paths.pod(ns, 'watched'), { gracePeriodSeconds: 0 });
  await waitFor('the pod gone from the cache', async () => !live.store.pods.has(key), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });
  assert.equal(live.store.podKeysOn(node).has(key), false);
});

test('a cut connection is reported, survived, and the cache reconciles to a fresh list', async (t) => {
  const ns = await testNamespace(t);
  const node = await testNode(t, { agent: 'kwok' });
  await createPod({ ns, name: 'will-vanish', node });
  const server = new URL(c.kc.getCurrentCluster()!.server);
  const proxy = new CuttableProxy({ host: server.hostname, port: Number(server.port) });
  await proxy.open();
  t.after(() => proxy.close());
  const viaProxy = startExplorer(withServer(c.kc, `https://127.0.0.1:${proxy.port}`));
  t.after(() => viaProxy.stop());
  await viaProxy.store.whenComplete();
  await waitFor('will-vanish cached', async () => viaProxy.store.pods.has(`${ns}/will-vanish`), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });

  const port = proxy.port;
  await proxy.cut();
  // Changes the explorer cannot see while it is cut off.
  await c.rest.delete(paths.pod(ns, 'will-vanish'), { gracePeriodSeconds: 0 });
  await createPod({ ns, name: 'appeared-while-cut', node });
  await waitFor('the outage to be reported', async () => viaProxy.session.state.state === 'unreachable', {
    timeoutMs: 30_000,
    intervalMs: 100,
  });
  assert.match(viaProxy.session.state.notes.join(' '), /Showing cached data/);

  await proxy.open(port);
  await waitFor('reconnected', async () => viaProxy.session.state.state === 'connected', {
    timeoutMs: 30_000,
    intervalMs: 100,
  });
  await expectCacheMatchesFreshList(c.rest, viaProxy.store);
  assert.equal(viaProxy.store.pods.has(`${ns}/will-vanish`), false);
  assert.equal(viaProxy.store.pods.has(`${ns}/appeared-while-cut`), true);
});
