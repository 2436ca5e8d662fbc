// Test harness for cluster-backed tests (node:test). Usage:
//
//   import { test, before } from 'node:test';
//   import { cluster, testNamespace } from '../cluster/harness';
//   test('x', async (t) => {
//     const c = await cluster();              // attach (or start) once per process
//     const ns = await testNamespace(t);      // fresh namespace, removed after the test
//     ...
//   });
//
// attach: if .kwok/kubeconfig answers /readyz, the running cluster is used (scenarios are applied
// idempotently on first use). Otherwise the cluster is started with scripts/cluster/up.sh
// (unless KND_CLUSTER_AUTOSTART=0) under a lock file, so parallel test files start it only once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import type { TestContext } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeRest, Json, paths, waitFor, condition, MERGE_PATCH } from './kube';
import { applyScenario, ensureNode, NodeOptions, PodOptions, ensurePod, LABEL_SCENARIO } from './scenarios';

export { waitFor, condition, paths, KubeRest } from './kube';
export type { Json } from './kube';

export const REPO_ROOT = findRepoRoot(__dirname);
export const KWOK_DIR = path.join(REPO_ROOT, '.kwok');
export const CLUSTER_NAME = process.env.KND_CLUSTER_NAME ?? 'knd';
export const KUBECONFIG =
  process.env.KND_KUBECONFIG ??
  path.join(KWOK_DIR, CLUSTER_NAME === 'knd' ? 'kubeconfig' : `kubeconfig-${CLUSTER_NAME}`);
export const KUBECTL = path.join(REPO_ROOT, '.bin', 'kubectl');
const LOCK = path.join(KWOK_DIR, `harness-start-${CLUSTER_NAME}.lock`);

function findRepoRoot(dir: string): string {
  let d = dir;
  while (!fs.existsSync(path.join(d, 'scripts', 'cluster', 'up.sh'))) {
    const up = path.dirname(d);
    if (up === d) {
      throw new Error(`cannot find the repository root above ${dir}`);
    }
    d = up;
  }
  return d;
}

export interface Cluster {
  rest: KubeRest;
  kc: KubeConfig;
  kubeconfig: string;
  /** Runs .bin/kubectl (same version as the server) against the cluster. */
  kubectl(args: string[], opts?: { input?: string; timeoutMs?: number }): SpawnSyncReturns<string>;
}

let clusterPromise: Promise<Cluster> | undefined;
const appliedScenarios = new Map<string, Promise<void>>();

function log(m: string): void {
  process.stderr.write(`[harness] ${m}\n`);
}

async function apiReady(): Promise<boolean> {
  if (!fs.existsSync(KUBECONFIG)) {
    return false;
  }
  const rest = new KubeRest(KUBECONFIG);
  try {
    const r = await rest.raw('GET', '/readyz', undefined, undefined, 5000);
    return r.status === 200;
  } catch {
    return false;
  } finally {
    rest.close();
  }
}

function runScript(script: string, args: string[]): void {
  const r = spawnSync(path.join(REPO_ROOT, 'scripts', 'cluster', script), args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`scripts/cluster/${script} ${args.join(' ')} failed with exit code ${r.status}`);
  }
}

async function startOrAttach(): Promise<Cluster> {
  if (!(await apiReady())) {
    if (process.env.KND_CLUSTER_AUTOSTART === '0') {
      throw new Error(
        `no running cluster at ${KUBECONFIG} and KND_CLUSTER_AUTOSTART=0; run 'npm run cluster:up'`,
      );
    }
    fs.mkdirSync(KWOK_DIR, { recursive: true });
    let fd: number | undefined;
    // A lock left behind by a crashed test process (older than 5 minutes) is removed.
    try {
      if (Date.now() - fs.statSync(LOCK).mtimeMs > 300_000) {
        fs.rmSync(LOCK, { force: true });
      }
    } catch {
      /* no lock */
    }
    try {
      fd = fs.openSync(LOCK, 'wx');
    } catch {
      // Another test process is starting the cluster: wait for it.
      await waitFor(
        'cluster started by another test process',
        async () => (await apiReady()) || !fs.existsSync(LOCK),
        {
          timeoutMs: 300_000,
          intervalMs: 1000,
        },
      );
    }
    if (fd !== undefined) {
      try {
        if (!(await apiReady())) {
          log('no running cluster: starting one (scripts/cluster/up.sh --recreate)');
          runScript('up.sh', ['--recreate']);
        }
      } finally {
        fs.closeSync(fd);
        fs.rmSync(LOCK, { force: true });
      }
    }
    if (!(await apiReady())) {
      throw new Error('cluster did not come up; see the output of scripts/cluster/up.sh');
    }
  }
  // The sim-agent keeps sick-but-alive nodes' Leases fresh; (re)start it if it is not running.
  runScript('sim-agent.sh', ['start']);
  const rest = new KubeRest(KUBECONFIG);
  return {
    rest,
    kc: rest.kc,
    kubeconfig: KUBECONFIG,
    kubectl: (args, opts = {}) =>
      spawnSync(KUBECTL, ['--kubeconfig', KUBECONFIG, ...args], {
        encoding: 'utf8',
        input: opts.input,
        timeout: opts.timeoutMs ?? 60_000,
      }),
  };
}

/** The shared cluster (started or attached once per process). */
export function cluster(): Promise<Cluster> {
  clusterPromise ??= startOrAttach();
  return clusterPromise;
}

