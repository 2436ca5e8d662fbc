/** Deletes a Node object with a uid precondition (the node we showed, not a re-registered one). vscode-free. */
import type { ClusterApi } from '../../shared/cluster/clusterApi';
import { type ApiError, describeApiError } from '../../shared/result';

export type DeleteNodeOutcome =
  | { readonly status: 'deleted' | 'gone'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string; readonly error: ApiError };

export async function deleteNodeObject(
  api: ClusterApi,
  name: string,
  o: { uid?: string; signal?: AbortSignal } = {},
): Promise<DeleteNodeOutcome> {
  const r = await api.deleteNode(name, { uid: o.uid, signal: o.signal });
  if (r.ok) {
    return { status: 'deleted', message: `node "${name}" deleted` };
  }
  if (r.error.kind === 'notFound') {
    return { status: 'gone', message: `node "${name}" was already gone` };
  }
  if (r.error.kind === 'conflict' && o.uid) {
    return {
      status: 'failed',
      message: `node "${name}" was re-registered meanwhile (new uid); it was not deleted.`,
      error: r.error,
    };
  }
  return {
    status: 'failed',
    message: `unable to delete node "${name}": ${describeApiError(r.error)}`,
    error: r.error,
  };
}
