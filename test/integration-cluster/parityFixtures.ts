// Fixtures and kubectl helpers for the remediation parity suite (parity*.test.ts): identical fresh
// nodes + namespaces per test, one for kubectl and one for our code, and parsers for kubectl's
// drain output. Every node is kwok-managed (a fake kubelet that confirms deletions), bound to a
// pool label unique to its namespace so that replacements of evicted pods cannot be scheduled
// anywhere (PDB budgets stay where the test put them).
import type { TestContext } from 'node:test';
import { spawn } from 'node:child_process';
import { KUBECTL, cluster, paths, testNamespace, testNode, waitFor, type Json } from '../cluster/harness';
import {
  LABEL_POOL,
  pdbManifest as pdb,
  pdbStatusSettled,
  podManifest,
  replicaSetManifest as rs,
} from '../cluster/scenarios';
import { KubeClusterApi, type SentRequest } from '../../src/client/k8s/kubeClusterApi';
import { abortableSleep } from '../../src/node/abortableSleep';

export interface FixtureSpec {
  /** ReplicaSet `batch`, 2 replicas, no PDB. */
  batch?: boolean;
  /** ReplicaSet `web`, 2 replicas, PDB `web-pdb` minAvailable 2 (0 disruptions allowed). */
  webBlocked?: boolean;
  /** ReplicaSet `api`, 1 replica, selected by two PDBs (eviction answers 500). */
  apiTwoPdbs?: boolean;
  /** ReplicaSet `cache`, 1 replica, with an emptyDir volume. */
  cacheEmptyDir?: boolean;
  /** DaemonSet `node-agent`. */
  daemonSet?: boolean;
  /** A mirror pod `static-web` (kubernetes.io/config.mirror). */
  mirror?: boolean;
  /** A pod without controller, `standalone`. */
  standalone?: boolean;
  /** Extra plain ReplicaSet replicas (`bulk`), for the benchmark. */
  bulk?: number;
}

export interface Fixture {
  ns: string;
  node: string;
  /** pod name → app label, for every pod bound to the node when the fixture was ready. */
  apps: Map<string, string>;
}

export function expectedPodCount(spec: FixtureSpec): number {
  return (
    (spec.batch ? 2 : 0) +
    (spec.webBlocked ? 2 : 0) +
    (spec.apiTwoPdbs ? 1 : 0) +
    (spec.cacheEmptyDir ? 1 : 0) +
    (spec.daemonSet ? 1 : 0) +
    (spec.mirror ? 1 : 0) +
    (spec.standalone ? 1 : 0) +
    (spec.bulk ?? 0)
  );
}

/** A fresh namespace + kwok node with the given pods, all Running, PDB status computed. */
export async function drainFixture(t: TestContext, spec: FixtureSpec): Promise<Fixture> {
  const c = await cluster();
  const ns = await testNamespace(t);
  const node = await testNode(t, { agent: 'kwok', labels: { [LABEL_POOL]: ns } });
  await waitFor(`node ${node} Ready`, async () => {
    const n = await c.rest.get(paths.node(node));
    return (n.status?.conditions as Json[] | undefined)?.some(
      (x) => x.type === 'Ready' && x.status === 'True',
    );
  });
  const creates: Promise<unknown>[] = [];
  if (spec.batch) {
    creates.push(c.rest.post(paths.replicaSets(ns), rs(ns, 'batch', 2, { app: 'batch' }, ns)));
  }
  if (spec.bulk) {
    creates.push(c.rest.post(paths.replicaSets(ns), rs(ns, 'bulk', spec.bulk, { app: 'bulk' }, ns)));
  }
  if (spec.webBlocked) {
    creates.push(c.rest.post(paths.replicaSets(ns), rs(ns, 'web', 2, { app: 'web' }, ns)));
  }
  if (spec.apiTwoPdbs) {
    creates.push(c.rest.post(paths.replicaSets(ns), rs(ns, 'api', 1, { app: 'api', tier: 'backend' }, ns)));
  }
  if (spec.cacheEmptyDir) {
    creates.push(
      c.rest.post(
        paths.replicaSets(ns),
        rs(ns, 'cache', 1, { app: 'cache' }, ns, [{ name: 'scratch', emptyDir: {} }]),
      ),
    );
  }
  if (spec.daemonSet) {
    creates.push(
      c.rest.post(paths.daemonSets(ns), {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'node-agent', namespace: ns },
        spec: {
          selector: { matchLabels: { app: 'node-agent' } },
          template: {
            metadata: { labels: { app: 'node-agent' } },
            spec: podManifest({ ns, name: 'node-agent', nodeSelector: { [LABEL_POOL]: ns } }).spec,
          },
        },
      }),
    );
  }
  if (spec.mirror) {
    const nodeObj = await c.rest.get(paths.node(node));
    creates.push(
      c.rest.post(
        paths.pods(ns),
        podManifest({
          ns,
          name: 'static-web',
          node,
          labels: { app: 'static-web' },
          annotations: {
            'kubernetes.io/config.mirror': 'f00dfeed',
            'kubernetes.io/config.hash': 'f00dfeed',
            'kubernetes.io/config.source': 'file',
          },
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Node', name: node, uid: nodeObj.metadata.uid, controller: true },
          ],
          tolerateEverything: true,
        }),
      ),
    );
  }
  if (spec.standalone) {
    creates.push(
      c.rest.post(
        paths.pods(ns),
        podManifest({ ns, name: 'standalone', node, labels: { app: 'standalone' } }),
      ),
    );
  }
  await Promise.all(creates);
  const want = expectedPodCount(spec);
  const pods = await waitFor(
    `${want} pods Running on ${node}`,
    async () => {
      const list = (await c.rest.get(`/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`)).items as Json[];
      const running = list.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
      return running.length === want ? running : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 300 },
  );
  // PDBs only once their pods exist: the disruption controller maps a new pod to ONE of the PDBs
  // selecting it ("chose one arbitrarily"), so a second PDB created earlier would never be
  // recomputed and would keep disruptionsAllowed 0.
  const budgetObjects: Json[] = [];
  if (spec.webBlocked) {
    budgetObjects.push(pdb(ns, 'web-pdb', { app: 'web' }, { minAvailable: 2 }));
  }
  if (spec.apiTwoPdbs) {
    budgetObjects.push(pdb(ns, 'api-pdb', { app: 'api' }, { maxUnavailable: 1 }));
    budgetObjects.push(pdb(ns, 'backend-pdb', { tier: 'backend' }, { maxUnavailable: 1 }));
  }
  await Promise.all(budgetObjects.map((b) => c.rest.post(paths.pdbs(ns), b)));
  await waitFor(
    `PDB status in ${ns}`,
    () =>
      pdbStatusSettled(
        c.rest,
        ns,
        spec.webBlocked ? { 'web-pdb': 0 } : {},
        spec.apiTwoPdbs ? { names: ['api-pdb', 'backend-pdb'], minTotalAllowed: 1 } : undefined,
      ),
    { timeoutMs: 90_000, intervalMs: 300 },
  );
  return {
    ns,
    node,
    apps: new Map(
      pods.map((p) => [p.metadata.name as string, (p.metadata.labels?.app as string) ?? p.metadata.name]),
    ),
  };
}

