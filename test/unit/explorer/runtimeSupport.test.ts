import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supportsClusterClient } from '../../../src/client/explorer/runtimeSupport';

test('client-node 2.x needs Node 22.19 or newer', () => {
  assert.equal(supportsClusterClient('20.18.1'), false);
  assert.equal(supportsClusterClient('v22.18.0'), false);
  assert.equal(supportsClusterClient('22.19.0'), true);
  assert.equal(supportsClusterClient('24.0.0'), true);
  assert.equal(supportsClusterClient('garbage'), false);
});
