import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatAuditLine } from '../../../src/client/actions/audit';
import { retryOnConflict } from '../../../src/client/actions/conflictRetry';
import { explainApiError } from '../../../src/client/actions/explainError';
import { err, ok, type Result } from '../../../src/shared/result';

describe('audit line', () => {
  test('names action, target, context, outcome and the kubectl equivalent', () => {
    const line = formatAuditLine({
      action: 'cordon',
      target: { kind: 'node', context: 'prod', name: 'n1' },
      outcome: 'succeeded',
      kubectl: 'kubectl --context prod cordon n1',
      detail: 'node/n1 cordoned',
    });
    assert.equal(
      line,
      'AUDIT cordon node/n1 context=prod outcome=succeeded — node/n1 cordoned — equivalent: kubectl --context prod cordon n1',
    );
  });

  test('is one line and never carries a token', () => {
    const line = formatAuditLine({
      action: 'forceDeletePod',
      target: { kind: 'pod', context: 'c', namespace: 'ns', name: 'p' },
      outcome: 'failed',
      kubectl: 'kubectl --context c delete pod p -n ns --force --grace-period=0 --token=abc123',
      detail: 'line one\nline two',
      dryRun: true,
    });
    assert.doesNotMatch(line, /\n/);
    assert.doesNotMatch(line, /abc123/);
    assert.match(
      line,
      /^AUDIT forceDeletePod \(dry run\) pod\/ns\/p context=c outcome=failed — line one; line two/,
    );
  });
});

describe('explainApiError', () => {
  test('403 names the missing verb and resource and how to check', () => {
    const text = explainApiError(
      {
        kind: 'forbidden',
        status: 403,
        message: 'pods "p" is forbidden',
        verb: 'create',
        resource: 'pods/eviction',
        namespace: 'shop',
      },
      'prod',
    );
    assert.equal(
      text,
      'Forbidden: the user of context "prod" may not create pods/eviction in namespace shop. Check with: kubectl --context prod auth can-i create pods/eviction -n shop',
    );
  });

  test('unreachable server', () => {
    assert.match(
      explainApiError({ kind: 'network', message: 'connect ECONNREFUSED 127.0.0.1:6443' }, 'prod'),
      /unreachable \(network\)/,
    );
  });
});

describe('retryOnConflict', () => {
  test('retries 409 until success', async () => {
    const answers: Result<string>[] = [
      err({ kind: 'conflict', status: 409, message: 'changed' }),
      err({ kind: 'conflict', status: 409, message: 'changed' }),
      ok('done'),
    ];
    const retries: number[] = [];
    const r = await retryOnConflict(async () => answers.shift()!, {
      delay: async () => undefined,
      onRetry: (a) => retries.push(a),
    });
    assert.deepEqual(r, ok('done'));
    assert.deepEqual(retries, [2, 3]);
  });

  test('does not retry other errors and stops after the attempt budget', async () => {
    let calls = 0;
    const forbidden = await retryOnConflict(
      async () => (calls++, err({ kind: 'forbidden', message: 'no' })),
      { delay: async () => undefined },
    );
    assert.equal(calls, 1);
    assert.equal(forbidden.ok, false);
    calls = 0;
    const conflict = await retryOnConflict(
      async () => (calls++, err({ kind: 'conflict', message: 'again' })),
      { attempts: 3, delay: async () => undefined },
    );
    assert.equal(calls, 3);
    assert.equal(conflict.ok, false);
  });
});
