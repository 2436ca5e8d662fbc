import { ApiFailure } from './apiFailure';

/**
 * Why the explorer is (not) showing a cluster. The value is published as the context key
 * `kubeNodeDoctor.connectionState`; package.json's viewsWelcome entries key on it, so every
 * failure state has its own welcome text with a next step.
 */
export type ConnectionState =
  | 'noKubeconfig'
  | 'badKubeconfig'
  | 'noContext'
  | 'connecting'
  | 'connected'
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'timeout'
  | 'credentials'
  | 'unsupportedRuntime'
  | 'error';

/** A state plus the words the view shows for it. */
export interface ConnectionProblem {
  state: ConnectionState;
  /** One line, safe to show: never contains tokens or certificate material. */
  message: string;
  nextStep: string;
}

const TLS_CODES = [
  'CERT_',
  'UNABLE_TO_',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_',
  'ERR_SSL_',
  'HOSTNAME_MISMATCH',
];
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError',
]);

/**
 * Maps a failed request to the state the view shows and what to do next.
 *
 * @example
 * describeFailure(new ApiFailure('forbidden', { status: 403, verb: 'list', resource: 'nodes' }), 'prod')
 * // → { state: 'forbidden', message: 'Context "prod" may not list nodes (403 Forbidden).', nextStep: … }
 */
export function describeFailure(failure: ApiFailure, contextName: string): ConnectionProblem {
  const { status, code, verb, resource, namespace, credentials } = failure.details;
  const where = namespace ? ` in namespace ${namespace}` : ' cluster-wide';
  if (credentials) {
    return {
      state: 'credentials',
      message: `Context "${contextName}": the credential plugin or token could not provide credentials.`,
      nextStep: 'Run the exec plugin from the kubeconfig in a terminal (e.g. log in again), then refresh.',
    };
  }
  if (code === 'KUBECONFIG') {
    return {
      state: 'badKubeconfig',
      message: `Context "${contextName}": the kubeconfig cannot be used (${failure.message.replace(/^kubeconfig: /, '')}).`,
      nextStep: 'Fix the cluster entry of this context in the kubeconfig, or pick another context.',
    };
  }
  if (status === 401) {
    return {
      state: 'unauthorized',
      message: `Context "${contextName}": the API server rejected the credentials (401 Unauthorized).`,
      nextStep:
        'The token or client certificate has expired or is wrong: log in again or pick another context.',
    };
  }
  if (status === 403) {
    const what = verb && resource ? `${verb} ${resource}${where}` : 'read the cluster';
    return {
      state: 'forbidden',
      message: `Context "${contextName}" may not ${what} (403 Forbidden).`,
      nextStep: `Ask a cluster admin for RBAC "${verb ?? 'get'}" on "${resource ?? 'nodes'}", or pick a context that has it.`,
    };
  }
  if (status === 408 || status === 504 || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return {
      state: 'timeout',
      message: `Context "${contextName}": the API server did not answer in time.`,
      nextStep: 'Check VPN/proxy and the server address, then refresh; the explorer keeps retrying.',
    };
  }
  if (code !== undefined && TLS_CODES.some((prefix) => code.startsWith(prefix))) {
    return {
      state: 'tls',
      message: `Context "${contextName}": TLS verification failed (${code}).`,
      nextStep:
        'The cluster CA in the kubeconfig does not match the server certificate: refresh the kubeconfig from your cluster provider.',
    };
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return {
      state: 'unreachable',
      message: `Context "${contextName}": the API server cannot be reached (${code}).`,
      nextStep:
        'Check that the cluster is up and that VPN/proxy settings allow it; the explorer keeps retrying.',
    };
  }
  return {
    state: 'error',
    message: `Context "${contextName}": ${status ? `HTTP ${status}: ` : ''}${failure.message}`,
    nextStep: 'See Output › Kube Node Doctor for details, then refresh.',
  };
}
