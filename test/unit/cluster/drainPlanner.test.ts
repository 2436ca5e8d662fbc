import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  planDrain,
  KUBECTL_DRAIN_MESSAGES,
  deletedLongerThan,
} from '../../../src/shared/cluster/drainPlanner';
import { projectPdb, projectPod } from '../../../src/shared/cluster/model';
import { FIXTURE_NOW, loadList } from './fixtures';

const pods = loadList('drain-pods.json');
const pdbs = loadList('drain-pdbs.json');
const ALL_OVERRIDES = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true };

const keys = (list: readonly { key: string }[]) => list.map((p) => p.key);

describe('planDrain: kubectl filters and messages', () => {
  it('without overrides kubectl refuses, naming every blocking pod', () => {
    const plan = planDrain(pods, pdbs, {}, FIXTURE_NOW);
    assert.equal(plan.canDrain, false);
    assert.deepEqual(plan.kubectlErrors, [
      'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/fluentd-x7k2p, kube-system/kube-proxy-9zq4w',
      'cannot delete Pods with local storage (use --delete-emptydir-data to override): shop/scratch-7a8b9c0d1-ddddd',
      'cannot delete Pods that declare no controller (use --force to override): shop/debug-shell',
    ]);
    assert.equal(plan.kubectlError, `[${plan.kubectlErrors.join(', ')}]`);
    assert.equal(plan.kubectlWarning, undefined);
    assert.deepEqual(keys(plan.blocked), [
      'kube-system/fluentd-x7k2p',
      'kube-system/kube-proxy-9zq4w',
      'shop/scratch-7a8b9c0d1-ddddd',
      'shop/debug-shell',
    ]);
    assert.deepEqual(
      plan.blocked.map((p) => p.blockReason),
      ['needsIgnoreDaemonSets', 'needsIgnoreDaemonSets', 'needsDeleteEmptyDirData', 'needsForce'],
    );
  });

  it('one blocking reason prints without brackets', () => {
    const plan = planDrain(pods, pdbs, { ignoreDaemonSets: true, deleteEmptyDirData: true }, FIXTURE_NOW);
    assert.equal(
      plan.kubectlError,
      `cannot delete ${KUBECTL_DRAIN_MESSAGES.unmanagedFatal}: shop/debug-shell`,
    );
    assert.equal(
      plan.kubectlWarning,
      'ignoring DaemonSet-managed Pods: kube-system/fluentd-x7k2p, kube-system/kube-proxy-9zq4w',
    );
  });

  it('with every override: evict, skip DaemonSet and mirror pods; only the last warning per pod survives', () => {
    const plan = planDrain(pods, pdbs, ALL_OVERRIDES, FIXTURE_NOW);
    assert.equal(plan.canDrain, true);
    assert.deepEqual(keys(plan.remove), [
      'shop/web-5f7b9c8d6-aaaaa',
      'shop/web-5f7b9c8d6-bbbbb',
      'shop/db-0',
      'shop/cache-6c8d9e7f5-ccccc',
      'shop/scratch-7a8b9c0d1-ddddd',
      'shop/debug-shell',
      'shop/one-off-report',
      'shop/old-7d9f8b6c5d-zzzzz',
    ]);
    assert.deepEqual(keys(plan.skipped), [
      'kube-system/fluentd-x7k2p',
      'kube-system/kube-proxy-9zq4w',
      'kube-system/kube-apiserver-node-drain',
    ]);
    assert.deepEqual(
      plan.skipped.map((p) => p.skipReason),
      ['daemonSet', 'daemonSet', 'mirror'],
    );
    // scratch's "deleting Pods with local storage" is overwritten by the unreplicated filter's Okay.
    assert.equal(
      plan.kubectlWarning,
      'ignoring DaemonSet-managed Pods: kube-system/fluentd-x7k2p, kube-system/kube-proxy-9zq4w; deleting Pods that declare no controller: shop/debug-shell',
    );
    assert.ok(plan.remove.every((p) => p.action === 'evict'));
  });

  it('finished pods pass every filter, even without a controller', () => {
    const plan = planDrain(pods, pdbs, {}, FIXTURE_NOW);
    const report = plan.pods.find((p) => p.key === 'shop/one-off-report')!;
    assert.equal(report.action, 'evict');
    assert.equal(report.status.reason, 'Okay');
  });

  it('--skip-wait-for-delete-timeout skips pods deleted longer ago (whole seconds, strictly greater)', () => {
    const plan = planDrain(
      pods,
      pdbs,
      { ...ALL_OVERRIDES, skipWaitForDeleteTimeoutSeconds: 300 },
      FIXTURE_NOW,
    );
    const old = plan.pods.find((p) => p.key === 'shop/old-7d9f8b6c5d-zzzzz')!;
    assert.equal(old.action, 'skip');
    assert.equal(old.skipReason, 'alreadyDeleted');
    assert.equal(old.decidedBy, 'skipDeleted');
    assert.equal(old.text, 'skip: deleted 15m ago, longer than --skip-wait-for-delete-timeout=300');
    assert.equal(
      planDrain(
        pods,
        pdbs,
        { ...ALL_OVERRIDES, skipWaitForDeleteTimeoutSeconds: 900 },
        FIXTURE_NOW,
      ).pods.find((p) => p.key === 'shop/old-7d9f8b6c5d-zzzzz')!.action,
      'evict',
    );
    const deleted = { metadata: { deletionTimestamp: new Date(FIXTURE_NOW - 10_999).toISOString() } };
    assert.equal(deletedLongerThan(deleted, 10, FIXTURE_NOW), false);
    assert.equal(deletedLongerThan(deleted, 9, FIXTURE_NOW), true);
    assert.equal(deletedLongerThan(deleted, 0, FIXTURE_NOW), false);
  });

  it('--disable-eviction deletes instead and drops PDB risks', () => {
    const plan = planDrain(pods, pdbs, { ...ALL_OVERRIDES, disableEviction: true }, FIXTURE_NOW);
    assert.ok(plan.remove.every((p) => p.action === 'delete'));
    assert.equal(plan.atRisk.length, 0);
  });

  it('--pod-selector narrows the pods; an invalid selector refuses', () => {
    assert.deepEqual(keys(planDrain(pods, pdbs, { podSelector: 'app=web' }, FIXTURE_NOW).pods), [
      'shop/web-5f7b9c8d6-aaaaa',
      'shop/web-5f7b9c8d6-bbbbb',
    ]);
    assert.deepEqual(keys(planDrain(pods, pdbs, { podSelector: 'app in (db, cache)' }, FIXTURE_NOW).pods), [
      'shop/db-0',
      'shop/cache-6c8d9e7f5-ccccc',
    ]);
    const bad = planDrain(pods, pdbs, { podSelector: 'app in (' }, FIXTURE_NOW);
    assert.equal(bad.canDrain, false);
    assert.match(bad.selectorError ?? '', /unable to parse/);
  });

  it('orphaned DaemonSet pods: NotFound error without --force, warning and delete with it', () => {
    const ctx = { missingDaemonSets: new Set(['kube-system/fluentd']) };
    const without = planDrain(
      pods,
      pdbs,
      { ignoreDaemonSets: true, deleteEmptyDirData: true },
      FIXTURE_NOW,
      ctx,
    );
    assert.ok(
      without.kubectlErrors.includes(
        'cannot delete daemonsets.apps "fluentd" not found: kube-system/fluentd-x7k2p',
      ),
    );
    const withForce = planDrain(pods, pdbs, ALL_OVERRIDES, FIXTURE_NOW, ctx);
    const fluentd = withForce.pods.find((p) => p.key === 'kube-system/fluentd-x7k2p')!;
    assert.equal(fluentd.action, 'evict');
    // kubectl's NotFound warning is overwritten by the later filters' Okay (only the last status survives).
    assert.equal(
      withForce.kubectlWarning,
      'ignoring DaemonSet-managed Pods: kube-system/kube-proxy-9zq4w; deleting Pods that declare no controller: shop/debug-shell',
    );
  });

  it('a failed DaemonSet lookup is an error with the lookup message', () => {
    const ctx = {
      daemonSetLookupErrors: new Map([
        ['kube-system/kube-proxy', 'daemonsets.apps "kube-proxy" is forbidden: User "u" cannot get resource'],
      ]),
    };
    const plan = planDrain(pods, pdbs, ALL_OVERRIDES, FIXTURE_NOW, ctx);
    assert.equal(
      plan.kubectlError,
      'cannot delete daemonsets.apps "kube-proxy" is forbidden: User "u" cannot get resource: kube-system/kube-proxy-9zq4w',
    );
  });

  it('a DaemonSet-like owner from another API group is not a DaemonSet for kubectl', () => {
    const kruise = structuredClone(pods.find((p) => p.metadata.name === 'fluentd-x7k2p')!);
    kruise.metadata.ownerReferences[0].apiVersion = 'apps.kruise.io/v1alpha1';
    const plan = planDrain([kruise], [], {}, FIXTURE_NOW);
    assert.equal(plan.pods[0].action, 'evict');
  });

  it('projected objects plan the same', () => {
    const a = planDrain(pods, pdbs, ALL_OVERRIDES, FIXTURE_NOW);
    const b = planDrain(pods.map(projectPod), pdbs.map(projectPdb), ALL_OVERRIDES, new Date(FIXTURE_NOW));
    assert.deepEqual(
      b.pods.map((p) => [p.key, p.action, p.status, p.risk?.kind, p.text]),
      a.pods.map((p) => [p.key, p.action, p.status, p.risk?.kind, p.text]),
    );
    assert.equal(b.kubectlWarning, a.kubectlWarning);
  });
});

