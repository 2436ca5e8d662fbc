// Remediation behaviour against the real harness cluster that has no kubectl counterpart to
// compare with: guarded finalizer removal, cancelling a drain, a user without RBAC (access
// reviews and 403 explanations), and an API server that disappears in the middle of a drain.
// Our code only (src/client/actions + the core drain runner + KubeClusterApi), no vscode.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { runDrain, type DrainProgress } from '../../src/shared/cluster/drainRunner';
import { KubeClusterApi } from '../../src/client/k8s/kubeClusterApi';
import { accessFor } from '../../src/client/actions/actionIds';
import { forbiddenReason } from '../../src/client/actions/availability';
import { setUnschedulable } from '../../src/client/actions/cordon';
import { drainNotification, drainSummaryLines } from '../../src/client/actions/drainSummary';
import { explainApiError } from '../../src/client/actions/explainError';
import { removePodFinalizers } from '../../src/client/actions/removeFinalizers';
import {
  KUBECTL,
  cluster,
  createPod,
  paths,
  testNamespace,
  testNode,
  waitFor,
  waitForPod,
  waitForPodGone,
  type Json,
} from '../cluster/harness';
import { drainFixture, ourApi, realDeps } from './parityFixtures';

describe('guarded finalizer removal', () => {
  test('removes the chosen finalizer, refuses on a stale list, and the pod goes once the list is empty', async (t) => {
    const ns = await testNamespace(t);
    const node = await testNode(t, { agent: 'kwok' });
    const c = await cluster();
    await createPod({ ns, name: 'held', node, finalizers: ['example.com/a', 'example.com/b'] });
    await waitForPod(ns, 'held', (p) => p.status?.phase === 'Running', 'Running');
    await c.rest.delete(paths.pod(ns, 'held'));
    await waitForPod(ns, 'held', (p) => !!p.metadata.deletionTimestamp, 'Terminating, held by finalizers');
    const { api, sent } = await ourApi();
    const ref = { namespace: ns, name: 'held' };

    const first = await removePodFinalizers(api, ref, ['example.com/a', 'example.com/b'], ['example.com/a']);
    assert.equal(first.status, 'removed');
    assert.equal(sent.at(-1)?.contentType, 'application/json-patch+json');
    assert.deepEqual((await c.rest.get(paths.pod(ns, 'held'))).metadata.finalizers, ['example.com/b']);

    // The user still looks at [a, b]: the server rejects the test, nothing changes.
    const stale = await removePodFinalizers(api, ref, ['example.com/a', 'example.com/b']);
    assert.equal(stale.status, 'changed');
    assert.match(stale.message, /now: example\.com\/b/);
    assert.deepEqual((await c.rest.get(paths.pod(ns, 'held'))).metadata.finalizers, ['example.com/b']);

    const last = await removePodFinalizers(api, ref, ['example.com/b']);
    assert.equal(last.status, 'removed');
    assert.ok(last.status === 'removed' && last.gone);
    await waitForPodGone(ns, 'held', 10_000);
    api.dispose();
  });
});

