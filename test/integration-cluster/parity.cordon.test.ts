// Parity with kubectl for cordon, uncordon and force delete, on identical fresh fixtures: kubectl
// acts on one, our code (src/client/actions + KubeClusterApi, no vscode) on the other, and the
// resulting objects, the request bodies and the messages are compared.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  cluster,
  createPod,
  paths,
  testNamespace,
  testNode,
  waitFor,
  waitForNode,
  waitForPod,
  waitForPodGone,
  type Json,
} from '../cluster/harness';
import { setUnschedulable } from '../../src/client/actions/cordon';
import { forceDeletePod } from '../../src/client/actions/forceDelete';
import { FORCE_DELETE_WARNING } from '../../src/client/actions/confirmations';
import { kubectl, ourApi } from './parityFixtures';

const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

function schedulingView(n: Json): Json {
  return {
    unschedulable: n.spec.unschedulable ?? null,
    taints: ((n.spec.taints as Json[] | undefined) ?? []).map((t) => `${t.key}:${t.effect}`).sort(),
  };
}

describe('cordon / uncordon parity with kubectl', () => {
  test('same resulting node spec, same patch body, same "already" messages', async (t) => {
    const [theirs, ours] = await Promise.all([
      testNode(t, { agent: 'kwok' }),
      testNode(t, { agent: 'kwok' }),
    ]);
    const { api, sent } = await ourApi();
    const c = await cluster();

    // cordon
    const k1 = await kubectl(['cordon', theirs]);
    assert.equal(k1.status, 0, k1.stderr);
    assert.equal(k1.stdout.trim(), `node/${theirs} cordoned`);
    const o1 = await setUnschedulable(api, ours, true);
    assert.equal(o1.status, 'changed');
    assert.equal(o1.message, `node/${ours} cordoned`);
    assert.deepEqual(sent, [
      {
        method: 'PATCH',
        path: `/api/v1/nodes/${ours}`,
        contentType: 'application/strategic-merge-patch+json',
        body: { spec: { unschedulable: true } },
      },
    ]);
    const hasTaint = (n: Json) =>
      ((n.spec.taints as Json[] | undefined) ?? []).some((x) => x.key === UNSCHEDULABLE_TAINT);
    const [nt, no] = await Promise.all([
      waitForNode(theirs, hasTaint, 'unschedulable taint'),
      waitForNode(ours, hasTaint, 'unschedulable taint'),
    ]);
    assert.deepEqual(schedulingView(no), schedulingView(nt));
    assert.deepEqual(schedulingView(no), {
      unschedulable: true,
      taints: [`${UNSCHEDULABLE_TAINT}:NoSchedule`],
    });

    // cordon again: a message, nothing sent
    const k2 = await kubectl(['cordon', theirs]);
    assert.equal(k2.status, 0);
    assert.equal(k2.stdout.trim(), `node/${theirs} already cordoned`);
    sent.length = 0;
    const o2 = await setUnschedulable(api, ours, true);
    assert.equal(o2.status, 'already');
    assert.equal(o2.message, `node/${ours} already cordoned`);
    assert.equal(sent.length, 0, 'nothing sent');

    // uncordon
    const k3 = await kubectl(['uncordon', theirs]);
    assert.equal(k3.stdout.trim(), `node/${theirs} uncordoned`);
    const o3 = await setUnschedulable(api, ours, false);
    assert.equal(o3.message, `node/${ours} uncordoned`);
    assert.deepEqual(
      sent.map((r) => r.body),
      [{ spec: { unschedulable: null } }],
    );
    const noTaint = (n: Json) => !hasTaint(n);
    const [ut, uo] = await Promise.all([
      waitForNode(theirs, noTaint, 'taint removed'),
      waitForNode(ours, noTaint, 'taint removed'),
    ]);
    assert.deepEqual(schedulingView(uo), schedulingView(ut));
    assert.equal(uo.spec.unschedulable, undefined, 'the field is removed, not set to false');
    const raw = await c.rest.get(paths.node(ours));
    assert.equal('unschedulable' in raw.spec, false);

    const k4 = await kubectl(['uncordon', theirs]);
    assert.equal(k4.stdout.trim(), `node/${theirs} already uncordoned`);
    const o4 = await setUnschedulable(api, ours, false);
    assert.equal(o4.message, `node/${ours} already uncordoned`);
    api.dispose();
  });

  test('a missing node fails like kubectl (NotFound), nothing is patched', async () => {
    const { api, sent } = await ourApi();
    const k = await kubectl(['cordon', 'no-such-node-parity']);
    assert.notEqual(k.status, 0);
    assert.match(k.stderr, /nodes "no-such-node-parity" not found/);
    const o = await setUnschedulable(api, 'no-such-node-parity', true);
    assert.equal(o.status, 'failed');
    assert.match(o.message, /nodes "no-such-node-parity" not found/);
    assert.equal(sent.length, 0, 'nothing sent');
    api.dispose();
  });
});

