/**
 * User-facing sentences for failed API calls: a 403 names the verb and resource that are missing,
 * an unreachable server says so, a failed finalizer `test` says the list changed. vscode-free.
 */
import { type ApiError, describeApiError } from '../../shared/result';

/**
 * @example explainApiError({kind:'forbidden', status:403, verb:'create', resource:'pods/eviction', namespace:'prod', message:'…'}, 'prod-ctx')
 * // 'Forbidden: the user of context "prod-ctx" may not create pods/eviction in namespace prod. Check with: kubectl --context prod-ctx auth can-i create pods/eviction -n prod'
 */
export function explainApiError(error: ApiError, context: string): string {
  switch (error.kind) {
    case 'forbidden': {
      if (error.causes?.some((c) => c.reason === 'NamespaceTerminating')) {
        return `The namespace is terminating: ${error.message}`;
      }
      const what = error.verb && error.resource ? `${error.verb} ${error.resource}` : 'do this';
      const where = error.namespace ? ` in namespace ${error.namespace}` : '';
      const check =
        error.verb && error.resource
          ? ` Check with: kubectl --context ${context} auth can-i ${error.verb} ${error.resource}${error.namespace ? ` -n ${error.namespace}` : ''}`
          : '';
      return `Forbidden: the user of context "${context}" may not ${what}${where}.${check}`;
    }
    case 'unauthorized':
      return `Not authenticated to context "${context}": ${error.message}`;
    case 'network':
    case 'timeout':
    case 'tls':
      return `The API server of context "${context}" is unreachable (${error.kind}): ${error.message}`;
    case 'notFound':
      return `Not found: ${error.message}`;
    case 'conflict':
      return `Conflict (the object changed meanwhile): ${error.message}`;
    case 'invalid':
      return `Rejected by the API server: ${error.message}`;
    case 'cancelled':
      return 'Cancelled.';
    default:
      return describeApiError(error);
  }
}

/** Errors after which the server's state is unknown to us (the request may or may not have landed). */
export function isUnreachable(error: ApiError): boolean {
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'tls';
}
