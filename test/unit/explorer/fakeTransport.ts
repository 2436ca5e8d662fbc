// An in-memory API server for the explorer's informers: paginated lists, watches from a
// resourceVersion with an event log (410 when it is compacted), injectable failures.
import { ApiFailure } from '../../../src/client/explorer/apiFailure';
import type {
  KubeTransport,
  ListPage,
  ResourceSpec,
  WatchEvent,
  WatchOptions,
  WatchStream,
} from '../../../src/client/explorer/transport';

interface Collection {
  objects: Map<string, Record<string, unknown>>;
  log: { rv: number; event: WatchEvent }[];
  /** Events at or below this version are forgotten: watching from older → 410. */
  compactedTo: number;
}

interface LiveWatch {
  path: string;
  onEvent: (e: WatchEvent) => void;
  finish: (error?: ApiFailure) => void;
}

export class FakeTransport implements KubeTransport {
  private rv = 100;
  private readonly collections = new Map<string, Collection>();
  private readonly watches = new Set<LiveWatch>();
  /** Failures to throw from the next list calls, per path. */
  readonly listFailures = new Map<string, ApiFailure[]>();
  readonly watchFailures = new Map<string, ApiFailure[]>();
  listCalls = 0;
  watchCalls = 0;
  readonly watchStarts: { path: string; resourceVersion: string }[] = [];

  private collection(path: string): Collection {
    let c = this.collections.get(path);
    if (!c) {
      this.collections.set(path, (c = { objects: new Map(), log: [], compactedTo: 0 }));
    }
    return c;
  }

  /** Adds or replaces an object and notifies watchers. */
  put(path: string, object: Record<string, unknown>): void {
    const c = this.collection(path);
    const key = keyOf(object);
    const type = c.objects.has(key) ? 'MODIFIED' : 'ADDED';
    const stamped = this.stamp(object);
    c.objects.set(key, stamped);
    this.publish(path, { type, object: stamped });
  }

  delete(path: string, key: string): void {
    const c = this.collection(path);
    const existing = c.objects.get(key);
    if (!existing) {
      return;
    }
    c.objects.delete(key);
    this.publish(path, { type: 'DELETED', object: this.stamp(existing) });
  }

  /** Changes the store without telling watchers (what a missed event looks like). */
  putSilently(path: string, object: Record<string, unknown>): void {
    this.collection(path).objects.set(keyOf(object), this.stamp(object));
  }

  deleteSilently(path: string, key: string): void {
    this.collection(path).objects.delete(key);
  }

  /** Forgets the event log, so watching from any earlier version gets 410 Gone. */
  compact(path: string): void {
    const c = this.collection(path);
    c.compactedTo = this.rv;
    c.log = [];
  }

  /** Ends every open watch on a path, cleanly or with a failure (a dropped connection). */
  closeWatches(path?: string, error?: ApiFailure): void {
    for (const w of [...this.watches]) {
      if (!path || w.path === path) {
        w.finish(error);
      }
    }
  }

  sendBookmark(path: string): void {
    const version = String(++this.rv);
    for (const w of this.watches) {
      if (w.path === path) {
        w.onEvent({ type: 'BOOKMARK', object: { metadata: { resourceVersion: version } } });
      }
    }
  }

  get openWatches(): number {
    return this.watches.size;
  }

  async listPage(spec: ResourceSpec, page: { limit: number; continueToken?: string }): Promise<ListPage> {
    this.listCalls++;
    await Promise.resolve();
    const failure = this.listFailures.get(spec.path)?.shift();
    if (failure) {
      throw failure;
    }
    const c = this.collection(spec.path);
    const keys = [...c.objects.keys()].sort();
    const start = page.continueToken ? Number(page.continueToken) : 0;
    const slice = keys.slice(start, start + page.limit);
    const next = start + page.limit < keys.length ? String(start + page.limit) : undefined;
    return {
      items: slice.map((k) => structuredClone(c.objects.get(k))),
      resourceVersion: String(this.rv),
      continueToken: next,
    };
  }

  watch(spec: ResourceSpec, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchStream {
    this.watchCalls++;
    this.watchStarts.push({ path: spec.path, resourceVersion: options.resourceVersion });
    let finish!: (error?: ApiFailure) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = (error) => {
        this.watches.delete(live);
        if (error) {
          reject(error);
        } else {
          resolve();
        }
      };
    });
    const live: LiveWatch = { path: spec.path, onEvent, finish };
    const failure = this.watchFailures.get(spec.path)?.shift();
    if (failure) {
      queueMicrotask(() => finish(failure));
      return { done, stop: () => undefined };
    }
    this.watches.add(live);
    const c = this.collection(spec.path);
    const from = Number(options.resourceVersion);
    queueMicrotask(() => {
      if (from < c.compactedTo) {
        onEvent({
          type: 'ERROR',
          object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' },
        });
        return;
      }
      for (const entry of c.log) {
        if (entry.rv > from) {
          onEvent(structuredClone(entry.event));
        }
      }
    });
    return { done, stop: () => finish() };
  }

  async getObject(path: string): Promise<unknown> {
    for (const c of this.collections.values()) {
      for (const o of c.objects.values()) {
        if ((o.metadata as { selfLink?: string }).selfLink === path) {
          return o;
        }
      }
    }
    throw new ApiFailure('not found', { status: 404 });
  }

  private stamp(object: Record<string, unknown>): Record<string, unknown> {
    const version = String(++this.rv);
    return { ...object, metadata: { ...(object.metadata as object), resourceVersion: version } };
  }

  private publish(path: string, event: WatchEvent): void {
    const c = this.collection(path);
    c.log.push({ rv: this.rv, event });
    for (const w of this.watches) {
      if (w.path === path) {
        w.onEvent(structuredClone(event));
      }
    }
  }
}

function keyOf(object: Record<string, unknown>): string {
  const meta = object.metadata as { name: string; namespace?: string };
  return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}

/** Waits until `condition` holds, checking after every macrotask; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setImmediate(r));
  }
}

export function node(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: { name },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
      allocatable: { pods: '110' },
    },
    ...extra,
  };
}

export function pod(namespace: string, name: string, nodeName?: string): Record<string, unknown> {
  return {
    metadata: { name, namespace, uid: `${namespace}-${name}` },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'app' }] },
    status: { phase: nodeName ? 'Running' : 'Pending' },
  };
}
