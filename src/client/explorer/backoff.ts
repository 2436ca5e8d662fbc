/**
 * Exponential backoff with full jitter (the shape client-go's reflector uses): each failure doubles
 * the ceiling up to `maxMs`; a success resets it.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 500,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * @example new Backoff(100, 1000, () => 1).next() // → 100, then 200, 400, 800, 1000, 1000 …
   */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}
