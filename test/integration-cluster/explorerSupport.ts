// Helpers for the explorer's cluster-backed tests: a ClusterSession over the real transport, a
// fresh list to compare the cache with, a TCP proxy to cut the connection, and an in-place
// kube-apiserver restart.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { KubeConfig } from '@kubernetes/client-node';
import { loadAll } from 'js-yaml';
import { Backoff } from '../../src/client/explorer/backoff';
import { ClusterSession, type SessionState } from '../../src/client/explorer/clusterSession';
import { ClusterStore } from '../../src/client/explorer/clusterStore';
import { ExplorerModel } from '../../src/client/explorer/explorerModel';
import { KubeHttpTransport } from '../../src/client/k8s/kubeTransport';
import { KWOK_DIR, type KubeRest, waitFor } from '../cluster/harness';

export interface LiveExplorer {
  session: ClusterSession;
  store: ClusterStore;
  model: ExplorerModel;
  transport: KubeHttpTransport;
  states: SessionState[];
  stop(): Promise<void>;
}

export function startExplorer(
  kc: KubeConfig,
  opts: { graceSeconds?: number; now?: () => number } = {},
): LiveExplorer {
  const transport = new KubeHttpTransport(kc);
  const store = new ClusterStore(100);
  const states: SessionState[] = [];
  const model = new ExplorerModel(
    store,
    kc.getCurrentContext(),
    {
      problemsOnly: false,
      nodeHealth: opts.graceSeconds ? { nodeMonitorGracePeriodSeconds: opts.graceSeconds } : {},
    },
    opts.now,
  );
  const session = new ClusterSession({
    transport,
    contextName: kc.getCurrentContext(),
    store,
    // Reconnect quickly in tests; the shape (exponential, jittered) is the product's.
    backoff: () => new Backoff(200, 2000),
    onState: (s) => {
      states.push(s);
      model.setSession(s);
    },
  });
  store.onDidChange((change) => model.update(change));
  session.start();
  return {
    session,
    store,
    model,
    transport,
    states,
    async stop() {
      await session.stop();
      transport.dispose();
    },
  };
}

/** A KubeConfig like `kc` whose server is `server` (the TLS name stays 127.0.0.1). */
export function withServer(kc: KubeConfig, server: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.getClusters().map((c) => (c.name === kc.getCurrentCluster()?.name ? { ...c, server } : c)),
    users: kc.getUsers(),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return copy;
}

interface Listed {
  keys: Set<string>;
  versions: Map<string, string>;
}

async function listAll(rest: KubeRest, apiPath: string, namespaced: boolean): Promise<Listed> {
  const keys = new Set<string>();
  const versions = new Map<string, string>();
  let cont = '';
  do {
    const page = await rest.get(`${apiPath}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    for (const item of page.items ?? []) {
      const key = namespaced ? `${item.metadata.namespace}/${item.metadata.name}` : item.metadata.name;
      keys.add(key);
      versions.set(key, item.metadata.resourceVersion);
    }
    cont = page.metadata?.continue ?? '';
  } while (cont);
  return { keys, versions };
}

/**
 * Waits until the cache equals a fresh list: same node, pod and Lease names, and the same
 * resourceVersion for every node and pod (nothing stale, nothing missing). Retries because the
 * cluster keeps changing (kwok renews Leases; other tests create pods).
 */
export async function expectCacheMatchesFreshList(
  rest: KubeRest,
  store: ClusterStore,
  timeoutMs = 30_000,
): Promise<void> {
  let last = '';
  await waitFor(
    'the explorer cache to equal a fresh list',
    async () => {
      const [nodes, pods, leases] = await Promise.all([
        listAll(rest, '/api/v1/nodes', false),
        listAll(rest, '/api/v1/pods', true),
        listAll(rest, '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', false),
      ]);
      const problems: string[] = [];
      const compare = (
        what: string,
        fresh: Listed,
        cached: Map<string, { metadata?: { resourceVersion?: string } }>,
        checkVersions: boolean,
      ) => {
        for (const k of fresh.keys) {
          if (!cached.has(k)) {
            problems.push(`${what} ${k} missing`);
          }
        }
        for (const k of cached.keys()) {
          if (!fresh.keys.has(k)) {
            problems.push(`${what} ${k} stale`);
          }
        }
        if (checkVersions) {
          for (const [k, v] of fresh.versions) {
            const mine = cached.get(k)?.metadata?.resourceVersion;
            if (mine !== undefined && mine !== v) {
              problems.push(`${what} ${k} at ${mine}, server ${v}`);
            }
          }
        }
      };
      compare('node', nodes, store.nodes, true);
      compare('pod', pods, store.pods, true);
      compare('lease', leases, store.leases, false);
      last = problems.slice(0, 10).join('; ');
      return problems.length === 0;
    },
    { timeoutMs, intervalMs: 500 },
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last differences: ${last}`);
  });
}

