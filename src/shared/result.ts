/**
 * `Result<T>`: success or a structured API error, so callers can word messages and the drain loop
 * can tell a PDB 429 from a multi-PDB 500 without parsing text. Pure; no I/O.
 */

export type ApiErrorKind =
  | 'forbidden' // 403
  | 'notFound' // 404
  | 'conflict' // 409
  | 'gone' // 410 (watch resourceVersion too old → relist)
  | 'invalid' // 422 (e.g. a JSON patch `test` op failed)
  | 'tooManyRequests' // 429 (PDB, or API priority and fairness)
  | 'unauthorized' // 401
  | 'network' // connection refused/reset, DNS, unreachable
  | 'timeout' // client or server timeout (504, request deadline)
  | 'tls' // certificate verification, handshake
  | 'serverError' // other 5xx (incl. the multi-PDB eviction 500)
  | 'cancelled' // our own AbortSignal fired
  | 'unknown';

/** One entry of a Kubernetes `Status.details.causes`. */
export interface ApiErrorCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

export interface ApiError {
  readonly kind: ApiErrorKind;
  /** HTTP status code when there was a response. */
  readonly status?: number;
  /** The server's `Status.message` (or the transport error's message). */
  readonly message: string;
  /** `Status.reason`, e.g. `TooManyRequests`, `NotFound`, `Forbidden`. */
  readonly reason?: string;
  /** The verb that failed (`get`, `list`, `patch`, `create`, `delete`, `watch`), for 403 explanations. */
  readonly verb?: string;
  /** The resource, with subresource if any: `pods/eviction`, `nodes`, `leases`. */
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly causes?: readonly ApiErrorCause[];
  /** From a `Retry-After` header, when the server sent one. */
  readonly retryAfterSeconds?: number;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function ok<T>(value: T): Result<T>;
export function ok(): Result<void>;
export function ok<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

export function err<T = never>(error: ApiError): Result<T> {
  return { ok: false, error };
}

/**
 * The error kind for an HTTP status code.
 * @example errorKindForStatus(429) // 'tooManyRequests'
 */
export function errorKindForStatus(status: number): ApiErrorKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 422:
      return 'invalid';
    case 429:
      return 'tooManyRequests';
    case 408:
    case 504:
      return 'timeout';
    default:
      return status >= 500 ? 'serverError' : 'unknown';
  }
}

/**
 * Builds an `ApiError` from a Kubernetes `Status` body (as returned with 4xx/5xx responses).
 * @example apiErrorFromStatus(429, {reason:'TooManyRequests', message:'Cannot evict pod…'}).kind // 'tooManyRequests'
 */
export function apiErrorFromStatus(
  httpStatus: number,
  body: unknown,
  context: {
    verb?: string;
    resource?: string;
    namespace?: string;
    name?: string;
    retryAfterSeconds?: number;
  } = {},
): ApiError {
  const status = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const details =
    status.details !== null && typeof status.details === 'object'
      ? (status.details as Record<string, unknown>)
      : {};
  const causes = Array.isArray(details.causes)
    ? details.causes
        .filter((c): c is Record<string, unknown> => c !== null && typeof c === 'object')
        .map((c) => ({
          reason: typeof c.reason === 'string' ? c.reason : undefined,
          message: typeof c.message === 'string' ? c.message : undefined,
          field: typeof c.field === 'string' ? c.field : undefined,
        }))
    : undefined;
  const retryAfter =
    typeof details.retryAfterSeconds === 'number' && details.retryAfterSeconds > 0
      ? details.retryAfterSeconds
      : undefined;
  const error: ApiError = {
    kind: errorKindForStatus(httpStatus),
    status: httpStatus,
    message: typeof status.message === 'string' ? status.message : `HTTP ${httpStatus}`,
    ...(typeof status.reason === 'string' ? { reason: status.reason } : {}),
    ...(causes && causes.length > 0 ? { causes } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    ...context,
  };
  return error;
}

/** True when a 429 came from a PodDisruptionBudget (not from API priority and fairness). */
export function isDisruptionBudgetError(error: ApiError): boolean {
  return (
    error.kind === 'tooManyRequests' &&
    (error.causes?.some((c) => c.reason === 'DisruptionBudget') === true ||
      /disruption budget/i.test(error.message))
  );
}

/** The eviction 500 that no retry can fix: more than one PDB selects the pod. */
export function isMultiplePdbError(error: ApiError): boolean {
  return /more than one PodDisruptionBudget/i.test(error.message);
}

/** A one-line description for logs and messages, e.g. `forbidden (403): pods "x" is forbidden: …`. */
export function describeApiError(error: ApiError): string {
  const status = error.status !== undefined ? ` (${error.status})` : '';
  return `${error.kind}${status}: ${error.message}`;
}
