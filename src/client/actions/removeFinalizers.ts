/**
 * Guarded finalizer removal: re-read the pod, build the JSON patch that `test`s the finalizer list
 * the user saw before replacing it (src/shared/cluster/finalizers.ts), send it. If the list
 * changed meanwhile, the server answers 422 and nothing is removed; we say so instead of
 * retrying blindly, because the user confirmed a specific list. vscode-free.
 */
import type { ClusterApi, JsonPatchOperation } from '../../shared/cluster/clusterApi';
import { finalizerRemovalPatch } from '../../shared/cluster/finalizers';
import type { PodRef } from '../../shared/cluster/model';
import { type ApiError, describeApiError } from '../../shared/result';

export type FinalizerRemovalOutcome =
  | {
      readonly status: 'removed';
      readonly message: string;
      readonly remaining: readonly string[];
      readonly gone: boolean;
      readonly patch: readonly JsonPatchOperation[];
    }
  | { readonly status: 'changed'; readonly message: string; readonly current: readonly string[] }
  | { readonly status: 'failed'; readonly message: string; readonly error?: ApiError };

/**
 * @param seen the finalizer list the user was shown (the patch tests exactly this list)
 * @param remove the finalizers to remove (all of `seen` when omitted)
 */
export async function removePodFinalizers(
  api: ClusterApi,
  ref: PodRef,
  seen: readonly string[],
  remove?: readonly string[],
  o: { signal?: AbortSignal } = {},
): Promise<FinalizerRemovalOutcome> {
  let patch: JsonPatchOperation[];
  try {
    patch = finalizerRemovalPatch({ finalizers: seen }, remove);
  } catch (error) {
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  const r = await api.patchPodFinalizers(ref, patch, { signal: o.signal });
  if (!r.ok) {
    if (r.error.kind === 'invalid' || r.error.kind === 'conflict') {
      const now = await api.getPod(ref, o.signal);
      const current = now.ok ? (now.value.metadata?.finalizers ?? []) : [];
      return {
        status: 'changed',
        message: `The finalizers of pod "${ref.name}" changed since they were shown (now: ${current.length > 0 ? current.join(', ') : 'none'}); nothing was removed.`,
        current,
      };
    }
    if (r.error.kind === 'notFound') {
      return { status: 'failed', message: `pod "${ref.name}" is already gone`, error: r.error };
    }
    return {
      status: 'failed',
      message: `unable to patch pod "${ref.name}": ${describeApiError(r.error)}`,
      error: r.error,
    };
  }
  const remaining = r.value.metadata?.finalizers ?? [];
  const gone = remaining.length === 0 && r.value.metadata?.deletionTimestamp !== undefined;
  const removed = remove ?? seen;
  return {
    status: 'removed',
    message: `pod/${ref.name} patched: removed ${removed.join(', ')}${gone ? '; with no finalizer left the pod is being removed' : remaining.length > 0 ? `; still present: ${remaining.join(', ')}` : ''}`,
    remaining,
    gone,
    patch,
  };
}
