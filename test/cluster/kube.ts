// Minimal REST access to the loopback test cluster, built on @kubernetes/client-node's KubeConfig
// (TLS material) and node:https. Used by the scenarios, the sim-agent and the harness, where exact
// HTTP status codes and patch content types matter more than typed models.
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

// Kubernetes objects are handled as plain JSON here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export interface RestResponse<T = Json> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export class KubeError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: Json,
  ) {
    super(
      `${method} ${path} -> ${status}: ${typeof body?.message === 'string' ? body.message : JSON.stringify(body)}`,
    );
  }
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

export class KubeRest {
  readonly kc: KubeConfig;
  private readonly server: URL;
  private readonly agent: https.Agent;
  private tls: https.RequestOptions | undefined;

  constructor(kubeconfigPath: string) {
    this.kc = new KubeConfig();
    this.kc.loadFromFile(kubeconfigPath);
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) {
      throw new Error(`no current cluster in ${kubeconfigPath}`);
    }
    this.server = new URL(cluster.server);
    this.agent = new https.Agent({ keepAlive: true, maxSockets: 32 });
  }

  get serverUrl(): string {
    return this.server.toString();
  }

  private async tlsOptions(): Promise<https.RequestOptions> {
    if (!this.tls) {
      const opts: https.RequestOptions = {};
      await this.kc.applyToHTTPSOptions(opts);
      this.tls = opts;
    }
    return this.tls;
  }

  /** Sends one request and returns status/body without throwing on HTTP errors. */
  async raw<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    timeoutMs = 30_000,
    accept = 'application/json',
  ): Promise<RestResponse<T>> {
    const tls = await this.tlsOptions();
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          ...tls,
          agent: this.agent,
          protocol: this.server.protocol,
          hostname: this.server.hostname,
          port: this.server.port,
          method,
          path,
          headers: {
            Accept: accept,
            ...(payload !== undefined
              ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }
              : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            let parsed: any = text;
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              parsed = { message: text };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T, headers: res.headers });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      if (payload !== undefined) {
        req.write(payload);
      }
      req.end();
    });
  }

  /** Like raw() but throws KubeError for non-2xx answers. */
  async req<T = Json>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const r = await this.raw<T>(method, path, body, contentType);
    if (r.status < 200 || r.status > 299) {
      throw new KubeError(method, path, r.status, r.body as Json);
    }
    return r.body;
  }

  get<T = Json>(path: string): Promise<T> {
    return this.req<T>('GET', path);
  }

  /** GET that returns undefined on 404. */
  async getOpt<T = Json>(path: string): Promise<T | undefined> {
    const r = await this.raw<T>('GET', path);
    if (r.status === 404) {
      return undefined;
    }
    if (r.status < 200 || r.status > 299) {
      throw new KubeError('GET', path, r.status, r.body as Json);
    }
    return r.body;
  }

  post<T = Json>(path: string, body: unknown): Promise<T> {
    return this.req<T>('POST', path, body);
  }

  /** POST that treats 409 AlreadyExists as success (returns undefined then). */
  async create<T = Json>(path: string, body: unknown): Promise<T | undefined> {
    const r = await this.raw<T>('POST', path, body);
    if (r.status === 409) {
      return undefined;
    }
    if (r.status < 200 || r.status > 299) {
      throw new KubeError('POST', path, r.status, r.body as Json);
    }
    return r.body;
  }

  put<T = Json>(path: string, body: unknown): Promise<T> {
    return this.req<T>('PUT', path, body);
  }

  patch<T = Json>(path: string, body: unknown, contentType = STRATEGIC_MERGE_PATCH): Promise<T> {
    return this.req<T>('PATCH', path, body, contentType);
  }

  /** DELETE that treats 404 as success. */
  async delete(path: string, options?: Json): Promise<RestResponse> {
    const r = await this.raw('DELETE', path, options);
    if (r.status !== 404 && (r.status < 200 || r.status > 299)) {
      throw new KubeError('DELETE', path, r.status, r.body);
    }
    return r;
  }

  close(): void {
    this.agent.destroy();
  }
}

export const paths = {
  nodes: '/api/v1/nodes',
  node: (n: string) => `/api/v1/nodes/${n}`,
  nodeStatus: (n: string) => `/api/v1/nodes/${n}/status`,
  namespaces: '/api/v1/namespaces',
  namespace: (ns: string) => `/api/v1/namespaces/${ns}`,
  pods: (ns: string) => `/api/v1/namespaces/${ns}/pods`,
  pod: (ns: string, n: string) => `/api/v1/namespaces/${ns}/pods/${n}`,
  podStatus: (ns: string, n: string) => `/api/v1/namespaces/${ns}/pods/${n}/status`,
  podEviction: (ns: string, n: string) => `/api/v1/namespaces/${ns}/pods/${n}/eviction`,
  events: (ns: string) => `/api/v1/namespaces/${ns}/events`,
  leases: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
  lease: (n: string) => `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${n}`,
  replicaSets: (ns: string) => `/apis/apps/v1/namespaces/${ns}/replicasets`,
  daemonSets: (ns: string) => `/apis/apps/v1/namespaces/${ns}/daemonsets`,
  pdbs: (ns: string) => `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets`,
  pdb: (ns: string, n: string) => `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${n}`,
};

/** Polls fn until it returns a non-undefined value, or throws after timeoutMs with the last state. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 60_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) {
        return v;
      }
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? `: last error ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function condition(obj: Json | undefined, type: string): Json | undefined {
  return (obj?.status?.conditions as Json[] | undefined)?.find((c) => c.type === type);
}

export function nowIso(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** MicroTime (Lease renewTime/acquireTime) with microsecond precision. */
export function microTime(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/Z$/, '000Z');
}
