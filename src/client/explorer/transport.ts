/**
 * The few API-server calls the explorer's caches make, as an interface: src/client/k8s implements
 * it with @kubernetes/client-node's credentials; unit tests and benchmarks implement it in memory.
 * Implementations reject with ApiFailure.
 */

/** One resource collection to cache. */
export interface ResourceSpec {
  /** Short name for logs and status: 'nodes', 'pods', 'leases', 'nodeEvents'. */
  name: string;
  /** Collection path, e.g. /api/v1/pods or /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases. */
  path: string;
  /** As RBAC names it, for 403 messages: 'pods', 'leases.coordination.k8s.io'. */
  rbacResource: string;
  namespace?: string;
  fieldSelector?: string;
}

export interface ListPage {
  items: unknown[];
  resourceVersion: string;
  /** Empty or undefined on the last page. */
  continueToken?: string;
}

export interface WatchEvent {
  /** ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (anything else is ignored). */
  type: string;
  object: unknown;
}

export interface WatchOptions {
  resourceVersion: string;
  timeoutSeconds: number;
}

export interface WatchStream {
  /** Resolves when the server ends the watch normally; rejects with ApiFailure otherwise. */
  readonly done: Promise<void>;
  stop(): void;
}

export interface KubeTransport {
  listPage(
    spec: ResourceSpec,
    page: { limit: number; continueToken?: string },
    signal: AbortSignal,
  ): Promise<ListPage>;
  watch(spec: ResourceSpec, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchStream;
  /** One object as JSON (for Describe). */
  getObject(path: string, signal?: AbortSignal): Promise<unknown>;
}
