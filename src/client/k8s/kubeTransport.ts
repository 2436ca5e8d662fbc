/**
 * KubeTransport over @kubernetes/client-node's credentials: the kubeconfig's tokens, client
 * certificates, exec credential plugins and proxies are applied by client-node's
 * `applySecurityAuthentication`; we send the request with undici ourselves (the same way
 * client-node's Watch does) so a page of 500 pods is JSON-parsed once and projected, instead of
 * being deserialised into model classes we would throw away.
 *
 * No vscode import: the integration tests and benchmarks run this file on plain Node 24.
 * Nothing here logs; errors carry status, code, verb and resource but never headers or bodies
 * that could hold credentials.
 */
import { HttpMethod, type KubeConfig, RequestContext } from '@kubernetes/client-node';
import { fetch } from 'undici';
import { ApiFailure } from '../explorer/apiFailure';
import type {
  KubeTransport,
  ListPage,
  ResourceSpec,
  WatchEvent,
  WatchOptions,
  WatchStream,
} from '../explorer/transport';

type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

interface Prepared {
  url: URL;
  headers: Record<string, string>;
  dispatcher: Dispatcher;
}

export class KubeHttpTransport implements KubeTransport {
  /** One connection pool per transport; client-node would build a new agent per request. */
  private dispatcher: Dispatcher | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly requestTimeoutMs = 30_000,
  ) {}

  async listPage(
    spec: ResourceSpec,
    page: { limit: number; continueToken?: string },
    signal: AbortSignal,
  ): Promise<ListPage> {
    const query: Record<string, string> = { limit: String(page.limit) };
    if (page.continueToken) {
      query.continue = page.continueToken;
    }
    if (spec.fieldSelector) {
      query.fieldSelector = spec.fieldSelector;
    }
    const body = (await this.requestJson(spec.path, query, signal, {
      verb: 'list',
      resource: spec.rbacResource,
      namespace: spec.namespace,
    })) as { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };
    return {
      items: body.items ?? [],
      resourceVersion: body.metadata?.resourceVersion ?? '',
      continueToken: body.metadata?.continue || undefined,
    };
  }

  async getObject(path: string, signal?: AbortSignal): Promise<unknown> {
    return this.requestJson(path, {}, signal, { verb: 'get', resource: path.split('/').slice(-2, -1)[0] });
  }

  watch(spec: ResourceSpec, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchStream {
    const controller = new AbortController();
    const query: Record<string, string> = {
      watch: 'true',
      allowWatchBookmarks: 'true',
      resourceVersion: options.resourceVersion,
      timeoutSeconds: String(options.timeoutSeconds),
    };
    if (spec.fieldSelector) {
      query.fieldSelector = spec.fieldSelector;
    }
    const what = { verb: 'watch', resource: spec.rbacResource, namespace: spec.namespace };
    const done = (async () => {
      const prepared = await this.prepare(spec.path, query, what);
      // Inactivity guard: the server closes after timeoutSeconds; a silent half-open connection
      // would otherwise hang forever.
      let idle: ReturnType<typeof setTimeout> | undefined;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(
          () => controller.abort(new DOMException('watch idle', 'TimeoutError')),
          (options.timeoutSeconds + 30) * 1000,
        );
      };
      arm();
      try {
        const response = await this.send(prepared, controller.signal, what);
        const decoder = new TextDecoder();
        let buffered = '';
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          arm();
          buffered += decoder.decode(chunk, { stream: true });
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (line.trim().length > 0) {
              emitLine(line, onEvent);
            }
            newline = buffered.indexOf('\n');
          }
        }
        if (buffered.trim().length > 0) {
          emitLine(buffered, onEvent);
        }
      } catch (error) {
        if (
          controller.signal.aborted &&
          !(
            controller.signal.reason instanceof DOMException &&
            controller.signal.reason.name === 'TimeoutError'
          )
        ) {
          return; // stopped by us
        }
        throw toFailure(error, what);
      } finally {
        clearTimeout(idle);
      }
    })();
    return { done, stop: () => controller.abort() };
  }

  dispose(): void {
    const d = this.dispatcher as { close?: () => Promise<void> } | undefined;
    this.dispatcher = undefined;
    void d?.close?.().catch(() => undefined);
  }

  private async requestJson(
    path: string,
    query: Record<string, string>,
    signal: AbortSignal | undefined,
    what: { verb: string; resource?: string; namespace?: string },
  ): Promise<unknown> {
    const prepared = await this.prepare(path, query, what);
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await this.send(prepared, combined, what);
      return JSON.parse(await response.text());
    } catch (error) {
      throw toFailure(error, what);
    }
  }

  private async prepare(
    path: string,
    query: Record<string, string>,
    what: { verb: string; resource?: string; namespace?: string },
  ): Promise<Prepared> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) {
      throw new ApiFailure('the context names no cluster', { code: 'NO_CLUSTER', ...what });
    }
    const url = new URL(cluster.server.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
    const context = new RequestContext(url.toString(), HttpMethod.GET);
    try {
      await this.kubeConfig.applySecurityAuthentication(context);
    } catch (error) {
      // Only a plugin or provider can fail to produce credentials; otherwise the kubeconfig itself
      // is unusable (e.g. an http:// server without insecure-skip-tls-verify).
      const user = this.kubeConfig.getCurrentUser();
      const plugin = Boolean(user?.exec || user?.authProvider);
      throw new ApiFailure(`${plugin ? 'credentials' : 'kubeconfig'}: ${safeFirstLine(error)}`, {
        credentials: plugin,
        code: plugin ? undefined : 'KUBECONFIG',
        ...what,
      });
    }
    this.dispatcher ??= context.getDispatcher();
    return {
      url,
      headers: { ...context.getHeaders(), Accept: 'application/json' },
      dispatcher: this.dispatcher,
    };
  }

  private async send(
    prepared: Prepared,
    signal: AbortSignal,
    what: { verb: string; resource?: string; namespace?: string },
  ): Promise<Response> {
    const response = (await fetch(prepared.url, {
      method: 'GET',
      headers: prepared.headers,
      dispatcher: prepared.dispatcher,
      signal,
    })) as unknown as Response;
    if (response.ok) {
      return response;
    }
    let status: { message?: string; reason?: string; code?: number } = {};
    try {
      status = JSON.parse(await response.text()) as typeof status;
    } catch {
      // not a Status body
    }
    // Rebuild the connection pool next time: a rotated client certificate needs a new agent.
    if (response.status === 401) {
      this.dispatcher = undefined;
    }
    throw new ApiFailure(status.message ?? `HTTP ${response.status}`, {
      status: response.status,
      reason: status.reason,
      ...what,
    });
  }
}

function emitLine(line: string, onEvent: (event: WatchEvent) => void): void {
  let parsed: { type?: string; object?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    return;
  }
  if (typeof parsed.type === 'string') {
    onEvent({ type: parsed.type, object: parsed.object });
  }
}

function toFailure(
  error: unknown,
  what: { verb: string; resource?: string; namespace?: string },
): ApiFailure {
  if (error instanceof ApiFailure) {
    return error;
  }
  const err = error as {
    name?: string;
    message?: string;
    code?: string;
    cause?: { code?: string; message?: string; name?: string };
  };
  const code =
    err.cause?.code ??
    err.code ??
    (err.name === 'TimeoutError' || err.cause?.name === 'TimeoutError' ? 'TimeoutError' : undefined);
  const message = err.cause?.message ?? err.message ?? String(error);
  return new ApiFailure(message, { code, ...what });
}

/** The first line of an error, shortened, with anything token-shaped removed. */
function safeFirstLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return text
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<redacted>')
    .replace(/(bearer|token)[\s:=]+\S+/gi, '$1 <redacted>')
    .slice(0, 200);
}
