/**
 * Force delete of a pod (`kubectl delete pod --force --grace-period=0`): DELETE with
 * `gracePeriodSeconds: 0` and a uid precondition, so a pod recreated under the same name
 * (StatefulSet) is never hit by mistake. vscode-free.
 */
import type { ClusterApi } from '../../shared/cluster/clusterApi';
import type { PodRef } from '../../shared/cluster/model';
import { type ApiError, describeApiError } from '../../shared/result';
import { retryOnConflict } from './conflictRetry';

export type ForceDeleteOutcome =
  | { readonly status: 'deleted'; readonly message: string; readonly remainingFinalizers: readonly string[] }
  | { readonly status: 'gone'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string; readonly error: ApiError };

/**
 * @example await forceDeletePod(api, {namespace:'ns', name:'p', uid}) // { status: 'deleted', message: 'pod "p" force deleted from ns namespace', … } (kubectl's words)
 */
export async function forceDeletePod(
  api: ClusterApi,
  ref: PodRef,
  o: { signal?: AbortSignal } = {},
): Promise<ForceDeleteOutcome> {
  // With a uid precondition a 409 means "recreated": final. Without one, a conflict is transient.
  const deleted = await retryOnConflict(
    () => api.deletePod(ref, { gracePeriodSeconds: 0, uid: ref.uid, signal: o.signal }),
    { attempts: ref.uid ? 1 : 3 },
  );
  if (!deleted.ok) {
    if (deleted.error.kind === 'notFound') {
      return { status: 'gone', message: `pod "${ref.name}" was already gone` };
    }
    // A uid precondition failure is a 409: the pod was recreated; never delete the new one.
    if (deleted.error.kind === 'conflict' && ref.uid) {
      return {
        status: 'failed',
        message: `pod "${ref.name}" was recreated meanwhile (new uid); the new pod was not deleted.`,
        error: deleted.error,
      };
    }
    return {
      status: 'failed',
      message: `unable to force delete pod "${ref.name}": ${describeApiError(deleted.error)}`,
      error: deleted.error,
    };
  }
  // Finalizers keep the object (Finalizing); tell the user rather than claim it is gone.
  const after = await api.getPod(ref, o.signal);
  const finalizers =
    after.ok && (!ref.uid || after.value.metadata?.uid === ref.uid)
      ? (after.value.metadata?.finalizers ?? [])
      : [];
  return {
    status: 'deleted',
    message:
      finalizers.length > 0
        ? `pod "${ref.name}" force deleted from ${ref.namespace} namespace, but it stays until its finalizers are removed: ${finalizers.join(', ')}`
        : `pod "${ref.name}" force deleted from ${ref.namespace} namespace`,
    remainingFinalizers: finalizers,
  };
}
