import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { accessFor, describeAccess } from '../../../src/client/actions/actionIds';
import { forbiddenReason, nodeActions, podActions } from '../../../src/client/actions/availability';
import type { NodeInfo, PodInfo } from '../../../src/shared/cluster/model';

const node = (unschedulable?: boolean): NodeInfo => ({
  metadata: { name: 'n1' },
  spec: unschedulable ? { unschedulable } : {},
});

describe('node actions', () => {
  test('read-only hides every mutating action', () => {
    const list = nodeActions({ node: node() }, { readOnly: true });
    assert.equal(list.length, 4);
    assert.ok(list.every((a) => !a.visible && !a.enabled));
  });

  test('cordon is disabled with a reason on a cordoned node, uncordon on a schedulable one', () => {
    const cordoned = nodeActions({ node: node(true), state: 'Ready' }, { readOnly: false });
    assert.deepEqual(
      cordoned.map((a) => [a.action, a.enabled, a.reason ?? '']),
      [
        ['cordon', false, 'node/n1 is already cordoned.'],
        ['uncordon', true, ''],
        ['drain', true, ''],
        ['deleteNode', true, ''],
      ],
    );
    const schedulable = nodeActions({ node: node(false), state: 'NotReady' }, { readOnly: false });
    assert.equal(schedulable.find((a) => a.action === 'uncordon')?.enabled, false);
    assert.equal(schedulable.find((a) => a.action === 'cordon')?.recommended, true);
    assert.equal(schedulable.find((a) => a.action === 'drain')?.recommended, true);
  });

  test('a forbidden access review disables the action and names the verb and resource', () => {
    const list = nodeActions(
      { node: node() },
      {
        readOnly: false,
        access: {
          drain: [
            { request: { verb: 'patch', resource: 'nodes' }, decision: { allowed: true } },
            {
              request: { verb: 'create', resource: 'pods', subresource: 'eviction' },
              decision: { allowed: false, reason: 'no RBAC policy matched' },
            },
          ],
        },
      },
    );
    const drain = list.find((a) => a.action === 'drain');
    assert.equal(drain?.enabled, false);
    assert.equal(
      drain?.reason,
      'Forbidden: your user may not create pods/eviction. (no RBAC policy matched)',
    );
  });

  test('an unknown review outcome does not disable (the API decides)', () => {
    assert.equal(forbiddenReason([{ request: { verb: 'patch', resource: 'nodes' } }]), undefined);
  });
});

describe('pod actions', () => {
  const stuck: PodInfo = {
    metadata: {
      name: 'p',
      namespace: 'ns',
      deletionTimestamp: '2026-01-01T00:00:00Z',
      finalizers: ['example.com/hold'],
    },
  };

  test('force delete comes first for a Terminating pod on an Unknown node', () => {
    const list = podActions({ pod: stuck, nodeState: 'Unknown' }, { readOnly: false });
    assert.equal(list[0].action, 'forceDeletePod');
    assert.equal(list[0].recommended, true);
  });

  test('finalizer removal comes first for a Finalizing pod on a Ready node', () => {
    const list = podActions({ pod: stuck, nodeState: 'Ready' }, { readOnly: false });
    assert.equal(list[0].action, 'removeFinalizers');
    assert.equal(list[0].recommended, true);
  });

  test('no finalizers: removal disabled with a reason', () => {
    const list = podActions({ pod: { metadata: { name: 'p' } }, nodeState: 'Ready' }, { readOnly: false });
    const fin = list.find((a) => a.action === 'removeFinalizers');
    assert.equal(fin?.enabled, false);
    assert.equal(fin?.reason, 'The pod has no finalizers.');
  });
});

describe('access requests', () => {
  test('drain needs eviction; with disable-eviction it needs delete pods', () => {
    assert.deepEqual(accessFor('drain').map(describeAccess), [
      'patch nodes',
      'list pods',
      'create pods/eviction',
    ]);
    assert.deepEqual(accessFor('drain', { disableEviction: true }).map(describeAccess), [
      'patch nodes',
      'list pods',
      'delete pods',
    ]);
  });

  test('pod actions are asked about the pod namespace', () => {
    assert.deepEqual(accessFor('forceDeletePod', { namespace: 'shop' }).map(describeAccess), [
      'delete pods in namespace shop',
    ]);
    assert.deepEqual(accessFor('uncordon').map(describeAccess), ['patch nodes']);
  });
});
