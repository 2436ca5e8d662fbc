/**
 * Go `time.Duration` strings as printed by the kubelet (`6m57.173099499s`, `3m0s`, `1h2m`, `417ms`).
 *
 * @example
 * parseGoDuration('6m57.173099499s') // → 417.173099499
 * formatSeconds(417.17)              // → '6m57s'
 */
export function parseGoDuration(text: string): number | undefined {
  const m =
    /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?(?:(\d+(?:\.\d+)?)(?:µs|us))?(?:(\d+(?:\.\d+)?)ns)?$/.exec(
      text.trim(),
    );
  if (!m || m.slice(1).every((part) => part === undefined)) {
    return undefined;
  }
  const [h, min, s, ms, us, ns] = m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  return h * 3600 + min * 60 + s + ms / 1e3 + us / 1e6 + ns / 1e9;
}

/** Whole seconds in the compact `1h2m3s` style (sub-second values print as `0.4s`). */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) {
    return `${Math.round(seconds * 10) / 10}s`;
  }
  let rest = Math.round(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
