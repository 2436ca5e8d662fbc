/**
 * The port between the pure core and the Kubernetes API: the one-shot reads and the mutating calls
 * that the remediation actions and the drain runner need. List+watch caches are the adapter's own
 * business (src/client/k8s); this interface is what the drain runner and the commands call.
 *
 * Contract for implementations:
 * - never throw; every failure is a `Result` error with the right `kind` (see result.ts), the HTTP
 *   status, the server's `Status.message`, `causes` and the `verb`/`resource` that failed;
 * - an aborted `signal` resolves to `{ kind: 'cancelled' }`;
 * - returned objects may be client-node objects or projections (both satisfy the model types).
 */
import type { Result } from '../result';
import type { NodeInfo, PdbInfo, PodInfo, PodRef } from './model';

/** One RFC 6902 operation; the finalizer patch uses only `test`, `remove` and `replace`. */
export type JsonPatchOperation =
  | { readonly op: 'test'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'replace'; readonly path: string; readonly value: unknown }
  | { readonly op: 'add'; readonly path: string; readonly value: unknown };

export interface AccessRequest {
  /** `get`, `list`, `watch`, `patch`, `create`, `delete`, `update` */
  readonly verb: string;
  /** Plural resource, e.g. `nodes`, `pods`. */
  readonly resource: string;
  /** API group; '' (core) by default, `policy` for PDBs. */
  readonly group?: string;
  /** e.g. `eviction` for `pods/eviction`. */
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface AccessDecision {
  readonly allowed: boolean;
  /** The authorizer's reason or evaluation error, when given. */
  readonly reason?: string;
}

export interface MutationOptions {
  /** Send with `dryRun: ['All']` (kubectl's `--dry-run=server`). */
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
}

export interface DeletePodOptions extends MutationOptions {
  /** Omitted → the pod's own `terminationGracePeriodSeconds`; 0 → force delete. */
  readonly gracePeriodSeconds?: number;
  /** Adds `preconditions.uid` so a recreated pod with the same name is not deleted by mistake. */
  readonly uid?: string;
}

export interface EvictPodOptions extends MutationOptions {
  /** Goes into the Eviction's `deleteOptions.gracePeriodSeconds` when set. */
  readonly gracePeriodSeconds?: number;
}

export interface ClusterApi {
  getNode(name: string, signal?: AbortSignal): Promise<Result<NodeInfo>>;

  /**
   * `PATCH /api/v1/nodes/<name>` with `Content-Type: application/strategic-merge-patch+json` and the
   * body of `unschedulablePatchBody(value)` — exactly what `kubectl cordon`/`uncordon` send.
   */
  patchNodeUnschedulable(
    name: string,
    unschedulable: boolean,
    opts?: MutationOptions,
  ): Promise<Result<NodeInfo>>;

  /** `DELETE /api/v1/nodes/<name>` (optionally with a uid precondition). */
  deleteNode(name: string, opts?: MutationOptions & { readonly uid?: string }): Promise<Result<void>>;

  /** `GET /api/v1/namespaces/<ns>/pods/<name>`. */
  getPod(ref: PodRef, signal?: AbortSignal): Promise<Result<PodInfo>>;

  /**
   * `GET /api/v1/pods?fieldSelector=spec.nodeName=<node>[&labelSelector=…]`, following `continue`
   * tokens (page size 500 like kubectl's `--chunk-size`).
   */
  listPodsOnNode(
    node: string,
    opts?: { readonly labelSelector?: string; readonly signal?: AbortSignal },
  ): Promise<Result<PodInfo[]>>;

  /** PodDisruptionBudgets (policy/v1), all namespaces when `namespace` is omitted. */
  listPdbs(opts?: { readonly namespace?: string; readonly signal?: AbortSignal }): Promise<Result<PdbInfo[]>>;

  /**
   * Whether the DaemonSet exists (`GET apps/v1 daemonsets`): drain's DaemonSet filter needs it to
   * recognise orphaned DaemonSet pods. A 404 is `ok(false)`, not an error.
   */
  daemonSetExists(namespace: string, name: string, signal?: AbortSignal): Promise<Result<boolean>>;

  /**
   * `POST /api/v1/namespaces/<ns>/pods/<name>/eviction` with a `policy/v1` Eviction body.
   * 429 (PDB) → `tooManyRequests` with the `DisruptionBudget` cause; 500 (two PDBs) → `serverError`.
   */
  evictPod(ref: PodRef, opts?: EvictPodOptions): Promise<Result<void>>;

  /** `DELETE /api/v1/namespaces/<ns>/pods/<name>` with DeleteOptions (grace, uid precondition). */
  deletePod(ref: PodRef, opts?: DeletePodOptions): Promise<Result<void>>;

  /**
   * `PATCH` the pod with `Content-Type: application/json-patch+json` and these operations
   * (built by `finalizerRemovalPatch`); a failed `test` comes back as `invalid` (422).
   */
  patchPodFinalizers(
    ref: PodRef,
    operations: readonly JsonPatchOperation[],
    opts?: MutationOptions,
  ): Promise<Result<PodInfo>>;

  /** A SelfSubjectAccessReview for the current user. */
  checkAccess(request: AccessRequest, signal?: AbortSignal): Promise<Result<AccessDecision>>;
}

/**
 * The strategic merge patch body kubectl sends for cordon/uncordon (`pkg/drain/cordon.go`: the field
 * is `omitempty`, so uncordon deletes it with `null`).
 * @example unschedulablePatchBody(true)  // { spec: { unschedulable: true } }
 * @example unschedulablePatchBody(false) // { spec: { unschedulable: null } }
 */
export function unschedulablePatchBody(unschedulable: boolean): { spec: { unschedulable: true | null } } {
  return { spec: { unschedulable: unschedulable ? true : null } };
}

/** The access checks each remediation needs, for disabling actions with a reason. */
export const REQUIRED_ACCESS = {
  cordon: [{ verb: 'patch', resource: 'nodes' }],
  drain: [
    { verb: 'patch', resource: 'nodes' },
    { verb: 'list', resource: 'pods' },
    { verb: 'create', resource: 'pods', subresource: 'eviction' },
  ],
  drainDisableEviction: [
    { verb: 'patch', resource: 'nodes' },
    { verb: 'list', resource: 'pods' },
    { verb: 'delete', resource: 'pods' },
  ],
  forceDeletePod: [{ verb: 'delete', resource: 'pods' }],
  removeFinalizers: [{ verb: 'patch', resource: 'pods' }],
  deleteNode: [{ verb: 'delete', resource: 'nodes' }],
} as const satisfies Record<string, readonly AccessRequest[]>;
