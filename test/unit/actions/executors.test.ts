import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { setUnschedulable, setUnschedulableMany } from '../../../src/client/actions/cordon';
import { deleteNodeObject } from '../../../src/client/actions/deleteNode';
import { forceDeletePod } from '../../../src/client/actions/forceDelete';
import { removePodFinalizers } from '../../../src/client/actions/removeFinalizers';
import { ScriptedApi, apiError, ok } from './fakeApi';

const node = (name: string, unschedulable?: boolean) =>
  ok({ metadata: { name }, spec: unschedulable ? { unschedulable: true } : {} });

describe('cordon / uncordon', () => {
  test('already cordoned: a message, no patch', async () => {
    const api = new ScriptedApi({ getNode: [node('n1', true)] });
    assert.deepEqual(await setUnschedulable(api, 'n1', true), {
      node: 'n1',
      status: 'already',
      message: 'node/n1 already cordoned',
    });
    assert.equal(api.count('patchNodeUnschedulable'), 0);
  });

  test('uncordon patches with false and reports kubectl’s words', async () => {
    const api = new ScriptedApi({ getNode: [node('n1', true)], patchNodeUnschedulable: [node('n1')] });
    const o = await setUnschedulable(api, 'n1', false);
    assert.equal(o.message, 'node/n1 uncordoned');
    assert.deepEqual(api.calls.find((c) => c.method === 'patchNodeUnschedulable')?.args.slice(0, 2), [
      'n1',
      false,
    ]);
  });

  test('a 409 conflict is retried', async () => {
    const api = new ScriptedApi({
      getNode: [node('n1')],
      patchNodeUnschedulable: [apiError('conflict', 409, 'changed'), node('n1', true)],
    });
    assert.equal((await setUnschedulable(api, 'n1', true)).status, 'changed');
    assert.equal(api.count('patchNodeUnschedulable'), 2);
  });

  test('403 fails with kubectl’s prefix and keeps the error for the explanation', async () => {
    const api = new ScriptedApi({
      getNode: [node('n1')],
      patchNodeUnschedulable: [
        apiError('forbidden', 403, 'nodes "n1" is forbidden', { verb: 'patch', resource: 'nodes' }),
      ],
    });
    const o = await setUnschedulable(api, 'n1', true);
    assert.equal(o.status, 'failed');
    assert.equal(o.message, 'unable to cordon node "n1": nodes "n1" is forbidden');
  });

  test('bulk keeps the order of the nodes', async () => {
    const api = new ScriptedApi({ getNode: [node('x', true)] });
    const out = await setUnschedulableMany(api, ['a', 'b', 'c'], true, { concurrency: 2 });
    assert.deepEqual(
      out.map((o) => o.node),
      ['a', 'b', 'c'],
    );
  });
});

describe('force delete', () => {
  const ref = { namespace: 'ns', name: 'p', uid: 'u1' };

  test('sends grace 0 with the uid precondition', async () => {
    const api = new ScriptedApi({ deletePod: [ok(undefined)], getPod: [apiError('notFound', 404, 'gone')] });
    const o = await forceDeletePod(api, ref);
    assert.equal(o.status, 'deleted');
    assert.equal(o.message, 'pod "p" force deleted from ns namespace');
    assert.deepEqual(api.calls[0].args[1], { gracePeriodSeconds: 0, uid: 'u1', signal: undefined });
  });

  test('a pod recreated under the same name is not deleted', async () => {
    const api = new ScriptedApi({
      deletePod: [
        apiError('conflict', 409, 'Precondition failed: UID in precondition: u1, UID in object meta: u2'),
      ],
    });
    const o = await forceDeletePod(api, ref);
    assert.equal(o.status, 'failed');
    assert.match(o.message, /recreated meanwhile/);
    assert.equal(api.count('deletePod'), 1, 'a uid conflict is final, not retried');
  });

  test('finalizers that keep the object are reported', async () => {
    const api = new ScriptedApi({
      deletePod: [ok(undefined)],
      getPod: [ok({ metadata: { uid: 'u1', finalizers: ['example.com/hold'] } })],
    });
    const o = await forceDeletePod(api, ref);
    assert.equal(o.status, 'deleted');
    assert.match(o.message, /stays until its finalizers are removed: example\.com\/hold/);
  });
});

describe('finalizer removal', () => {
  const ref = { namespace: 'ns', name: 'p' };

  test('sends a JSON patch that tests the list the user saw', async () => {
    const api = new ScriptedApi({
      patchPodFinalizers: [
        ok({ metadata: { finalizers: ['b/y'], deletionTimestamp: '2026-01-01T00:00:00Z' } }),
      ],
    });
    const o = await removePodFinalizers(api, ref, ['a/x', 'b/y'], ['a/x']);
    assert.equal(o.status, 'removed');
    assert.deepEqual(api.calls[0].args[1], [
      { op: 'test', path: '/metadata/finalizers', value: ['a/x', 'b/y'] },
      { op: 'replace', path: '/metadata/finalizers', value: ['b/y'] },
    ]);
    assert.match(o.message, /still present: b\/y/);
  });

  test('a failed test (422) is reported with the current list, nothing removed, no blind retry', async () => {
    const api = new ScriptedApi({
      patchPodFinalizers: [
        apiError('invalid', 422, 'the server rejected our request due to an error in our request'),
      ],
      getPod: [ok({ metadata: { finalizers: ['a/x', 'b/y', 'c/z'] } })],
    });
    const o = await removePodFinalizers(api, ref, ['a/x', 'b/y']);
    assert.equal(o.status, 'changed');
    assert.match(o.message, /changed since they were shown \(now: a\/x, b\/y, c\/z\); nothing was removed/);
    assert.equal(api.count('patchPodFinalizers'), 1);
  });

  test('asking to remove a finalizer that is not there fails before any request', async () => {
    const api = new ScriptedApi({});
    const o = await removePodFinalizers(api, ref, ['a/x'], ['nope']);
    assert.equal(o.status, 'failed');
    assert.equal(api.calls.length, 0);
  });
});

describe('delete node', () => {
  test('a re-registered node (new uid) is not deleted', async () => {
    const api = new ScriptedApi({ deleteNode: [apiError('conflict', 409, 'Precondition failed')] });
    const o = await deleteNodeObject(api, 'n1', { uid: 'old' });
    assert.equal(o.status, 'failed');
    assert.match(o.message, /re-registered meanwhile/);
  });

  test('404 is "already gone", not an error', async () => {
    const api = new ScriptedApi({ deleteNode: [apiError('notFound', 404, 'nodes "n1" not found')] });
    assert.equal((await deleteNodeObject(api, 'n1')).status, 'gone');
  });
});