describe('force delete parity with kubectl', () => {
  test('a pod stuck Terminating on a node without kubelet: both gone, same warning, same grace 0', async (t) => {
    const ns = await testNamespace(t);
    // A sim node: nobody plays its kubelet, so a graceful delete never completes.
    const node = await testNode(t, { agent: 'sim', heartbeat: 'none' });
    const c = await cluster();
    await Promise.all(
      ['theirs', 'ours'].map((name) => createPod({ ns, name, node, tolerateEverything: true })),
    );
    for (const name of ['theirs', 'ours']) {
      await c.rest.delete(paths.pod(ns, name), { gracePeriodSeconds: 30 });
    }
    const [, oursPod] = await Promise.all(
      ['theirs', 'ours'].map((name) =>
        waitForPod(ns, name, (p) => !!p.metadata.deletionTimestamp, 'Terminating'),
      ),
    );

    const k = await kubectl(['delete', 'pod', 'theirs', '-n', ns, '--force', '--grace-period=0']);
    assert.equal(k.status, 0, k.stderr);
    assert.equal(k.stdout.trim(), `pod "theirs" force deleted from ${ns} namespace`);
    assert.equal(k.stderr.trim(), `Warning: ${FORCE_DELETE_WARNING}`);

    const { api, sent } = await ourApi();
    const o = await forceDeletePod(api, { namespace: ns, name: 'ours', uid: oursPod.metadata.uid });
    assert.equal(o.status, 'deleted');
    assert.equal(o.message, `pod "ours" force deleted from ${ns} namespace`);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].method, 'DELETE');
    assert.deepEqual(sent[0].body, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      gracePeriodSeconds: 0,
      preconditions: { uid: oursPod.metadata.uid },
    });
    await Promise.all([waitForPodGone(ns, 'theirs', 10_000), waitForPodGone(ns, 'ours', 10_000)]);
    api.dispose();
  });

  test('a pod held by a finalizer stays after a force delete, with kubectl and with us', async (t) => {
    const ns = await testNamespace(t);
    const node = await testNode(t, { agent: 'sim', heartbeat: 'none' });
    const c = await cluster();
    const pods = await Promise.all(
      ['theirs', 'ours'].map((name) =>
        createPod({ ns, name, node, tolerateEverything: true, finalizers: ['example.com/hold'] }),
      ),
    );
    const k = await kubectl([
      'delete',
      'pod',
      'theirs',
      '-n',
      ns,
      '--force',
      '--grace-period=0',
      '--wait=false',
    ]);
    assert.equal(k.status, 0, k.stderr);
    const { api } = await ourApi();
    const o = await forceDeletePod(api, { namespace: ns, name: 'ours', uid: pods[1].metadata.uid });
    assert.equal(o.status, 'deleted');
    assert.match(o.message, /stays until its finalizers are removed: example\.com\/hold/);
    const [theirs, ours] = await Promise.all(
      ['theirs', 'ours'].map((name) => c.rest.get(paths.pod(ns, name))),
    );
    for (const p of [theirs, ours]) {
      assert.ok(p.metadata.deletionTimestamp, 'Terminating');
      assert.equal(p.metadata.deletionGracePeriodSeconds, 0);
      assert.deepEqual(p.metadata.finalizers, ['example.com/hold']);
    }
    api.dispose();
  });

  test('a recreated pod (same name, new uid) is not force deleted by us', async (t) => {
    const ns = await testNamespace(t);
    const node = await testNode(t, { agent: 'sim', heartbeat: 'none' });
    const c = await cluster();
    const first = await createPod({ ns, name: 'web-0', node, tolerateEverything: true });
    await c.rest.delete(paths.pod(ns, 'web-0'), { gracePeriodSeconds: 0 });
    await waitForPodGone(ns, 'web-0');
    const second = await createPod({ ns, name: 'web-0', node, tolerateEverything: true });
    assert.notEqual(second.metadata.uid, first.metadata.uid);
    const { api } = await ourApi();
    const o = await forceDeletePod(api, { namespace: ns, name: 'web-0', uid: first.metadata.uid });
    assert.equal(o.status, 'failed');
    assert.match(o.message, /recreated meanwhile/);
    const still = await waitFor<Json>('web-0 still present', async () =>
      c.rest.getOpt(paths.pod(ns, 'web-0')),
    );
    assert.equal(still.metadata.uid, second.metadata.uid);
    assert.equal(still.metadata.deletionTimestamp, undefined);
    api.dispose();
  });
});
