import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiFailure } from '../../../src/client/explorer/apiFailure';
import { describeFailure } from '../../../src/client/explorer/connectionState';

const cases: [string, ApiFailure, string, RegExp][] = [
  [
    '403 names verb and resource',
    new ApiFailure('x', {
      status: 403,
      verb: 'watch',
      resource: 'leases.coordination.k8s.io',
      namespace: 'kube-node-lease',
    }),
    'forbidden',
    /may not watch leases\.coordination\.k8s\.io in namespace kube-node-lease/,
  ],
  ['401', new ApiFailure('Unauthorized', { status: 401 }), 'unauthorized', /401/],
  [
    'connection refused',
    new ApiFailure('connect', { code: 'ECONNREFUSED' }),
    'unreachable',
    /cannot be reached \(ECONNREFUSED\)/,
  ],
  ['DNS', new ApiFailure('getaddrinfo', { code: 'ENOTFOUND' }), 'unreachable', /ENOTFOUND/],
  ['self-signed', new ApiFailure('self signed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls', /TLS/],
  ['unknown CA', new ApiFailure('unable', { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'tls', /TLS/],
  ['connect timeout', new ApiFailure('timeout', { code: 'UND_ERR_CONNECT_TIMEOUT' }), 'timeout', /in time/],
  ['504', new ApiFailure('gateway', { status: 504 }), 'timeout', /in time/],
  [
    'exec plugin',
    new ApiFailure('credentials: exit 1', { credentials: true }),
    'credentials',
    /credential plugin/,
  ],
  ['500', new ApiFailure('boom', { status: 500 }), 'error', /HTTP 500: boom/],
  [
    'unusable kubeconfig',
    new ApiFailure('kubeconfig: HTTP protocol is not allowed', { code: 'KUBECONFIG' }),
    'badKubeconfig',
    /cannot be used \(HTTP protocol is not allowed\)/,
  ],
];

for (const [name, failure, state, message] of cases) {
  test(`describeFailure: ${name}`, () => {
    const problem = describeFailure(failure, 'prod');
    assert.equal(problem.state, state);
    assert.match(problem.message, message);
    assert.ok(problem.nextStep.length > 10, 'has a next step');
  });
}

test('the 403 next step names the RBAC verb and resource', () => {
  const problem = describeFailure(
    new ApiFailure('x', { status: 403, verb: 'list', resource: 'pods' }),
    'prod',
  );
  assert.match(problem.nextStep, /"list" on "pods"/);
});