/** Our ClusterApi over the harness kubeconfig, recording every mutating request. */
export async function ourApi(): Promise<{ api: KubeClusterApi; sent: SentRequest[] }> {
  const c = await cluster();
  const sent: SentRequest[] = [];
  return { api: new KubeClusterApi(c.kc, { onRequest: (r) => sent.push(r) }), sent };
}

export interface KubectlRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs .bin/kubectl asynchronously (so our drain can run at the same time). */
export async function kubectl(
  args: string[],
  o: { onOutput?: (all: string) => void; timeoutMs?: number } = {},
): Promise<KubectlRun> {
  const c = await cluster();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, ['--kubeconfig', c.kubeconfig, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 180_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      o.onOutput?.(stdout + stderr);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      o.onOutput?.(stdout + stderr);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export type PodOutcomeKind = 'evicted' | 'deleted' | 'failed' | 'skipped';

/** Outcome per app label, sorted: comparable between two fixtures whose pod names differ. */
export function byApp(
  outcomes: Iterable<[podName: string, kind: string]>,
  apps: Map<string, string>,
): string[] {
  const out: string[] = [];
  for (const [name, kind] of outcomes) {
    out.push(`${apps.get(name) ?? name}:${kind}`);
  }
  return out.sort();
}

/**
 * kubectl drain's per-pod outcomes from its output: `pod/<n> evicted|deleted`, the final
 * `error when evicting pods/"<n>" -n "<ns>": <err>` lines (not the "will retry" ones), and
 * every other pod of the fixture counted as skipped.
 */
export function kubectlOutcomes(run: KubectlRun, fixture: Fixture): Map<string, string> {
  const all = `${run.stdout}\n${run.stderr}`;
  const result = new Map<string, string>();
  for (const m of all.matchAll(/^pod\/(\S+) (evicted|deleted)$/gm)) {
    result.set(m[1], m[2]);
  }
  for (const m of all.matchAll(/^error when (?:evicting|deleting) pods\/"([^"]+)" -n "[^"]+": (.*)$/gm)) {
    result.set(m[1], failureClass(m[2]));
  }
  for (const name of fixture.apps.keys()) {
    if (!result.has(name)) {
      result.set(name, 'skipped');
    }
  }
  return result;
}

/** `failed(multiplePdbs)`, `failed(timeout)`, `failed(other)`. */
export function failureClass(message: string): string {
  if (/more than one PodDisruptionBudget/.test(message)) {
    return 'failed(multiplePdbs)';
  }
  if (/global timeout reached/.test(message)) {
    return 'failed(timeout)';
  }
  return `failed(other: ${message})`;
}

/** kubectl's filter refusals: `cannot delete <reason>: <ns>/<pod>, …` → sorted `<reason>: <app>, …`. */
export function kubectlRefusals(run: KubectlRun, fixture: Fixture): string[] {
  const lines = new Set<string>();
  for (const m of run.stderr.matchAll(/^cannot delete (.+?): ((?:[\w.-]+\/[\w.-]+(?:, )?)+)$/gm)) {
    const apps = m[2]
      .split(', ')
      .map((k) => fixture.apps.get(k.split('/')[1]) ?? k)
      .sort();
    lines.add(`${m[1]}: ${apps.join(', ')}`);
  }
  return [...lines].sort();
}

/** Our runner's outcome kinds in the vocabulary of kubectlOutcomes. */
export function ourOutcomeClass(o: {
  outcome: string;
  message: string;
  error?: { message: string };
}): string {
  switch (o.outcome) {
    case 'evicted':
    case 'deleted':
    case 'skipped':
      return o.outcome;
    case 'skippedWait':
      return 'skippedWait';
    case 'timedOut':
      return 'failed(timeout)';
    case 'failed':
      return failureClass(o.error?.message ?? o.message);
    default:
      return o.outcome;
  }
}

/** Real-time deps for the drain runner. */
export const realDeps = {
  now: () => Date.now(),
  sleep: abortableSleep,
};