describe('planDrain: preview extras', () => {
  const plan = planDrain(pods, pdbs, ALL_OVERRIDES, FIXTURE_NOW);
  const byKey = (key: string) => plan.pods.find((p) => p.key === key)!;

  it('PDB risks: two PDBs → 500, no disruption left → 429 loop, shared budget → one at a time', () => {
    assert.deepEqual(
      plan.atRisk.map((p) => [p.key, p.risk!.kind]),
      [
        ['shop/web-5f7b9c8d6-aaaaa', 'pdbSerializes'],
        ['shop/web-5f7b9c8d6-bbbbb', 'pdbSerializes'],
        ['shop/db-0', 'pdbBlocks'],
        ['shop/cache-6c8d9e7f5-ccccc', 'multiplePdbs'],
      ],
    );
    assert.deepEqual(byKey('shop/cache-6c8d9e7f5-ccccc').pdbs, ['shop/cache-pdb', 'shop/backend-pdb']);
    assert.equal(
      byKey('shop/cache-6c8d9e7f5-ccccc').text,
      'evict: covered by 2 PodDisruptionBudgets (cache-pdb, backend-pdb): the eviction API refuses with HTTP 500 and this pod will not be drained',
    );
    assert.equal(
      byKey('shop/db-0').text,
      'evict: PodDisruptionBudget db-pdb allows no disruption (3 healthy, 3 needed): evictions get 429 and are retried until it allows one or the drain times out',
    );
  });

  it('a PDB in another namespace does not cover the pod', () => {
    assert.deepEqual(byKey('shop/web-5f7b9c8d6-aaaaa').pdbs, ['shop/web-pdb']);
  });

  it('a not-ready pod under a met budget can be evicted (IfHealthyBudget)', () => {
    const db = structuredClone(pods.find((p) => p.metadata.name === 'db-0')!);
    db.status.conditions.find((c: { type: string }) => c.type === 'Ready').status = 'False';
    assert.equal(planDrain([db], pdbs, {}, FIXTURE_NOW).atRisk.length, 0);
  });

  it('a PDB not yet observed by the disruption controller is a risk', () => {
    const stale = structuredClone(pdbs.find((b) => b.metadata.name === 'web-pdb')!);
    stale.metadata.generation = 2;
    const single = pods.filter((p) => p.metadata.name === 'web-5f7b9c8d6-aaaaa');
    assert.equal(planDrain(single, [stale], {}, FIXTURE_NOW).atRisk[0].risk!.kind, 'pdbNotObserved');
  });

  it('a not-ready pod skips the budget before the observedGeneration check (as the server does)', () => {
    const stale = structuredClone(pdbs.find((b) => b.metadata.name === 'web-pdb')!);
    stale.metadata.generation = 2;
    const web = structuredClone(pods.find((p) => p.metadata.name === 'web-5f7b9c8d6-aaaaa')!);
    web.status.conditions.find((c: { type: string }) => c.type === 'Ready').status = 'False';
    assert.equal(planDrain([web], [stale], {}, FIXTURE_NOW).atRisk.length, 0);
  });

  it('AlwaysAllow lets a not-ready pod go even when the budget is not met', () => {
    const db = structuredClone(pods.find((p) => p.metadata.name === 'db-0')!);
    db.status.conditions.find((c: { type: string }) => c.type === 'Ready').status = 'False';
    const pdb = structuredClone(pdbs.find((b) => b.metadata.name === 'db-pdb')!);
    pdb.status.currentHealthy = 2;
    assert.equal(planDrain([db], [pdb], {}, FIXTURE_NOW).atRisk[0].risk!.kind, 'pdbBlocks');
    pdb.spec.unhealthyPodEvictionPolicy = 'AlwaysAllow';
    assert.equal(planDrain([db], [pdb], {}, FIXTURE_NOW).atRisk.length, 0);
  });

  it('pods that skip the PDB check server-side carry no risk (Pending, finished, deleting)', () => {
    const pending = structuredClone(pods.find((p) => p.metadata.name === 'db-0')!);
    pending.status.phase = 'Pending';
    assert.equal(planDrain([pending], pdbs, {}, FIXTURE_NOW).atRisk.length, 0);
  });

  it('texts for skipped and blocked pods', () => {
    assert.equal(
      byKey('kube-system/kube-apiserver-node-drain').text,
      'skip: static (mirror) pod, managed by the kubelet on the node',
    );
    const blocked = planDrain(pods, pdbs, {}, FIXTURE_NOW);
    assert.deepEqual(
      blocked.blocked.map((p) => p.text),
      [
        'blocked: DaemonSet pod, needs --ignore-daemonsets',
        'blocked: DaemonSet pod, needs --ignore-daemonsets',
        'blocked: uses emptyDir (its data is lost), needs --delete-emptydir-data',
        'blocked: declares no controller, nothing will recreate it, needs --force',
      ],
    );
  });

  it('option effects: which flags change the plan, and for which pods', () => {
    const none = planDrain(pods, pdbs, {}, FIXTURE_NOW);
    assert.deepEqual(
      none.optionEffects.map((e) => [e.flag, e.enabled, e.pods]),
      [
        ['--ignore-daemonsets', false, ['kube-system/fluentd-x7k2p', 'kube-system/kube-proxy-9zq4w']],
        ['--delete-emptydir-data', false, ['shop/scratch-7a8b9c0d1-ddddd']],
        ['--force', false, ['shop/debug-shell']],
        ['--skip-wait-for-delete-timeout', false, ['shop/old-7d9f8b6c5d-zzzzz']],
        [
          '--disable-eviction',
          false,
          ['shop/web-5f7b9c8d6-aaaaa', 'shop/web-5f7b9c8d6-bbbbb', 'shop/db-0', 'shop/cache-6c8d9e7f5-ccccc'],
        ],
      ],
    );
    const all = planDrain(pods, pdbs, ALL_OVERRIDES, FIXTURE_NOW);
    assert.deepEqual(
      all.optionEffects.slice(0, 3).map((e) => [e.flag, e.enabled, e.pods]),
      [
        ['--ignore-daemonsets', true, ['kube-system/fluentd-x7k2p', 'kube-system/kube-proxy-9zq4w']],
        // emptyDir data: the flag changes scratch's status (Error → Okay)
        ['--delete-emptydir-data', true, ['shop/scratch-7a8b9c0d1-ddddd']],
        ['--force', true, ['shop/debug-shell']],
      ],
    );
  });
});
