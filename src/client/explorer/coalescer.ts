/**
 * Batches bursts into one callback per window: the first `poke()` arms a timer; every poke until it
 * fires joins the same batch. Unlike a debounce, a continuous watch storm still flushes every
 * `windowMs`, so the UI updates steadily instead of starving.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Coalescer {
  private handle: unknown;

  constructor(
    private readonly windowMs: number,
    private readonly flush: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  poke(): void {
    if (this.handle !== undefined) {
      return;
    }
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      this.flush();
    }, this.windowMs);
  }

  /** Runs a pending flush now (tests, benchmarks, dispose). */
  flushNow(): void {
    if (this.handle === undefined) {
      return;
    }
    this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    this.flush();
  }

  get pending(): boolean {
    return this.handle !== undefined;
  }

  dispose(): void {
    if (this.handle !== undefined) {
      this.timers.clearTimeout(this.handle);
    }
    this.handle = undefined;
  }
}
