import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abortableSleep } from '../../../src/node/abortableSleep';

test('abortableSleep waits for its delay', async () => {
  const started = Date.now();
  await abortableSleep(30);
  assert.ok(Date.now() - started >= 25);
});

test('abortableSleep resolves early when aborted, and at once when already aborted', async () => {
  const abort = new AbortController();
  const started = Date.now();
  const sleeping = abortableSleep(10_000, abort.signal);
  abort.abort();
  await sleeping;
  await abortableSleep(10_000, abort.signal);
  assert.ok(Date.now() - started < 1_000);
});
