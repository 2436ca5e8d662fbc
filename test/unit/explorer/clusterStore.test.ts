import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClusterStore, type StoreChange } from '../../../src/client/explorer/clusterStore';
import type { Timers } from '../../../src/client/explorer/coalescer';
import { projectEvent, projectLease, projectNode, projectPod } from '../../../src/shared/cluster/model';
import { node, pod } from './fakeTransport';

/** Timers that fire only when the test says so. */
function manualTimers(): Timers & { fire(): void } {
  let pending: (() => void) | undefined;
  return {
    setTimeout: (fn) => ((pending = fn), 1),
    clearTimeout: () => (pending = undefined),
    fire: () => {
      const fn = pending;
      pending = undefined;
      fn?.();
    },
  };
}

test('changes are delivered in one batch naming the touched nodes and pods', () => {
  const timers = manualTimers();
  const store = new ClusterStore(100, timers);
  const changes: StoreChange[] = [];
  store.onDidChange((c) => changes.push(c));
  store.upsertNode(projectNode(node('n1')));
  store.upsertPod(projectPod(pod('a', 'p1', 'n1')));
  store.upsertPod(projectPod(pod('a', 'p2')));
  assert.equal(changes.length, 0, 'nothing before the window closes');
  timers.fire();
  assert.equal(changes.length, 1);
  assert.deepEqual([...changes[0].nodes], ['n1']);
  assert.deepEqual([...changes[0].pods].sort(), ['a/p1', 'a/p2']);
  assert.equal(changes[0].unscheduled, true);
  assert.equal(changes[0].all, false);
});

test('a pod moving between nodes dirties both nodes and updates the index', () => {
  const timers = manualTimers();
  const store = new ClusterStore(100, timers);
  store.upsertPod(projectPod(pod('a', 'p', 'n1')));
  timers.fire();
  const changes: StoreChange[] = [];
  store.onDidChange((c) => changes.push(c));
  store.upsertPod(projectPod(pod('a', 'p', 'n2')));
  timers.fire();
  assert.deepEqual([...changes[0].nodes].sort(), ['n1', 'n2']);
  assert.equal(store.podKeysOn('n1').size, 0);
  assert.deepEqual([...store.podKeysOn('n2')], ['a/p']);
});

test('replace drops everything not in the new list', () => {
  const store = new ClusterStore(100, manualTimers());
  store.upsertPod(projectPod(pod('a', 'old', 'n1')));
  store.replacePods([projectPod(pod('a', 'new', 'n1'))]);
  assert.deepEqual([...store.pods.keys()], ['a/new']);
  assert.deepEqual([...store.podKeysOn('n1')], ['a/new']);
});

test('pods on a node without a Node object are reported as orphans', () => {
  const store = new ClusterStore(100, manualTimers());
  store.upsertNode(projectNode(node('n1')));
  store.upsertPod(projectPod(pod('a', 'p1', 'n1')));
  store.upsertPod(projectPod(pod('a', 'p2', 'gone-node')));
  assert.deepEqual(store.orphanNodeNames(), ['gone-node']);
});

test('leases and events are keyed by node; events are capped per node', () => {
  const store = new ClusterStore(100, manualTimers());
  store.upsertLease(
    projectLease({
      metadata: { name: 'n1', namespace: 'kube-node-lease' },
      spec: { renewTime: '2026-01-01T00:00:00Z' },
    }),
  );
  for (let i = 0; i < 30; i++) {
    store.upsertEvent(
      projectEvent({
        metadata: { name: `e${i}`, namespace: 'default' },
        involvedObject: { kind: 'Node', name: 'n1' },
        reason: 'NodeNotReady',
      }),
    );
  }
  assert.ok(store.leases.has('n1'));
  const events = store.eventsFor('n1');
  assert.equal(events.length, 20);
  assert.equal(events.at(-1)?.metadata?.name, 'e29', 'the newest are kept');
  store.removeEvent('default/e29');
  assert.equal(store.eventsFor('n1').length, 19);
});

test('the model is complete when every resource was listed or is forbidden', async () => {
  const store = new ClusterStore(100, manualTimers());
  store.replaceNodes([]);
  store.replacePods([]);
  store.replaceLeases([]);
  assert.equal(store.complete, false);
  store.markUnavailable('nodeEvents');
  assert.equal(store.complete, true);
  await store.whenComplete();
});