/** A TCP proxy in front of the API server that the test can cut and restore. */
export class CuttableProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(port = 0): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Drops every connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) {
      s.destroy();
    }
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

interface Component {
  name: string;
  binary: string;
  args?: string[];
  workDir?: string;
}

function clusterDir(): string {
  return path.join(KWOK_DIR, 'clusters', process.env.KND_CLUSTER_NAME ?? 'knd');
}

/** The components kwokctl recorded in the cluster's kwok.yaml (several YAML documents). */
function components(): Component[] {
  const documents = loadAll(fs.readFileSync(path.join(clusterDir(), 'kwok.yaml'), 'utf8')) as {
    components?: Component[];
  }[];
  return documents.flatMap((d) => d?.components ?? []);
}

function pidFile(name: string): string {
  return path.join(clusterDir(), 'pids', `${name}.pid`);
}

function isRunning(name: string): boolean {
  try {
    return fs.existsSync(`/proc/${Number(fs.readFileSync(pidFile(name), 'utf8').trim())}`);
  } catch {
    return false;
  }
}

/** Starts a component the way kwokctl's binary runtime does: detached, output appended to its log. */
function startComponent(name: string): void {
  const component = components().find((c) => c.name === name);
  if (!component) {
    throw new Error(`${name} not found in kwok.yaml`);
  }
  const log = fs.openSync(path.join(clusterDir(), 'logs', `${name}.log`), 'a');
  // A controller's serving port only carries metrics and health checks, and while it was down
  // another cluster on this machine may have taken it: restart controllers without it.
  const args = (component.args ?? []).map((a) =>
    name !== 'kube-apiserver' && a.startsWith('--secure-port=') ? '--secure-port=0' : a,
  );
  const child = spawn(component.binary, args, {
    cwd: component.workDir ?? clusterDir(),
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  fs.closeSync(log);
  fs.writeFileSync(pidFile(name), String(child.pid));
}

/**
 * Restarts kube-apiserver in place (binary, arguments and working directory from kwok.yaml; pid
 * file updated so `npm run cluster:down` still stops it). A graceful shutdown that hangs on open
 * watches is finished with SIGKILL. kube-controller-manager and kube-scheduler exit when they lose
 * their leader lease during an outage and nothing supervises them here, so they are restarted
 * too when they died.
 */
export async function restartApiserver(rest: KubeRest): Promise<{ downMs: number }> {
  const started = Date.now();
  const pid = Number(fs.readFileSync(pidFile('kube-apiserver'), 'utf8').trim());
  const exited = async () => !fs.existsSync(`/proc/${pid}`);
  if (!(await exited())) {
    process.kill(pid, 'SIGTERM');
    await waitFor('the old kube-apiserver to exit', exited, { timeoutMs: 5_000, intervalMs: 100 }).catch(
      async () => {
        process.kill(pid, 'SIGKILL');
        await waitFor('the old kube-apiserver to be killed', exited, { timeoutMs: 10_000, intervalMs: 100 });
      },
    );
  }
  startComponent('kube-apiserver');
  await waitFor(
    'the restarted kube-apiserver to be ready',
    async () => {
      try {
        return (await rest.raw('GET', '/readyz', undefined, undefined, 2000)).status === 200;
      } catch {
        return false;
      }
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  const downMs = Date.now() - started;
  // The controllers notice a failed renewal only after their renew deadline, then exit: keep them
  // running until each has renewed its leader Lease after the restart.
  const restartedAt = Date.now();
  await waitFor(
    'kube-controller-manager and kube-scheduler to lead again',
    async () => {
      await ensureControllersRunning();
      for (const name of ['kube-controller-manager', 'kube-scheduler']) {
        if (!isRunning(name)) {
          return false;
        }
        // With leader election on (the harness runs them with --leader-elect=false), wait until
        // they lead again; without it there is no Lease and a running process is all there is.
        const lease = await rest.getOpt(`/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`);
        const renewed = Date.parse(String(lease?.spec?.renewTime ?? ''));
        if (lease && !(renewed > restartedAt)) {
          return false;
        }
      }
      return true;
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
  return { downMs };
}

/** Restarts kube-controller-manager / kube-scheduler if they exited (lost leader election). */
export async function ensureControllersRunning(): Promise<string[]> {
  const restarted: string[] = [];
  for (const name of ['kube-controller-manager', 'kube-scheduler']) {
    if (!isRunning(name)) {
      startComponent(name);
      restarted.push(name);
    }
  }
  return restarted;
}
