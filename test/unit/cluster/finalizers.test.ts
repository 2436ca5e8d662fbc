import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  CLEAR_FINALIZERS_MERGE_PATCH,
  describeFinalizer,
  finalizerRemovalPatch,
  singleFinalizerRemovalPatch,
} from '../../../src/shared/cluster/finalizers';

describe('describeFinalizer', () => {
  const table: [string, string, boolean][] = [
    ['kubernetes.io/pvc-protection', 'the PVC protection controller (kube-controller-manager)', true],
    ['kubernetes.io/pv-protection', 'the PV protection controller (kube-controller-manager)', true],
    ['foregroundDeletion', 'the garbage collector (kube-controller-manager)', true],
    ['orphan', 'the garbage collector (kube-controller-manager)', true],
    ['batch.kubernetes.io/job-tracking', 'the Job controller (kube-controller-manager)', true],
    ['external-attacher/ebs-csi-aws-com', 'the CSI external-attacher of the volume driver', false],
    ['example.com/backup-hold', 'a controller of example.com', false],
    ['velero.io/restore', 'a controller of velero.io', false],
    ['my-finalizer', 'an unknown controller (the name has no domain)', false],
  ];
  for (const [name, owner, builtIn] of table) {
    it(`${name} → ${owner}`, () => {
      const info = describeFinalizer(name);
      assert.equal(info.owner, owner);
      assert.equal(info.builtIn, builtIn);
      assert.equal(info.name, name);
      assert.ok(info.explanation.length > 20);
    });
  }
});

describe('finalizer patches', () => {
  const meta = {
    finalizers: ['kubernetes.io/pvc-protection', 'example.com/backup-hold'],
    resourceVersion: '48123',
  };

  it('removing all: test the list, then remove the field', () => {
    assert.deepEqual(finalizerRemovalPatch(meta), [
      {
        op: 'test',
        path: '/metadata/finalizers',
        value: ['kubernetes.io/pvc-protection', 'example.com/backup-hold'],
      },
      { op: 'remove', path: '/metadata/finalizers' },
    ]);
  });

  it('removing some: test the list, replace with the rest', () => {
    assert.deepEqual(finalizerRemovalPatch(meta, ['example.com/backup-hold']), [
      {
        op: 'test',
        path: '/metadata/finalizers',
        value: ['kubernetes.io/pvc-protection', 'example.com/backup-hold'],
      },
      { op: 'replace', path: '/metadata/finalizers', value: ['kubernetes.io/pvc-protection'] },
    ]);
  });

  it('optionally guards on the resourceVersion too', () => {
    const ops = finalizerRemovalPatch(meta, undefined, { guardResourceVersion: true });
    assert.deepEqual(ops[0], { op: 'test', path: '/metadata/resourceVersion', value: '48123' });
    assert.throws(
      () => finalizerRemovalPatch({ finalizers: ['a/b'] }, undefined, { guardResourceVersion: true }),
      /no resourceVersion/,
    );
  });

  it('refuses to remove a finalizer that is not there', () => {
    assert.throws(() => finalizerRemovalPatch(meta, ['nope/x']), /not present: nope\/x/);
  });

  it('one at a time: test by index, then remove that index', () => {
    assert.deepEqual(singleFinalizerRemovalPatch(meta, 'example.com/backup-hold'), [
      { op: 'test', path: '/metadata/finalizers/1', value: 'example.com/backup-hold' },
      { op: 'remove', path: '/metadata/finalizers/1' },
    ]);
    assert.throws(() => singleFinalizerRemovalPatch(meta, 'x/y'), /not present/);
  });

  it("the blunt merge patch equals kubectl's", () => {
    assert.equal(JSON.stringify(CLEAR_FINALIZERS_MERGE_PATCH), '{"metadata":{"finalizers":null}}');
  });
});
