import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  parseLabelSelector,
  requirementsMatch,
  selectorMatches,
} from '../../../src/shared/cluster/labelSelector';

describe('selectorMatches (structured)', () => {
  const labels = { app: 'web', tier: 'frontend' };
  it('matchLabels and matchExpressions', () => {
    assert.equal(selectorMatches(labels, { matchLabels: { app: 'web' } }), true);
    assert.equal(selectorMatches(labels, { matchLabels: { app: 'db' } }), false);
    assert.equal(
      selectorMatches(labels, {
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'x'] }],
      }),
      true,
    );
    assert.equal(
      selectorMatches(labels, {
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }],
      }),
      false,
    );
    assert.equal(
      selectorMatches(labels, { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }),
      true,
    );
    assert.equal(selectorMatches(labels, { matchExpressions: [{ key: 'app', operator: 'Exists' }] }), true);
    assert.equal(
      selectorMatches(labels, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }),
      false,
    );
    assert.equal(selectorMatches(labels, { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }), false);
  });
  it('empty selector matches everything, missing selector nothing', () => {
    assert.equal(selectorMatches(labels, {}), true);
    assert.equal(selectorMatches(undefined, {}), true);
    assert.equal(selectorMatches(labels, undefined), false);
  });
});

describe('parseLabelSelector (string form)', () => {
  const match = (selector: string, labels: Record<string, string>) => {
    const parsed = parseLabelSelector(selector);
    assert.ok(parsed.ok, selector);
    return requirementsMatch(labels, parsed.requirements);
  };
  it('equality, inequality, sets, existence', () => {
    assert.equal(match('app=web', { app: 'web' }), true);
    assert.equal(match('app==web', { app: 'web' }), true);
    assert.equal(match('app!=web', { app: 'web' }), false);
    assert.equal(match('app!=web', {}), true);
    assert.equal(match('app in (web, db)', { app: 'db' }), true);
    assert.equal(match('app notin (web,db)', { app: 'db' }), false);
    assert.equal(match('app', { app: '' }), true);
    assert.equal(match('!app', { app: 'x' }), false);
    assert.equal(match('app=web,tier in (a,b),!canary', { app: 'web', tier: 'b' }), true);
    assert.equal(match('example.com/role=x', { 'example.com/role': 'x' }), true);
    assert.equal(match('', { any: 'thing' }), true);
  });
  it('rejects malformed selectors', () => {
    for (const bad of ['app in (', '=web', 'app=web=x', 'app in (a b)', ',']) {
      assert.equal(parseLabelSelector(bad).ok, false, bad);
    }
  });
});
