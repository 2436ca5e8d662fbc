/**
 * Waits `ms` milliseconds, or less if `signal` aborts; never rejects. The real `sleep` behind the
 * injected clocks of the drain runner and the informers (tests inject virtual ones).
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
