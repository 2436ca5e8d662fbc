/**
 * The ClusterApi port (src/shared/cluster/clusterApi.ts) over the user's kubeconfig: credentials
 * (tokens, client certificates, exec plugins, proxies) come from @kubernetes/client-node's
 * `applySecurityAuthentication`; requests are sent with undici so that the exact bodies and
 * content types kubectl sends (strategic merge patch for cordon, JSON patch for finalizers,
 * policy/v1 Eviction) are ours to choose, and HTTP statuses map onto `Result` errors.
 *
 * No vscode import: the parity suite and the drain benchmark run this file on plain Node 24.
 * Never throws; never logs; errors carry status, verb and resource, never headers or credentials.
 */
import { HttpMethod, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import { fetch } from 'undici';
import {
  type AccessDecision,
  type AccessRequest,
  type ClusterApi,
  type DeletePodOptions,
  type EvictPodOptions,
  type JsonPatchOperation,
  type MutationOptions,
  unschedulablePatchBody,
} from '../../shared/cluster/clusterApi';
import type { NodeInfo, PdbInfo, PodInfo, PodRef } from '../../shared/cluster/model';
import {
  type ApiError,
  type ApiErrorKind,
  type Result,
  apiErrorFromStatus,
  err,
  ok,
} from '../../shared/result';

export const CONTENT_TYPES = {
  json: 'application/json',
  strategicMergePatch: 'application/strategic-merge-patch+json',
  mergePatch: 'application/merge-patch+json',
  jsonPatch: 'application/json-patch+json',
} as const;

/** One request as sent (method, path, content type, body), for tests and the audit trail. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body?: unknown;
}

export interface KubeClusterApiOptions {
  /** Per-request deadline; the drain's own global timeout is separate. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Called before every mutating request (never with headers). */
  readonly onRequest?: (request: SentRequest) => void;
  /** Pod list page size, like kubectl's `--chunk-size` (default 500). */
  readonly chunkSize?: number;
}

interface What {
  readonly verb: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Record<string, string | undefined>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  readonly what: What;
}

type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

const enc = encodeURIComponent;

