/**
 * One list+watch cache loop for one resource, without client-node and without VS Code:
 *
 *   list (paginated: limit/continue) → sink.replace(all items) → watch from the list's
 *   resourceVersion with bookmarks → apply events → when the server ends the watch, watch again
 *   from the last resourceVersion seen; on 410 Gone (expired resourceVersion or continue token)
 *   relist; on any other failure wait with exponential backoff and retry.
 *
 * A relist replaces the whole set, so whatever happened while we were disconnected (an apiserver
 * restart, a missed delete) is reconciled. Only projected items reach the sink.
 */
import { ApiFailure } from './apiFailure';
import { Backoff } from './backoff';
import type { KubeTransport, ResourceSpec, WatchEvent } from './transport';
import { abortableSleep } from '../../node/abortableSleep';

export interface InformerSink<T> {
  /** The result of a complete list: everything not in `items` is gone. */
  replace(items: T[]): void;
  upsert(item: T): void;
  remove(key: string): void;
}

export type InformerPhase = 'listing' | 'watching' | 'waiting' | 'stopped';

export interface InformerStatus {
  resource: string;
  phase: InformerPhase;
  /** True once a complete list has been delivered (stays true across reconnects). */
  synced: boolean;
  /** The last failure, cleared by the next successful list or watch event. */
  failure?: ApiFailure;
  relists: number;
}

export interface InformerOptions<T> {
  spec: ResourceSpec;
  transport: KubeTransport;
  project: (raw: unknown) => T | undefined;
  keyOf: (raw: unknown) => string | undefined;
  sink: InformerSink<T>;
  onStatus?: (status: InformerStatus) => void;
  pageLimit?: number;
  backoff?: Backoff;
  /** Server-side watch timeout; randomised per watch like client-go (5–10 min by default). */
  watchTimeoutSeconds?: () => number;
  /** A watch that ends cleanly sooner than this without events counts as a failure (no hot loop). */
  minWatchMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

export class Informer<T> {
  private readonly abort = new AbortController();
  private resourceVersion: string | undefined;
  private running: Promise<void> | undefined;
  private currentWatch: { stop(): void } | undefined;
  private readonly status: InformerStatus;
  private readonly backoff: Backoff;

