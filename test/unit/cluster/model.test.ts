import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  controllerOf,
  podKey,
  podKeyOf,
  podRef,
  projectEvent,
  projectLease,
  projectNode,
  projectPdb,
  projectPod,
  toMillis,
} from '../../../src/shared/cluster/model';
import { byName, loadList } from './fixtures';

describe('projections keep only what the core reads', () => {
  it('projectPod drops managed noise and keeps the mirror annotation, owners, finalizers, emptyDir', () => {
    const mirror = projectPod(byName(loadList('drain-pods.json'), 'kube-apiserver-node-drain'));
    assert.deepEqual(mirror.metadata?.annotations, {
      'kubernetes.io/config.mirror': '9a1c5e0f1b2d3c4e5f6a7b8c9d0e1f2a',
      'kubernetes.io/config.source': 'file',
    });
    assert.equal(controllerOf(mirror.metadata)?.kind, 'Node');
    const scratch = projectPod(byName(loadList('drain-pods.json'), 'scratch-7a8b9c0d1-ddddd'));
    assert.deepEqual(scratch.spec?.volumes, [{ name: 'scratch', emptyDir: {} }]);
    const raw = byName(loadList('pods-health.json'), 'pvc-user-0');
    const pod = projectPod(raw);
    assert.deepEqual(pod.metadata?.finalizers, ['kubernetes.io/pvc-protection', 'foregroundDeletion']);
    assert.equal((pod.spec as Record<string, unknown>).tolerations, undefined);
    assert.equal((pod.status as Record<string, unknown>).podIP, undefined);
    assert.ok(JSON.stringify(pod).length < JSON.stringify(raw).length / 2, 'projection is much smaller');
  });

  it('projectNode keeps conditions, taints, pod capacity and nodeInfo; drops images', () => {
    const node = projectNode(byName(loadList('nodes.json'), 'node-heartbeat-lost'));
    assert.equal(node.status?.conditions?.length, 4);
    assert.equal(node.spec?.taints?.[1].effect, 'NoExecute');
    assert.deepEqual(node.status?.allocatable, {
      cpu: '7800m',
      'ephemeral-storage': '91268055040',
      memory: '31861172Ki',
      pods: '110',
    });
    assert.equal(node.status?.nodeInfo?.osImage, 'Ubuntu 22.04.4 LTS');
    assert.equal((node.status as Record<string, unknown>).images, undefined);
  });

  it('projectLease, projectEvent, projectPdb', () => {
    const lease = projectLease(byName(loadList('leases.json'), 'node-pleg'));
    assert.deepEqual(Object.keys(lease.spec ?? {}).sort(), [
      'holderIdentity',
      'leaseDurationSeconds',
      'renewTime',
    ]);
    const event = projectEvent(loadList('events.json')[2]);
    assert.equal(event.reason, 'SystemOOM');
    assert.equal(event.count, 3);
    assert.equal(event.involvedObject?.kind, 'Node');
    const pdb = projectPdb(byName(loadList('drain-pdbs.json'), 'backend-pdb'));
    assert.equal(pdb.spec?.minAvailable, '80%');
    assert.deepEqual(pdb.spec?.selector, {
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }],
    });
    assert.equal(pdb.status?.disruptionsAllowed, 1);
  });

  it('garbage in, empty objects out', () => {
    assert.deepEqual(projectPod(null), { metadata: {}, spec: {}, status: {} });
    assert.deepEqual(projectNode('nope'), { metadata: {}, spec: {}, status: {} });
    assert.deepEqual(projectPod({ metadata: { name: 5, finalizers: ['a', 3] } }).metadata, {
      finalizers: ['a'],
    });
  });
});

describe('readers', () => {
  it('toMillis reads strings and Dates', () => {
    assert.equal(toMillis('2026-11-24T06:00:00Z'), Date.parse('2026-11-24T06:00:00Z'));
    assert.equal(toMillis(new Date(5)), 5);
    assert.equal(toMillis('garbage'), undefined);
    assert.equal(toMillis(undefined), undefined);
  });
  it('podRef, podKey', () => {
    const pod = { metadata: { name: 'a', namespace: 'ns', uid: 'u1' } };
    assert.deepEqual(podRef(pod), { namespace: 'ns', name: 'a', uid: 'u1' });
    assert.equal(podKey(podRef(pod)), 'ns/a');
    assert.equal(podKeyOf({ metadata: { name: 'b' } }), 'default/b');
  });
  it('controllerOf only returns controller: true owners', () => {
    assert.equal(
      controllerOf({ ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '1' }] }),
      undefined,
    );
  });
});
