import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  apiErrorFromStatus,
  describeApiError,
  err,
  errorKindForStatus,
  isDisruptionBudgetError,
  isMultiplePdbError,
  ok,
} from '../../../src/shared/result';
import { unschedulablePatchBody } from '../../../src/shared/cluster/clusterApi';

describe('Result', () => {
  it('ok and err', () => {
    assert.deepEqual(ok(3), { ok: true, value: 3 });
    assert.deepEqual(ok(), { ok: true, value: undefined });
    assert.deepEqual(err({ kind: 'unknown', message: 'x' }), {
      ok: false,
      error: { kind: 'unknown', message: 'x' },
    });
  });

  it('maps HTTP status codes to kinds', () => {
    const table: [number, string][] = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'notFound'],
      [409, 'conflict'],
      [410, 'gone'],
      [422, 'invalid'],
      [429, 'tooManyRequests'],
      [504, 'timeout'],
      [500, 'serverError'],
      [503, 'serverError'],
      [400, 'unknown'],
    ];
    for (const [status, kind] of table) {
      assert.equal(errorKindForStatus(status), kind, String(status));
    }
  });

  it('reads a Kubernetes Status body: the PDB 429', () => {
    const body = {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: {
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget db-pdb needs 3 healthy pods and has 3 currently',
          },
        ],
      },
      code: 429,
    };
    const e = apiErrorFromStatus(429, body, {
      verb: 'create',
      resource: 'pods/eviction',
      namespace: 'shop',
      name: 'db-0',
    });
    assert.equal(e.kind, 'tooManyRequests');
    assert.equal(e.reason, 'TooManyRequests');
    assert.equal(e.resource, 'pods/eviction');
    assert.deepEqual(e.causes, [
      {
        reason: 'DisruptionBudget',
        message: 'The disruption budget db-pdb needs 3 healthy pods and has 3 currently',
        field: undefined,
      },
    ]);
    assert.equal(isDisruptionBudgetError(e), true);
    assert.equal(isMultiplePdbError(e), false);
    assert.equal(
      describeApiError(e),
      "tooManyRequests (429): Cannot evict pod as it would violate the pod's disruption budget.",
    );
  });

  it('reads details.retryAfterSeconds (the "still being processed" 429 suggests 10 s)', () => {
    const e = apiErrorFromStatus(429, {
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: 'TooManyRequests',
      details: {
        causes: [
          {
            reason: 'DisruptionBudget',
            message: 'The disruption budget web-pdb is still being processed by the server.',
          },
        ],
        retryAfterSeconds: 10,
      },
    });
    assert.equal(e.retryAfterSeconds, 10);
    assert.equal(apiErrorFromStatus(429, { details: { retryAfterSeconds: 0 } }).retryAfterSeconds, undefined);
    assert.equal(
      apiErrorFromStatus(429, { details: { retryAfterSeconds: 10 } }, { retryAfterSeconds: 3 })
        .retryAfterSeconds,
      3,
    );
  });

  it('tells an API priority-and-fairness 429 from a PDB 429', () => {
    const e = apiErrorFromStatus(429, {
      message: 'Too many requests, please try again later.',
      reason: 'TooManyRequests',
    });
    assert.equal(isDisruptionBudgetError(e), false);
  });

  it('recognises the multi-PDB 500', () => {
    const e = apiErrorFromStatus(500, {
      message:
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    });
    assert.equal(e.kind, 'serverError');
    assert.equal(isMultiplePdbError(e), true);
  });

  it('survives a non-Status body', () => {
    assert.deepEqual(apiErrorFromStatus(502, '<html>bad gateway</html>'), {
      kind: 'serverError',
      status: 502,
      message: 'HTTP 502',
    });
  });
});

describe('cordon patch bodies', () => {
  it('match kubectl', () => {
    assert.equal(JSON.stringify(unschedulablePatchBody(true)), '{"spec":{"unschedulable":true}}');
    assert.equal(JSON.stringify(unschedulablePatchBody(false)), '{"spec":{"unschedulable":null}}');
  });
});
