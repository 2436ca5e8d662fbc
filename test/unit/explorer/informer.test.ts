import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiFailure } from '../../../src/client/explorer/apiFailure';
import { Backoff } from '../../../src/client/explorer/backoff';
import {
  ClusterSession,
  RESOURCE_SPECS,
  type SessionState,
} from '../../../src/client/explorer/clusterSession';
import { ClusterStore } from '../../../src/client/explorer/clusterStore';
import { FakeTransport, node, pod, until } from './fakeTransport';

const NODES = RESOURCE_SPECS.nodes.path;
const PODS = RESOURCE_SPECS.pods.path;
const LEASES = RESOURCE_SPECS.leases.path;
const EVENTS = RESOURCE_SPECS.nodeEvents.path;

function startSession(transport: FakeTransport, states: SessionState[] = []): ClusterSession {
  const session = new ClusterSession({
    transport,
    contextName: 'test',
    store: new ClusterStore(5),
    pageLimit: 2,
    backoff: () => new Backoff(1, 5),
    minWatchMs: 0,
    onState: (s) => states.push(s),
  });
  session.start();
  return session;
}

test('lists every page, then watches from the list resourceVersion', async () => {
  const t = new FakeTransport();
  for (const n of ['a', 'b', 'c', 'd', 'e']) {
    t.put(NODES, node(n));
  }
  const listVersionBefore = t.watchStarts.length;
  const session = startSession(t);
  await session.store.whenComplete();
  assert.deepEqual([...session.store.nodes.keys()].sort(), ['a', 'b', 'c', 'd', 'e']);
  await until(() => t.watchStarts.some((w) => w.path === NODES), 2000, 'node watch');
  assert.equal(listVersionBefore, 0);
  // 5 nodes at 2 per page = 3 node pages; pods, leases and events one page each.
  assert.equal(t.listCalls, 3 + 1 + 1 + 1);
  await session.stop();
});

test('watch events add, change and remove pods and keep the per-node index right', async () => {
  const t = new FakeTransport();
  t.put(NODES, node('n1'));
  t.put(NODES, node('n2'));
  const session = startSession(t);
  await session.store.whenComplete();
  await until(() => t.openWatches === 4, 2000, 'four watches');

  t.put(PODS, pod('ns', 'web', undefined));
  await until(() => session.store.unscheduledPods().length === 1, 2000, 'unscheduled pod');
  t.put(PODS, pod('ns', 'web', 'n1'));
  await until(() => session.store.podKeysOn('n1').has('ns/web'), 2000, 'pod bound to n1');
  assert.equal(session.store.unscheduledPods().length, 0);
  t.delete(PODS, 'ns/web');
  await until(() => !session.store.pods.has('ns/web'), 2000, 'pod deleted');
  assert.equal(session.store.podKeysOn('n1').size, 0);
  await session.stop();
});

test('410 Gone on the watch relists and reconciles what the watch missed', async () => {
  const t = new FakeTransport();
  t.put(PODS, pod('ns', 'stays', 'n1'));
  t.put(PODS, pod('ns', 'vanishes', 'n1'));
  const session = startSession(t);
  await session.store.whenComplete();
  await until(() => t.openWatches === 4, 2000, 'watches');

  // While "disconnected": one pod disappears and one appears without watch events, the log is compacted.
  t.deleteSilently(PODS, 'ns/vanishes');
  t.putSilently(PODS, pod('ns', 'appeared', 'n2'));
  t.compact(PODS);
  const listsBefore = t.listCalls;
  t.closeWatches(PODS, new ApiFailure('connection reset', { code: 'ECONNRESET' }));

  await until(() => session.store.pods.has('ns/appeared'), 2000, 'relist');
  assert.deepEqual([...session.store.pods.keys()].sort(), ['ns/appeared', 'ns/stays']);
  assert.ok(t.listCalls > listsBefore, 'a relist happened');
  assert.equal(session.informerStatus('pods')?.relists, 1);
  await session.stop();
});