  constructor(private readonly o: InformerOptions<T>) {
    this.backoff = o.backoff ?? new Backoff();
    this.status = { resource: o.spec.name, phase: 'listing', synced: false, relists: 0 };
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Forces a relist on the next turn (the Refresh command). */
  relist(): void {
    this.resourceVersion = undefined;
    this.currentWatch?.stop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.currentWatch?.stop();
    this.setStatus({ phase: 'stopped' });
    await this.running;
  }

  get snapshotStatus(): InformerStatus {
    return { ...this.status };
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.resourceVersion === undefined) {
          this.setStatus({ phase: 'listing' });
          this.resourceVersion = await this.listAll();
          this.backoff.reset();
          this.setStatus({ synced: true, failure: undefined });
        }
        if (this.stopped) {
          break;
        }
        this.setStatus({ phase: 'watching' });
        await this.watchOnce(this.resourceVersion);
      } catch (error) {
        if (this.stopped) {
          break;
        }
        const failure = toFailure(error);
        if (failure.isGone) {
          this.resourceVersion = undefined;
          this.setStatus({ relists: this.status.relists + 1 });
          // A second 410 in a row means something odd; back off rather than spin.
          if (this.backoff.failures > 0) {
            await this.wait();
          }
          this.backoff.next();
          continue;
        }
        this.setStatus({ failure, phase: 'waiting' });
        await this.wait();
      }
    }
  }

  private async wait(): Promise<void> {
    const sleep = this.o.sleep ?? abortableSleep;
    await sleep(this.backoff.next(), this.abort.signal);
  }

  /** Reads every page, projecting as it goes; returns the list's resourceVersion. */
  private async listAll(): Promise<string> {
    const limit = this.o.pageLimit ?? 500;
    const items: T[] = [];
    let page = await this.o.transport.listPage(this.o.spec, { limit }, this.abort.signal);
    const resourceVersion = page.resourceVersion;
    for (;;) {
      // Ask for the next page before projecting this one, so the network overlaps the CPU work.
      const next = page.continueToken
        ? this.o.transport.listPage(
            this.o.spec,
            { limit, continueToken: page.continueToken },
            this.abort.signal,
          )
        : undefined;
      next?.catch(() => undefined); // observed below; avoids an unhandled rejection while we project
      for (const raw of page.items) {
        const item = this.o.project(raw);
        if (item !== undefined) {
          items.push(item);
        }
      }
      if (!next) {
        break;
      }
      page = await next;
    }
    if (this.stopped) {
      throw new ApiFailure('stopped');
    }
    this.o.sink.replace(items);
    return resourceVersion;
  }

  private async watchOnce(fromVersion: string): Promise<void> {
    const startedAt = (this.o.now ?? Date.now)();
    let events = 0;
    let gone: ApiFailure | undefined;
    let serverError: ApiFailure | undefined;
    const stream = this.o.transport.watch(
      this.o.spec,
      { resourceVersion: fromVersion, timeoutSeconds: (this.o.watchTimeoutSeconds ?? randomWatchTimeout)() },
      (event) => {
        if (gone || serverError) {
          return;
        }
        const outcome = this.apply(event);
        if (outcome instanceof ApiFailure) {
          if (outcome.isGone) {
            gone = outcome;
          } else {
            serverError = outcome;
          }
          stream.stop();
          return;
        }
        events++;
        if (events === 1 && this.status.failure) {
          this.backoff.reset();
          this.setStatus({ failure: undefined });
        }
      },
    );
    this.currentWatch = stream;
    if (this.stopped) {
      stream.stop();
    } // stop() ran while the list was finishing
    try {
      await stream.done;
    } catch (error) {
      if (!gone && !serverError) {
        throw error;
      }
    } finally {
      this.currentWatch = undefined;
    }
    if (gone) {
      throw gone;
    }
    if (serverError) {
      throw serverError;
    }
    if (this.resourceVersion === undefined) {
      return;
    } // relist() was called
    const lasted = (this.o.now ?? Date.now)() - startedAt;
    if (events === 0 && lasted < (this.o.minWatchMs ?? 1000)) {
      throw new ApiFailure(`watch of ${this.o.spec.name} ended immediately`, { code: 'WATCH_ENDED' });
    }
    this.backoff.reset();
  }

  /** Applies one watch event; returns an ApiFailure for an ERROR event. */
  private apply(event: WatchEvent): ApiFailure | undefined {
    const object = event.object as { metadata?: { resourceVersion?: string } } | undefined;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const item = this.o.project(object);
        if (item !== undefined) {
          this.o.sink.upsert(item);
        }
        break;
      }
      case 'DELETED': {
        const key = this.o.keyOf(object);
        if (key !== undefined) {
          this.o.sink.remove(key);
        }
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR':
        return statusToFailure(object, this.o.spec);
      default:
        return undefined;
    }
    const version = object?.metadata?.resourceVersion;
    if (version && this.resourceVersion !== undefined) {
      this.resourceVersion = version;
    }
    return undefined;
  }

  private setStatus(change: Partial<InformerStatus>): void {
    Object.assign(this.status, change);
    this.o.onStatus?.({ ...this.status });
  }
}

/** A watch ERROR event carries a metav1.Status; code 410 (reason Expired/Gone) means relist. */
function statusToFailure(object: unknown, spec: ResourceSpec): ApiFailure {
  const status = (object ?? {}) as { code?: number; reason?: string; message?: string };
  return new ApiFailure(status.message ?? 'watch error', {
    status: status.code,
    reason: status.reason,
    verb: 'watch',
    resource: spec.rbacResource,
    namespace: spec.namespace,
  });
}

function toFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) {
    return error;
  }
  return new ApiFailure(error instanceof Error ? error.message : String(error));
}

function randomWatchTimeout(): number {
  return Math.floor(300 + Math.random() * 300);
}
