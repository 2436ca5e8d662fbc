/**
 * Retries a mutation that failed with 409 Conflict (the object changed between our read and our
 * write). Cordon patches carry no resourceVersion and cannot conflict, but deletes with a uid
 * precondition, guarded finalizer patches re-built from a fresh read and servers behind
 * admission webhooks can. vscode-free; the delay is injected so tests do not sleep.
 */
import type { Result } from '../../shared/result';

export interface ConflictRetryOptions {
  readonly attempts?: number;
  readonly delay?: (attempt: number) => Promise<void>;
  /** Called before each retry, e.g. to log it. */
  readonly onRetry?: (attempt: number, message: string) => void;
}

/**
 * @example await retryOnConflict(() => api.deletePod(ref, {uid}), {attempts: 3})
 */
export async function retryOnConflict<T>(
  run: (attempt: number) => Promise<Result<T>>,
  o: ConflictRetryOptions = {},
): Promise<Result<T>> {
  const attempts = o.attempts ?? 5;
  const delay =
    o.delay ?? ((attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, 100 * 2 ** attempt)));
  let result = await run(1);
  for (let attempt = 2; attempt <= attempts && !result.ok && result.error.kind === 'conflict'; attempt++) {
    o.onRetry?.(attempt, result.error.message);
    await delay(attempt - 1);
    result = await run(attempt);
  }
  return result;
}