export class KubeClusterApi implements ClusterApi {
  private dispatcher: Dispatcher | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: KubeClusterApiOptions = {},
  ) {}

  getNode(name: string, signal?: AbortSignal): Promise<Result<NodeInfo>> {
    return this.send<NodeInfo>({
      method: 'GET',
      path: `/api/v1/nodes/${enc(name)}`,
      signal,
      what: { verb: 'get', resource: 'nodes', name },
    });
  }

  patchNodeUnschedulable(
    name: string,
    unschedulable: boolean,
    opts: MutationOptions = {},
  ): Promise<Result<NodeInfo>> {
    return this.send<NodeInfo>({
      method: 'PATCH',
      path: `/api/v1/nodes/${enc(name)}`,
      query: dryRunQuery(opts),
      body: unschedulablePatchBody(unschedulable),
      contentType: CONTENT_TYPES.strategicMergePatch,
      signal: opts.signal,
      what: { verb: 'patch', resource: 'nodes', name },
    });
  }

  async deleteNode(
    name: string,
    opts: MutationOptions & { readonly uid?: string } = {},
  ): Promise<Result<void>> {
    const r = await this.send<unknown>({
      method: 'DELETE',
      path: `/api/v1/nodes/${enc(name)}`,
      query: dryRunQuery(opts),
      body: deleteOptions({ uid: opts.uid }),
      contentType: CONTENT_TYPES.json,
      signal: opts.signal,
      what: { verb: 'delete', resource: 'nodes', name },
    });
    return r.ok ? ok() : r;
  }

  getPod(ref: PodRef, signal?: AbortSignal): Promise<Result<PodInfo>> {
    return this.send<PodInfo>({
      method: 'GET',
      path: podPath(ref),
      signal,
      what: { verb: 'get', resource: 'pods', namespace: ref.namespace, name: ref.name },
    });
  }

  async listPodsOnNode(
    node: string,
    opts: { readonly labelSelector?: string; readonly signal?: AbortSignal } = {},
  ): Promise<Result<PodInfo[]>> {
    const pods: PodInfo[] = [];
    let continueToken: string | undefined;
    do {
      const page = await this.send<{ items?: PodInfo[]; metadata?: { continue?: string } }>({
        method: 'GET',
        path: '/api/v1/pods',
        query: {
          fieldSelector: `spec.nodeName=${node}`,
          labelSelector: opts.labelSelector || undefined,
          limit: String(this.options.chunkSize ?? 500),
          continue: continueToken,
        },
        signal: opts.signal,
        what: { verb: 'list', resource: 'pods' },
      });
      if (!page.ok) {
        return page;
      }
      pods.push(...(page.value.items ?? []));
      continueToken = page.value.metadata?.continue || undefined;
    } while (continueToken);
    return ok(pods);
  }

  async listPdbs(
    opts: { readonly namespace?: string; readonly signal?: AbortSignal } = {},
  ): Promise<Result<PdbInfo[]>> {
    const path = opts.namespace
      ? `/apis/policy/v1/namespaces/${enc(opts.namespace)}/poddisruptionbudgets`
      : '/apis/policy/v1/poddisruptionbudgets';
    const r = await this.send<{ items?: PdbInfo[] }>({
      method: 'GET',
      path,
      signal: opts.signal,
      what: { verb: 'list', resource: 'poddisruptionbudgets.policy', namespace: opts.namespace },
    });
    return r.ok ? ok(r.value.items ?? []) : r;
  }

  async daemonSetExists(namespace: string, name: string, signal?: AbortSignal): Promise<Result<boolean>> {
    const r = await this.send<unknown>({
      method: 'GET',
      path: `/apis/apps/v1/namespaces/${enc(namespace)}/daemonsets/${enc(name)}`,
      signal,
      what: { verb: 'get', resource: 'daemonsets.apps', namespace, name },
    });
    if (r.ok) {
      return ok(true);
    }
    return r.error.kind === 'notFound' ? ok(false) : r;
  }

  async evictPod(ref: PodRef, opts: EvictPodOptions = {}): Promise<Result<void>> {
    const options: Record<string, unknown> = {};
    if (opts.gracePeriodSeconds !== undefined) {
      options.gracePeriodSeconds = opts.gracePeriodSeconds;
    }
    if (opts.dryRun) {
      options.dryRun = ['All'];
    }
    const body: Record<string, unknown> = {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: ref.name, namespace: ref.namespace },
    };
    if (Object.keys(options).length > 0) {
      body.deleteOptions = options;
    }
    const r = await this.send<unknown>({
      method: 'POST',
      path: `${podPath(ref)}/eviction`,
      body,
      contentType: CONTENT_TYPES.json,
      signal: opts.signal,
      what: { verb: 'create', resource: 'pods/eviction', namespace: ref.namespace, name: ref.name },
    });
    return r.ok ? ok() : r;
  }

  async deletePod(ref: PodRef, opts: DeletePodOptions = {}): Promise<Result<void>> {
    const r = await this.send<unknown>({
      method: 'DELETE',
      path: podPath(ref),
      query: dryRunQuery(opts),
      body: deleteOptions({ uid: opts.uid, gracePeriodSeconds: opts.gracePeriodSeconds }),
      contentType: CONTENT_TYPES.json,
      signal: opts.signal,
      what: { verb: 'delete', resource: 'pods', namespace: ref.namespace, name: ref.name },
    });
    return r.ok ? ok() : r;
  }

  patchPodFinalizers(
    ref: PodRef,
    operations: readonly JsonPatchOperation[],
    opts: MutationOptions = {},
  ): Promise<Result<PodInfo>> {
    return this.send<PodInfo>({
      method: 'PATCH',
      path: podPath(ref),
      query: dryRunQuery(opts),
      body: operations,
      contentType: CONTENT_TYPES.jsonPatch,
      signal: opts.signal,
      what: { verb: 'patch', resource: 'pods', namespace: ref.namespace, name: ref.name },
    });
  }

  async checkAccess(request: AccessRequest, signal?: AbortSignal): Promise<Result<AccessDecision>> {
    const r = await this.send<{ status?: { allowed?: boolean; reason?: string; evaluationError?: string } }>({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: request.verb,
            resource: request.resource,
            group: request.group ?? '',
            ...(request.subresource ? { subresource: request.subresource } : {}),
            ...(request.namespace ? { namespace: request.namespace } : {}),
            ...(request.name ? { name: request.name } : {}),
          },
        },
      },
      contentType: CONTENT_TYPES.json,
      signal,
      what: { verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io' },
    });
    if (!r.ok) {
      return r;
    }
    const status = r.value.status ?? {};
    const reason = status.reason || status.evaluationError || undefined;
    return ok({ allowed: status.allowed === true, ...(reason ? { reason } : {}) });
  }

  /** Closes the connection pool. */
  dispose(): void {
    const d = this.dispatcher as { close?: () => Promise<void> } | undefined;
    this.dispatcher = undefined;
    void d?.close?.().catch(() => undefined);
  }

  private async send<T>(spec: RequestSpec): Promise<Result<T>> {
    if (spec.signal?.aborted) {
      return err(cancelled(spec.what));
    }
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) {
      return err({ kind: 'unknown', message: 'the context names no cluster', ...spec.what });
    }
    const url = new URL(cluster.server.replace(/\/+$/, '') + spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, value);
      }
    }
    const context = new RequestContext(url.toString(), HttpMethod[spec.method]);
    try {
      await this.kubeConfig.applySecurityAuthentication(context);
    } catch (error) {
      return err({ kind: 'unauthorized', message: `credentials: ${safeFirstLine(error)}`, ...spec.what });
    }
    this.dispatcher ??= context.getDispatcher();
    const headers: Record<string, string> = { ...context.getHeaders(), Accept: 'application/json' };
    let payload: string | undefined;
    if (spec.body !== undefined) {
      payload = JSON.stringify(spec.body);
      headers['Content-Type'] = spec.contentType ?? CONTENT_TYPES.json;
    }
    if (spec.method !== 'GET') {
      this.options.onRequest?.({
        method: spec.method,
        path: url.pathname + url.search,
        contentType: headers['Content-Type'],
        body: spec.body,
      });
    }
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, {
        method: spec.method,
        headers,
        body: payload,
        dispatcher: this.dispatcher,
        signal,
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { message: text.slice(0, 500) };
      }
      if (response.ok) {
        return ok(parsed as T);
      }
      // A rotated client certificate needs a new connection pool.
      if (response.status === 401) {
        this.dispatcher = undefined;
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      return err(
        apiErrorFromStatus(response.status, parsed, {
          ...spec.what,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
        }),
      );
    } catch (error) {
      if (spec.signal?.aborted) {
        return err(cancelled(spec.what));
      }
      return err(transportError(error, spec.what));
    }
  }
}