/** Makes sure a scenario's fixtures exist (idempotent, once per process per scenario). */
export async function scenario(name: string): Promise<Cluster> {
  const c = await cluster();
  let p = appliedScenarios.get(name);
  if (!p) {
    p = applyScenario({ rest: c.rest, log }, name);
    appliedScenarios.set(name, p);
  }
  await p;
  return c;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/**
 * A fresh namespace for one test, deleted afterwards (pods in it are force-deleted and their
 * finalizers stripped first, so pods stuck on a dead node do not keep the namespace alive).
 */
export async function testNamespace(t: TestContext): Promise<string> {
  const c = await cluster();
  const ns = `t-${slug(t.name) || 'test'}-${Math.random().toString(36).slice(2, 7)}`;
  await c.rest.post(paths.namespaces, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels: { 'sim.knd.test/test': 'true' } },
  });
  await waitFor(
    `serviceaccount default in ${ns}`,
    () => c.rest.getOpt(`/api/v1/namespaces/${ns}/serviceaccounts/default`),
    { timeoutMs: 30_000 },
  );
  t.after(() => deleteNamespace(c.rest, ns));
  return ns;
}

export async function deleteNamespace(rest: KubeRest, ns: string): Promise<void> {
  const pods = await rest.getOpt(paths.pods(ns));
  for (const p of (pods?.items as Json[] | undefined) ?? []) {
    if (p.metadata.finalizers?.length) {
      await rest.raw(
        'PATCH',
        paths.pod(ns, p.metadata.name),
        { metadata: { finalizers: null } },
        MERGE_PATCH,
      );
    }
    await rest.delete(paths.pod(ns, p.metadata.name), { gracePeriodSeconds: 0 });
  }
  await rest.delete(paths.namespace(ns));
}

/**
 * A node owned by one test (name prefixed with "t-"), deleted afterwards together with its Lease.
 * agent 'kwok' = healthy kwok-managed node; agent 'sim' = status written by the test/sim-agent.
 */
export async function testNode(
  t: TestContext,
  o: Omit<NodeOptions, 'scenario' | 'name'> & { name?: string },
): Promise<string> {
  const c = await cluster();
  const name = o.name ?? `t-${slug(t.name).slice(0, 30) || 'node'}-${Math.random().toString(36).slice(2, 7)}`;
  await ensureNode(c.rest, { ...o, name, scenario: 'test' });
  t.after(async () => {
    await c.rest.delete(paths.node(name));
    await c.rest.delete(paths.lease(name));
  });
  return name;
}

export async function createPod(o: PodOptions): Promise<Json> {
  const c = await cluster();
  return ensurePod(c.rest, o);
}

export function waitForPod(
  ns: string,
  name: string,
  pred: (p: Json) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<Json> {
  return cluster().then((c) =>
    waitFor(
      `pod ${ns}/${name}: ${what}`,
      async () => {
        const p = await c.rest.getOpt(paths.pod(ns, name));
        return p && pred(p) ? p : undefined;
      },
      { timeoutMs },
    ),
  );
}

export function waitForPodGone(ns: string, name: string, timeoutMs = 60_000): Promise<true> {
  return cluster().then((c) =>
    waitFor(
      `pod ${ns}/${name} to be gone`,
      async () => ((await c.rest.getOpt(paths.pod(ns, name))) ? undefined : true),
      { timeoutMs },
    ),
  );
}

export function waitForNode(
  name: string,
  pred: (n: Json) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<Json> {
  return cluster().then((c) =>
    waitFor(
      `node ${name}: ${what}`,
      async () => {
        const n = await c.rest.getOpt(paths.node(name));
        return n && pred(n) ? n : undefined;
      },
      { timeoutMs, intervalMs: 500 },
    ),
  );
}

export function waitForNodeCondition(
  name: string,
  type: string,
  status: string,
  timeoutMs = 60_000,
): Promise<Json> {
  return waitForNode(name, (n) => condition(n, type)?.status === status, `${type}=${status}`, timeoutMs);
}

/**
 * The node lifecycle controller's grace period as configured by kwokctl
 * (--node-monitor-grace-period; 40 s at heartbeat factor 1). Read from the component's args.
 */
export function nodeMonitorGracePeriodMs(): number {
  const cfg = path.join(KWOK_DIR, 'clusters', CLUSTER_NAME, 'kwok.yaml');
  try {
    const m = /--node-monitor-grace-period=(\d+(?:\.\d+)?)(ms|s|m)/.exec(fs.readFileSync(cfg, 'utf8'));
    if (m) {
      return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
    }
  } catch {
    /* fall through */
  }
  return 40_000;
}

/** Starts `kubectl ... --watch` and resolves with its output once `until` matches it. */
export async function kubectlWatchUntil(
  args: string[],
  until: (out: string) => boolean,
  trigger: () => Promise<void>,
  timeoutMs = 30_000,
): Promise<string> {
  const c = await cluster();
  const child = spawn(KUBECTL, ['--kubeconfig', c.kubeconfig, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    // The watch is established once kubectl printed the initial state.
    await waitFor(
      'kubectl watch to print the initial state',
      () => out.length > 0 || child.exitCode !== null,
      { timeoutMs },
    );
    if (child.exitCode !== null) {
      throw new Error(`kubectl exited early (${child.exitCode}): ${err}`);
    }
    await trigger();
    await waitFor(`kubectl ${args.join(' ')} output to match`, () => until(out), { timeoutMs });
    return out;
  } finally {
    child.kill('SIGTERM');
  }
}

export { LABEL_SCENARIO };
