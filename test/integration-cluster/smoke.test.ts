// Smoke suite of the cluster harness: proves that the loopback cluster is a real Kubernetes control
// plane with the API semantics the extension depends on. Runs against .kwok/kubeconfig
// (started by `npm run test:cluster`, or started/attached by the harness).
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CoreV1Api, PolicyV1Api, Watch, ApiException, V1Node } from '@kubernetes/client-node';
import {
  scenario,
  testNamespace,
  testNode,
  createPod,
  waitFor,
  waitForPod,
  waitForPodGone,
  waitForNode,
  waitForNodeCondition,
  kubectlWatchUntil,
  nodeMonitorGracePeriodMs,
  condition,
  paths,
  Cluster,
  Json,
} from '../cluster/harness';
import { MERGE_PATCH, STRATEGIC_MERGE_PATCH } from '../cluster/kube';
import { MESSAGES } from '../cluster/scenarios';

let c: Cluster;

before(async () => {
  c = await scenario('incidents');
});

void describe('control plane', () => {
  void test('server and the built kubectl are both v1.36.3, etcd is 3.6', async () => {
    const r = c.kubectl(['version', '-o', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout);
    assert.equal(v.clientVersion.gitVersion, 'v1.36.3');
    assert.equal(v.serverVersion.gitVersion, 'v1.36.3');
    const ready = await c.rest.raw('GET', '/readyz?verbose');
    assert.equal(ready.status, 200);
    assert.match(String(ready.body.message ?? ready.body), /etcd/);
  });
});

void describe('list and watch nodes', () => {
  void test('kubectl lists the scenario nodes', () => {
    const r = c.kubectl(['get', 'nodes', '-o', 'json']);
    assert.equal(r.status, 0, r.stderr);
    const names = (JSON.parse(r.stdout).items as Json[]).map((n) => n.metadata.name);
    for (const n of [
      'node-healthy-1',
      'node-pleg',
      'node-heartbeat-lost',
      'node-drain',
      'node-dense',
      'node-bad-pods',
    ]) {
      assert.ok(names.includes(n), `${n} missing from ${names.join(',')}`);
    }
  });

  void test('kubectl watch sees a node label change', async (t) => {
    const node = await testNode(t, { agent: 'kwok' });
    const out = await kubectlWatchUntil(
      ['get', 'node', node, '--watch', '--output-watch-events', '-o', 'json'],
      (o) =>
        o
          .split('\n')
          .filter((l) => l.trim())
          .some((l) => {
            const ev = JSON.parse(l);
            return ev.type === 'MODIFIED' && ev.object?.metadata?.labels?.['watched-by'] === 'kubectl';
          }),
      async () => {
        await c.rest.patch(paths.node(node), { metadata: { labels: { 'watched-by': 'kubectl' } } });
      },
    );
    assert.match(out, /"type":\s*"ADDED"/);
  });

  void test('the machine image kubectl (outside the supported skew) can still list nodes', (t) => {
    const machine = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => fs.existsSync(p));
    if (!machine) {
      t.skip('no kubectl in the machine image');
      return;
    }
    const r = spawnSync(machine, ['--kubeconfig', c.kubeconfig, 'get', 'nodes', '-o', 'name'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /node\/node-heartbeat-lost/);
  });

  void test('@kubernetes/client-node lists nodes', async () => {
    const core = c.kc.makeApiClient(CoreV1Api);
    const list = await core.listNode();
    const pleg = list.items.find((n) => n.metadata?.name === 'node-pleg');
    assert.ok(pleg, 'node-pleg listed');
    const ready = pleg.status?.conditions?.find((x) => x.type === 'Ready');
    assert.equal(ready?.status, 'False');
    assert.equal(ready?.message, MESSAGES.pleg);
  });

  void test('@kubernetes/client-node watches nodes', async (t) => {
    const node = await testNode(t, { agent: 'kwok' });
    const events: { phase: string; node: V1Node }[] = [];
    const watch = new Watch(c.kc);
    let done: unknown = null;
    const ctrl = await watch.watch(
      '/api/v1/nodes',
      { fieldSelector: `metadata.name=${node}` },
      (phase, obj) => events.push({ phase, node: obj as V1Node }),
      (err) => (done = err ?? 'closed'),
    );
    try {
      await waitFor('initial ADDED event', () => events.some((e) => e.phase === 'ADDED'));
      await c.rest.patch(paths.node(node), { metadata: { labels: { 'watched-by': 'client-node' } } });
      const ev = await waitFor('MODIFIED event with the new label', () =>
        events.find(
          (e) => e.phase === 'MODIFIED' && e.node.metadata?.labels?.['watched-by'] === 'client-node',
        ),
      );
      assert.equal(ev.node.metadata?.name, node);
      assert.equal(done, null, 'watch still open');
    } finally {
      ctrl.abort();
    }
  });
});

void describe('cordon', () => {
  void test('strategic merge patch spec.unschedulable=true cordons; the controller adds the unschedulable taint', async (t) => {
    const node = await testNode(t, { agent: 'kwok' });
    const patched = await c.rest.patch(
      paths.node(node),
      { spec: { unschedulable: true } },
      STRATEGIC_MERGE_PATCH,
    );
    assert.equal(patched.spec.unschedulable, true);
    const n = await waitForNode(
      node,
      (x) =>
        (x.spec.taints as Json[] | undefined)?.some((tt) => tt.key === 'node.kubernetes.io/unschedulable') ??
        false,
      'unschedulable taint',
    );
    assert.equal(n.spec.unschedulable, true);
    const r = c.kubectl(['get', 'node', node]);
    assert.match(r.stdout, /SchedulingDisabled/);
    await c.rest.patch(paths.node(node), { spec: { unschedulable: null } }, STRATEGIC_MERGE_PATCH);
    await waitForNode(
      node,
      (x) =>
        !x.spec.unschedulable &&
        !(x.spec.taints as Json[] | undefined)?.some((tt) => tt.key === 'node.kubernetes.io/unschedulable'),
      'uncordoned',
    );
  });
});

void describe('eviction under PDBs (drain scenario)', () => {
  async function podOf(app: string): Promise<string> {
    const list = await c.rest.get(`${paths.pods('drain')}?labelSelector=app%3D${app}`);
    const p = (list.items as Json[]).find(
      (x) => x.status?.phase === 'Running' && !x.metadata.deletionTimestamp,
    );
    assert.ok(p, `a Running ${app} pod in namespace drain`);
    return p.metadata.name;
  }

  void test('PDB status is computed by kube-controller-manager', async () => {
    const policy = c.kc.makeApiClient(PolicyV1Api);
    const web = await policy.readNamespacedPodDisruptionBudget({ name: 'web-pdb', namespace: 'drain' });
    assert.equal(web.status?.disruptionsAllowed, 0);
    assert.equal(web.status?.currentHealthy, 2);
    assert.equal(web.status?.observedGeneration, web.metadata?.generation);
  });

  void test('evicting a pod whose PDB allows 0 disruptions returns 429 DisruptionBudget', async () => {
    const name = await podOf('web');
    const core = c.kc.makeApiClient(CoreV1Api);
    await assert.rejects(
      core.createNamespacedPodEviction({
        name,
        namespace: 'drain',
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'drain' } },
      }),
      (e: unknown) => {
        assert.ok(e instanceof ApiException, String(e));
        assert.equal(e.code, 429);
        const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
        assert.match(body.message, /Cannot evict pod as it would violate the pod's disruption budget/);
        assert.equal(body.details?.causes?.[0]?.reason, 'DisruptionBudget');
        assert.match(
          body.details.causes[0].message,
          /The disruption budget web-pdb needs 2 healthy pods and has 2 currently/,
        );
        return true;
      },
    );
    // The pod is untouched.
    const p = await c.rest.get(paths.pod('drain', name));
    assert.equal(p.metadata.deletionTimestamp, undefined);
  });

  void test('evicting the pod covered by two PDBs returns 500', async () => {
    const name = await podOf('api');
    const r = await c.rest.raw('POST', paths.podEviction('drain', name), {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name, namespace: 'drain' },
    });
    assert.equal(r.status, 500);
    assert.match(
      r.body.message,
      /This pod has more than one PodDisruptionBudget, which the eviction subresource does not support/,
    );
  });

  void test('evicting a pod whose PDB allows a disruption succeeds and the ReplicaSet replaces it', async (t) => {
    const ns = await testNamespace(t);
    const node = await testNode(t, { agent: 'kwok', labels: { 'sim.knd.test/pool': `evict-${ns}` } });
    await c.rest.post(paths.replicaSets(ns), {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'batch' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'batch' } },
        template: {
          metadata: { labels: { app: 'batch' } },
          spec: {
            nodeSelector: { 'sim.knd.test/pool': `evict-${ns}` },
            containers: [{ name: 'app', image: 'registry.example.invalid/batch:1' }],
          },
        },
      },
    });
    await c.rest.post(paths.pdbs(ns), {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'batch-pdb' },
      spec: { selector: { matchLabels: { app: 'batch' } }, maxUnavailable: 1 },
    });
    await waitFor('batch-pdb allows 1 disruption', async () => {
      const p = await c.rest.get(`${paths.pdbs(ns)}/batch-pdb`);
      return p.status?.disruptionsAllowed === 1 && p.status.observedGeneration === p.metadata.generation;
    });
    const pods = (await c.rest.get(paths.pods(ns))).items as Json[];
    assert.ok(pods.every((p) => p.spec.nodeName === node));
    const victim = pods[0].metadata.name;
    const r = await c.rest.raw('POST', paths.podEviction(ns, victim), {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: victim, namespace: ns },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await waitForPodGone(ns, victim);
    await waitFor('a replacement pod Running', async () => {
      const now = (await c.rest.get(paths.pods(ns))).items as Json[];
      return now.filter((p) => p.metadata.name !== victim && p.status?.phase === 'Running').length === 2;
    });
  });
});

