import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { runSafe, runSafeAsync } from '../../src/server/safe';

function sink() {
  const errors: string[] = [];
  return { errors, error: (m: string) => void errors.push(m) };
}

void test('a throwing handler answers the empty result and logs the stack', async () => {
  const log = sink();
  const result = await runSafe(log, 'Hover', null, undefined, () => {
    throw new Error('boom');
  });
  assert.equal(result, null);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0], /^Hover failed: Error: boom\n\s+at /);
});

void test('a cancelled request is answered with RequestCancelled, before or after the work', async () => {
  const before = new CancellationTokenSource();
  before.cancel();
  let ran = false;
  const early = await runSafe(sink(), 'Symbols', [], before.token, () => {
    ran = true;
    return [1];
  });
  assert.ok(early instanceof ResponseError);
  assert.equal(early.code, LSPErrorCodes.RequestCancelled);
  assert.equal(ran, false);

  const during = new CancellationTokenSource();
  const late = await runSafe(sink(), 'Symbols', [], during.token, async () => {
    during.cancel();
    return Promise.resolve([1]);
  });
  assert.ok(late instanceof ResponseError);
});

void test('a successful handler passes its result through', async () => {
  assert.deepEqual(await runSafe(sink(), 'Actions', [], new CancellationTokenSource().token, () => ['a']), [
    'a',
  ]);
});

void test('runSafeAsync swallows and logs rejections', async () => {
  const log = sink();
  await runSafeAsync(log, 'Validating x', () => Promise.reject(new Error('nope')));
  assert.match(log.errors[0], /^Validating x failed: Error: nope/);
});
