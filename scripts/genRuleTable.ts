/**
 * Writes the rule catalog table into README.md between `<!-- rules:start -->` and `<!-- rules:end -->`.
 * Run with `npm run docs:rules`; `--check` only reports whether the table is stale (exit 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../src/shared/logs/rules/index';
import { renderRuleTable, replaceRuleTable } from '../src/shared/logs/ruleTable';

// Compiled to out/scripts/; the README sits at the repository root.
const readmePath = path.resolve(__dirname, '../../README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = replaceRuleTable(readme, renderRuleTable(RULES));
if (updated === undefined) {
  process.stderr.write(`${readmePath}: markers <!-- rules:start --> / <!-- rules:end --> not found\n`);
  process.exit(2);
}
if (process.argv.includes('--check')) {
  process.stdout.write(
    updated === readme
      ? 'README rule table is up to date\n'
      : 'README rule table is stale: run npm run docs:rules\n',
  );
  process.exit(updated === readme ? 0 : 1);
}
if (updated !== readme) {
  fs.writeFileSync(readmePath, updated);
}
process.stdout.write(`README rule table: ${RULES.length} rules\n`);
