/**
 * A failed request to the API server, as the explorer needs to see it: the HTTP status (when a
 * response came back), the low-level error code (when none did), and the verb and resource that
 * were attempted, so a 403 can say exactly what the user lacks.
 */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly details: {
      status?: number;
      /** Node/undici error code such as ECONNREFUSED, UND_ERR_CONNECT_TIMEOUT, CERT_HAS_EXPIRED. */
      code?: string;
      /** The Kubernetes Status reason (Forbidden, Expired, Gone, …) when the server sent one. */
      reason?: string;
      verb?: string;
      /** Resource as RBAC names it: `pods`, `leases.coordination.k8s.io`. */
      resource?: string;
      namespace?: string;
      /** The exec credential plugin or token file could not produce credentials. */
      credentials?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** 410 Gone: the resourceVersion (or continue token) is too old; the cache must relist. */
  get isGone(): boolean {
    return this.details.status === 410;
  }
}