void describe('graceful deletion and finalizers', () => {
  void test('a graceful delete on the heartbeat-lost node stays Terminating until gracePeriodSeconds 0', async (t) => {
    const ns = await testNamespace(t);
    await createPod({ ns, name: 'victim', node: 'node-heartbeat-lost', tolerateEverything: true });
    const del = await c.rest.raw('DELETE', paths.pod(ns, 'victim'), { gracePeriodSeconds: 2 });
    assert.equal(del.status, 200);
    const terminating = await c.rest.get(paths.pod(ns, 'victim'));
    assert.ok(terminating.metadata.deletionTimestamp, 'deletionTimestamp set');
    assert.equal(terminating.metadata.deletionGracePeriodSeconds, 2);
    // No kubelet confirms: the pod is still there well after its grace period ended.
    const graceEnd = Date.parse(terminating.metadata.deletionTimestamp);
    await waitFor(
      'grace period to end + 5 s with the pod still present',
      async () => {
        const p = await c.rest.getOpt(paths.pod(ns, 'victim'));
        assert.ok(p, 'pod must not disappear without a kubelet');
        return Date.now() > graceEnd + 5000;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const r = c.kubectl(['get', 'pod', '-n', ns, 'victim']);
    assert.match(r.stdout, /Terminating/);
    const force = await c.rest.raw('DELETE', paths.pod(ns, 'victim'), { gracePeriodSeconds: 0 });
    assert.equal(force.status, 200);
    await waitForPodGone(ns, 'victim', 10_000);
  });

  void test('finalizer merge patch {"metadata":{"finalizers":null}} lets a Terminating pod go', async (t) => {
    const ns = await testNamespace(t);
    await createPod({ ns, name: 'held', node: 'node-healthy-1', finalizers: ['example.com/hold'] });
    await waitForPod(ns, 'held', (p) => p.status?.phase === 'Running', 'Running (kwok)');
    await c.rest.delete(paths.pod(ns, 'held'));
    // kwok confirms the deletion (grace 0) but the finalizer keeps the object.
    const held = await waitForPod(
      ns,
      'held',
      (p) => !!p.metadata.deletionTimestamp && p.metadata.deletionGracePeriodSeconds === 0,
      'deleted at grace 0 by kwok, held by finalizer',
    );
    assert.deepEqual(held.metadata.finalizers, ['example.com/hold']);
    const add = await c.rest.raw(
      'PATCH',
      paths.pod(ns, 'held'),
      { metadata: { finalizers: ['example.com/hold', 'example.com/another'] } },
      MERGE_PATCH,
    );
    assert.equal(add.status, 422, 'no new finalizers can be added while deleting');
    await c.rest.patch(paths.pod(ns, 'held'), { metadata: { finalizers: null } }, MERGE_PATCH);
    await waitForPodGone(ns, 'held', 10_000);
  });

  void test('stuck-terminating fixtures are Terminating', async () => {
    const fin = await c.rest.get(paths.pod('stuck-terminating', 'stuck-finalizer'));
    assert.ok(fin.metadata.deletionTimestamp);
    assert.deepEqual(fin.metadata.finalizers, ['example.com/hold']);
    const lost = await c.rest.get(paths.pod('stuck-terminating', 'stuck-on-lost-node'));
    assert.ok(lost.metadata.deletionTimestamp);
    assert.equal(lost.spec.nodeName, 'node-heartbeat-lost');
  });
});

void describe('node lifecycle controller', () => {
  void test('a node whose Lease stops being renewed goes Ready -> Unknown with the unreachable taint', async (t) => {
    const grace = nodeMonitorGracePeriodMs();
    const node = await testNode(t, { agent: 'sim', heartbeat: 'none' });
    const before = await c.rest.get(paths.node(node));
    assert.equal(condition(before, 'Ready')?.status, 'True');
    const t0 = Date.now();
    const n = await waitForNodeCondition(node, 'Ready', 'Unknown', grace * 3 + 30_000);
    const ready = condition(n, 'Ready')!;
    assert.equal(ready.reason, 'NodeStatusUnknown');
    assert.equal(ready.message, MESSAGES.stoppedPosting);
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      assert.equal(condition(n, type)?.status, 'Unknown', type);
    }
    const elapsed = Date.now() - t0;
    assert.ok(elapsed >= grace - 5000, `went Unknown after ${elapsed} ms; grace period ${grace} ms`);
    const tainted = await waitForNode(
      node,
      (x) =>
        (x.spec.taints as Json[] | undefined)?.some(
          (tt) => tt.key === 'node.kubernetes.io/unreachable' && tt.effect === 'NoExecute',
        ) ?? false,
      'unreachable:NoExecute taint',
    );
    assert.ok(tainted);
    // Meanwhile nodes whose Lease the sim-agent renews keep their kubelet-reported status.
    const pleg = await c.rest.get(paths.node('node-pleg'));
    assert.equal(condition(pleg, 'Ready')?.status, 'False');
    assert.equal(condition(pleg, 'Ready')?.message, MESSAGES.pleg);
    assert.ok((pleg.spec.taints as Json[]).some((tt: Json) => tt.key === 'node.kubernetes.io/not-ready'));
  });

  void test('the heartbeat-lost fixture node is Unknown; os-image-unknown stays Ready on status heartbeats', async () => {
    const grace = nodeMonitorGracePeriodMs();
    const lost = await waitForNodeCondition('node-heartbeat-lost', 'Ready', 'Unknown', grace * 3 + 30_000);
    assert.equal(condition(lost, 'Ready')?.message, MESSAGES.stoppedPosting);
    const osu = await c.rest.get(paths.node('node-os-image-unknown'));
    assert.equal(osu.status.nodeInfo.osImage, 'Unknown');
    assert.equal(condition(osu, 'Ready')?.status, 'True');
    const lease = await c.rest.get(paths.lease('node-os-image-unknown'));
    assert.ok(Date.now() - Date.parse(lease.spec.renewTime) > 10 * 60_000, 'lease is stale');
  });
});