describe('cancelling a drain', () => {
  test('leaves the node cordoned and reports the pods that remain', async (t) => {
    const c = await cluster();
    const f = await drainFixture(t, { batch: true, webBlocked: true });
    const { api } = await ourApi();
    const abort = new AbortController();
    let last: DrainProgress | undefined;
    const run = runDrain(
      f.node,
      { evictionRetryDelaySeconds: 1 },
      { api, ...realDeps, signal: abort.signal, onProgress: (p) => (last = p) },
    );
    await waitFor(
      'batch evicted and both web pods refused by their PDB',
      async () => last?.finished === 2 && last.blockers.length === 2,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    abort.abort();
    const r = await run;
    api.dispose();
    assert.equal(r.status, 'cancelled');
    assert.equal(r.cordon, 'cordoned');
    assert.equal((await c.rest.get(paths.node(f.node))).spec.unschedulable, true, 'still cordoned');
    assert.deepEqual(r.remaining.map((k) => f.apps.get(k.split('/')[1])).sort(), ['web', 'web']);
    for (const key of r.remaining) {
      assert.equal(
        (await c.rest.get(paths.pod(f.ns, key.split('/')[1]))).metadata.deletionTimestamp,
        undefined,
      );
    }
    const note = drainNotification(r, 'test');
    assert.equal(note.severity, 'warning');
    assert.match(note.text, /cancelled \(node stays cordoned\)/);
  });
});

describe('a user without RBAC', () => {
  test('access reviews deny, and a 403 is explained with the verb and resource (kubectl agrees)', async (t) => {
    const c = await cluster();
    const ns = await testNamespace(t);
    const node = await testNode(t, { agent: 'kwok' });
    await c.rest.post(`/api/v1/namespaces/${ns}/serviceaccounts`, {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'viewer' },
    });
    const role = `knd-viewer-${ns}`;
    await c.rest.post('/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: role },
      rules: [{ apiGroups: [''], resources: ['nodes', 'pods'], verbs: ['get', 'list', 'watch'] }],
    });
    await c.rest.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: role },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: ns }],
    });
    t.after(async () => {
      await c.rest.delete(`/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${role}`);
      await c.rest.delete(`/apis/rbac.authorization.k8s.io/v1/clusterroles/${role}`);
    });
    const tokenRequest = await c.rest.post(`/api/v1/namespaces/${ns}/serviceaccounts/viewer/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 600 },
    });
    const token = tokenRequest.status.token as string;
    const admin = c.kc.getCurrentCluster()!;
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: 'c',
          server: admin.server,
          caData: admin.caData,
          caFile: admin.caFile,
          skipTLSVerify: admin.skipTLSVerify,
        },
      ],
      users: [{ name: 'viewer', token }],
      contexts: [{ name: 'viewer', cluster: 'c', user: 'viewer' }],
      currentContext: 'viewer',
    });
    const api = new KubeClusterApi(kc);

    // RBAC is eventually consistent: wait until the binding is in force.
    const review = await waitFor(
      'the viewer may list pods',
      async () => {
        const r = await api.checkAccess({ verb: 'list', resource: 'pods' });
        return r.ok && r.value.allowed ? r : undefined;
      },
      { timeoutMs: 20_000 },
    );
    assert.ok(review.ok);
    const drainAccess = await Promise.all(
      accessFor('drain').map(async (request) => {
        const r = await api.checkAccess(request);
        return { request, ...(r.ok ? { decision: r.value } : {}) };
      }),
    );
    assert.match(
      forbiddenReason(drainAccess) ?? '',
      /^Forbidden: your user may not patch nodes, create pods\/eviction\./,
    );

    const ours = await setUnschedulable(api, node, true);
    assert.equal(ours.status, 'failed');
    assert.ok(ours.status === 'failed');
    assert.equal(ours.error.status, 403);
    assert.equal(
      explainApiError(ours.error, 'viewer'),
      'Forbidden: the user of context "viewer" may not patch nodes. Check with: kubectl --context viewer auth can-i patch nodes',
    );
    // kubectl as the same user.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'knd-viewer-')), 'kubeconfig');
    fs.writeFileSync(file, kc.exportConfig(), { mode: 0o600 });
    t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    const k = spawnSync(KUBECTL, ['--kubeconfig', file, 'cordon', node], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    // kubectl 1.36 prints the error but exits 0 for a failed cordon; we report it as a failure.
    assert.match(k.stderr, /cannot patch resource "nodes"/);
    assert.equal(`error: ${ours.message}`, k.stderr.trim(), 'the same words as kubectl');
    assert.equal((await c.rest.get(paths.node(node))).spec.unschedulable, undefined, 'nothing changed');
    api.dispose();
  });
});

describe('the API server disappears during a drain', () => {
  test('the drain fails, says the server is unreachable and lists the pods that remain', async (t) => {
    const c = await cluster();
    const f = await drainFixture(t, { batch: true, webBlocked: true });
    // A TCP relay in front of the API server that we can cut.
    const upstream = new URL(c.kc.getCurrentCluster()!.server);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const server = net.connect(Number(upstream.port), upstream.hostname);
      for (const s of [client, server]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as net.AddressInfo).port;
    const kc = new KubeConfig();
    const admin = c.kc.getCurrentCluster()!;
    kc.loadFromOptions({
      clusters: [{ ...admin, server: `https://127.0.0.1:${port}` }],
      users: c.kc.getUsers(),
      contexts: [{ name: 'relay', cluster: admin.name, user: c.kc.getCurrentUser()!.name }],
      currentContext: 'relay',
    });
    const api = new KubeClusterApi(kc, { requestTimeoutMs: 5000 });
    let last: DrainProgress | undefined;
    const run = runDrain(
      f.node,
      { evictionRetryDelaySeconds: 1 },
      { api, ...realDeps, onProgress: (p) => (last = p) },
    );
    await waitFor(
      'batch evicted, web refused by its PDB',
      async () => last?.finished === 2 && last.blockers.length === 2,
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    relay.close();
    for (const s of sockets) {
      s.destroy();
    }
    const r = await run;
    api.dispose();
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.remaining.map((k) => f.apps.get(k.split('/')[1])).sort(), ['web', 'web']);
    const lost = r.outcomes.filter((o) => o.error?.kind === 'network');
    assert.equal(lost.length, 2, JSON.stringify(r.outcomes));
    const note = drainNotification(r, 'relay');
    assert.equal(note.severity, 'error');
    assert.match(note.text, /The API server became unreachable; 2 pod\(s\) remain/);
    assert.doesNotMatch(note.text, /drained/);
    assert.ok(drainSummaryLines(r, 'relay').some((l) => l.startsWith('  Still on the node: ')));
    // The cluster itself is fine: the web pods are still there, untouched.
    for (const key of r.remaining) {
      const p: Json = await c.rest.get(paths.pod(f.ns, key.split('/')[1]));
      assert.equal(p.metadata.deletionTimestamp, undefined);
    }
  });
});