function podPath(ref: PodRef): string {
  return `/api/v1/namespaces/${enc(ref.namespace)}/pods/${enc(ref.name)}`;
}

function dryRunQuery(opts: MutationOptions): Record<string, string> | undefined {
  return opts.dryRun ? { dryRun: 'All' } : undefined;
}

function deleteOptions(o: { uid?: string; gracePeriodSeconds?: number }): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (o.gracePeriodSeconds !== undefined) {
    body.gracePeriodSeconds = o.gracePeriodSeconds;
  }
  if (o.uid) {
    body.preconditions = { uid: o.uid };
  }
  return body;
}

function cancelled(what: What): ApiError {
  return { kind: 'cancelled', message: 'cancelled', ...what };
}

/** Maps undici/Node errors (no response) onto network, timeout and tls kinds. */
function transportError(error: unknown, what: What): ApiError {
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string; name?: string };
  };
  const code = e.cause?.code ?? e.code ?? '';
  const name = e.cause?.name ?? e.name ?? '';
  let kind: ApiErrorKind = 'network';
  if (name === 'TimeoutError' || /TIMEOUT/i.test(code)) {
    kind = 'timeout';
  } else if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    kind = 'tls';
  }
  const detail = safeFirstLine(e.cause?.message ?? e.message ?? String(error));
  return { kind, message: code ? `${detail} (${code})` : detail, ...what };
}

/** The first line of an error, shortened, with anything token-shaped removed. */
function safeFirstLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return text
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<redacted>')
    .replace(/(bearer|token)[\s:=]+\S+/gi, '$1 <redacted>')
    .slice(0, 200);
}
