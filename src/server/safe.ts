import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** Where handler failures are reported; the server passes `connection.console`. */
export interface ErrorSink {
  error(message: string): void;
}

/** Renders an unknown thrown value with its stack when there is one. */
export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) {
    return `${message}: ${err.stack ?? err.message}`;
  }
  return `${message}: ${String(err)}`;
}

/**
 * Runs a request handler so that it never throws into the connection: a failure is logged and
 * answered with `emptyResult`; a cancelled request is answered with `RequestCancelled`.
 * The user is typing when these run, so failures stay quiet (logged, not shown).
 */
export async function runSafe<T>(
  sink: ErrorSink,
  what: string,
  emptyResult: T,
  token: CancellationToken | undefined,
  handler: () => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) {
    return cancelled();
  }
  try {
    const result = await handler();
    return token?.isCancellationRequested ? cancelled() : result;
  } catch (err) {
    sink.error(formatError(`${what} failed`, err));
    return emptyResult;
  }
}

/** The same for notifications and background work: log and swallow. */
export async function runSafeAsync(
  sink: ErrorSink,
  what: string,
  work: () => Promise<void> | void,
): Promise<void> {
  try {
    await work();
  } catch (err) {
    sink.error(formatError(`${what} failed`, err));
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