test('a dropped watch resumes from the last resourceVersion seen, without relisting', async () => {
  const t = new FakeTransport();
  t.put(NODES, node('n1'));
  const session = startSession(t);
  await session.store.whenComplete();
  await until(() => t.openWatches === 4, 2000, 'watches');
  t.put(NODES, node('n2'));
  await until(() => session.store.nodes.has('n2'), 2000, 'n2 via watch');
  const lastVersion = session.store.nodes.get('n2')?.metadata?.resourceVersion ?? '';
  const listsBefore = t.listCalls;

  t.closeWatches(NODES, new ApiFailure('socket hang up', { code: 'ECONNRESET' }));
  await until(() => t.watchStarts.filter((w) => w.path === NODES).length === 2, 2000, 'rewatch');
  assert.equal(t.watchStarts.filter((w) => w.path === NODES)[1].resourceVersion, lastVersion);
  assert.equal(t.listCalls, listsBefore);
  await session.stop();
});

test('a bookmark advances the resourceVersion the next watch starts from', async () => {
  const t = new FakeTransport();
  const session = startSession(t);
  await session.store.whenComplete();
  await until(() => t.openWatches === 4, 2000, 'watches');
  t.sendBookmark(LEASES);
  t.closeWatches(LEASES); // clean end, as at the server's timeoutSeconds
  await until(() => t.watchStarts.filter((w) => w.path === LEASES).length === 2, 2000, 'rewatch');
  const [first, second] = t.watchStarts.filter((w) => w.path === LEASES);
  assert.ok(Number(second.resourceVersion) > Number(first.resourceVersion));
  await session.stop();
});

test('403 on nodes blocks the view with the verb and resource; 403 on events is only a note', async () => {
  const t = new FakeTransport();
  const forbidden = (verb: string, resource: string) =>
    new ApiFailure('forbidden', { status: 403, verb, resource });
  t.listFailures.set(
    NODES,
    Array.from({ length: 1000 }, () => forbidden('list', 'nodes')),
  );
  t.listFailures.set(
    EVENTS,
    Array.from({ length: 1000 }, () => forbidden('list', 'events')),
  );
  const states: SessionState[] = [];
  const session = startSession(t, states);
  await until(() => session.state.state === 'forbidden', 2000, 'forbidden state');
  assert.match(session.state.problem?.message ?? '', /may not list nodes/);
  await until(() => session.state.notes.some((n) => /events/.test(n)), 2000, 'events note');
  assert.ok(session.store.unavailable.has('nodeEvents'));
  await session.stop();
});

test('an unreachable server is reported, retried with backoff, and recovers', async () => {
  const t = new FakeTransport();
  t.put(NODES, node('n1'));
  const refused = () =>
    new ApiFailure('connect ECONNREFUSED', { code: 'ECONNREFUSED', verb: 'list', resource: 'nodes' });
  t.listFailures.set(NODES, [refused(), refused(), refused()]);
  const states: SessionState[] = [];
  const session = startSession(t, states);
  await session.store.whenComplete();
  assert.ok(
    states.some((s) => s.state === 'unreachable'),
    'unreachable was reported',
  );
  await until(() => session.state.state === 'connected', 2000, 'connected');
  assert.ok(session.store.nodes.has('n1'));
  await session.stop();
});

test('a watch storm is coalesced into a few change notifications', async () => {
  const t = new FakeTransport();
  t.put(NODES, node('n1'));
  const store = new ClusterStore(50);
  const session = new ClusterSession({
    transport: t,
    contextName: 'x',
    store,
    backoff: () => new Backoff(1, 5),
    minWatchMs: 0,
  });
  session.start();
  await store.whenComplete();
  await until(() => t.openWatches === 4, 2000, 'watches');
  store.flush();
  let notifications = 0;
  let podsSeen = 0;
  store.onDidChange((c) => {
    notifications++;
    podsSeen += c.pods.size;
  });
  for (let i = 0; i < 2000; i++) {
    t.put(PODS, pod('storm', `p${i}`, 'n1'));
  }
  await until(() => store.podKeysOn('n1').size === 2000, 3000, 'all pods');
  store.flush();
  assert.ok(notifications <= 5, `expected a handful of notifications, got ${notifications}`);
  assert.equal(podsSeen, 2000);
  await session.stop();
});

test('stop() right after the initial sync leaves no watch open', async () => {
  const t = new FakeTransport();
  t.put(NODES, node('n1'));
  const session = startSession(t);
  await session.store.whenComplete();
  await session.stop(); // some informers may not have opened their watch yet
  assert.equal(t.openWatches, 0);
  for (const kind of ['nodes', 'pods', 'leases', 'nodeEvents'] as const) {
    assert.equal(session.informerStatus(kind)?.phase, 'stopped', kind);
  }
});
