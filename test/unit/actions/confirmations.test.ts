import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  FORCE_DELETE_WARNING,
  cordonConfirmation,
  deleteNodeConfirmation,
  finalizerRemovalConfirmation,
  forceDeleteConfirmation,
} from '../../../src/client/actions/confirmations';
import type { NodeTarget, PodTarget } from '../../../src/client/actions/targets';

const node = (name: string): NodeTarget => ({ kind: 'node', context: 'prod-eu', name });
const pod: PodTarget = { kind: 'pod', context: 'prod-eu', namespace: 'shop', name: 'db-0' };

describe('confirmations name the context and the target', () => {
  test('cordon one node', () => {
    const c = cordonConfirmation([node('n1')], true, ['kubectl --context prod-eu cordon n1']);
    assert.equal(c.message, 'Cordon node/n1 in context "prod-eu"?');
    assert.equal(c.confirm, 'Cordon');
    assert.match(c.detail, /kubectl --context prod-eu cordon n1/);
  });

  test('uncordon several nodes lists them', () => {
    const c = cordonConfirmation([node('n1'), node('n2'), node('n3')], false, [
      'kubectl --context prod-eu uncordon n1 n2 n3',
    ]);
    assert.equal(c.message, 'Uncordon 3 nodes (n1, n2, n3) in context "prod-eu"?');
    assert.equal(c.confirm, 'Uncordon');
  });

  test('bulk lists are shortened after ten names', () => {
    const targets = Array.from({ length: 12 }, (_, i) => node(`n${i}`));
    assert.match(cordonConfirmation(targets, true, []).message, /n9 and 2 more\)/);
  });

  test("force delete carries kubectl's warning verbatim and warns about StatefulSets and finalizers", () => {
    const c = forceDeleteConfirmation({
      target: pod,
      nodeName: 'n7',
      nodeState: 'Unknown',
      controllerKind: 'StatefulSet',
      finalizers: ['example.com/hold'],
      kubectl: 'kubectl --context prod-eu delete pod db-0 -n shop --force --grace-period=0',
    });
    assert.equal(c.message, 'Force delete pod/shop/db-0 in context "prod-eu"?');
    assert.ok(c.detail.startsWith(`Warning: ${FORCE_DELETE_WARNING}`));
    assert.equal(
      FORCE_DELETE_WARNING,
      'Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    );
    assert.match(c.detail, /on node n7 \(Unknown\) they keep running/);
    assert.match(c.detail, /two writers/);
    assert.match(c.detail, /finalizers \(example\.com\/hold\): force delete does not remove them/);
  });

  test('finalizer removal shows owners and what stays', () => {
    const c = finalizerRemovalConfirmation({
      target: pod,
      finalizers: [{ name: 'batch.kubernetes.io/job-tracking', owner: 'the Job controller' }],
      present: ['batch.kubernetes.io/job-tracking', 'example.com/hold'],
      kubectl: 'kubectl …',
    });
    assert.equal(
      c.message,
      'Remove finalizer batch.kubernetes.io/job-tracking from pod/shop/db-0 in context "prod-eu"?',
    );
    assert.match(c.detail, /usually owned by the Job controller/);
    assert.match(c.detail, /Left in place: example\.com\/hold/);
    assert.match(c.detail, /guarded/);
  });

  test('delete node explains pods and re-registration', () => {
    const c = deleteNodeConfirmation({
      target: node('n7'),
      state: 'Unknown',
      podCount: 12,
      daemonSetPodCount: 2,
      kubectl: 'kubectl --context prod-eu delete node n7',
    });
    assert.equal(c.message, 'Delete node/n7 from context "prod-eu"?');
    assert.match(c.detail, /12 pods \(2 DaemonSet\)/);
    assert.match(c.detail, /pod garbage collector/);
    assert.match(c.detail, /re-registers the node/);
    assert.doesNotMatch(c.detail, /consider Drain first/);
    const ready = deleteNodeConfirmation({
      target: node('n1'),
      state: 'Ready',
      podCount: 0,
      cordoned: false,
      kubectl: 'k',
    });
    assert.match(ready.detail, /No pods are bound/);
    assert.match(ready.detail, /consider Drain first/);
  });
});
