import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../../src/shared/logs/rules/index';
import { renderRuleTable, replaceRuleTable } from '../../../src/shared/logs/ruleTable';

void describe('README rule table', () => {
  void test('README.md holds the current rule table (run npm run docs:rules when this fails)', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');
    const updated = replaceRuleTable(readme, renderRuleTable(RULES));
    assert.ok(updated !== undefined, 'README.md has the <!-- rules:start --> / <!-- rules:end --> markers');
    assert.equal(readme, updated);
  });

  void test('one row per rule, pipes escaped, markers required', () => {
    const table = renderRuleTable([{ ...RULES[0], title: 'a | b' }]);
    assert.match(table, /\| a \\\| b \|$/);
    assert.equal(
      renderRuleTable(RULES)
        .split('\n')
        .filter((l) => l.startsWith('| `')).length,
      RULES.length,
    );
    assert.equal(replaceRuleTable('no markers', 'x'), undefined);
    assert.equal(
      replaceRuleTable('a\n<!-- rules:start -->\nold\n<!-- rules:end -->\n', 'new'),
      'a\n<!-- rules:start -->\nnew\n<!-- rules:end -->\n',
    );
  });
});
