/**
 * The README's rule catalog table, generated from the registry so that it cannot drift
 * (`npm run docs:rules` writes it; a unit test fails while it is stale).
 */
import type { Rule } from './types';

export const RULE_TABLE_START = '<!-- rules:start -->';
export const RULE_TABLE_END = '<!-- rules:end -->';

/**
 * Markdown table of the catalog in priority order.
 *
 * @example
 * renderRuleTable(RULES) // → '| Id | Category | Severity | Title |\n|---|---|---|---|\n| `pleg-not-healthy` | …'
 */
export function renderRuleTable(rules: readonly Rule[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = rules.map((r) => `| \`${r.id}\` | \`${r.category}\` | ${r.severity} | ${cell(r.title)} |`);
  return [
    `${rules.length} rules, in priority order (the first rule that matches a line wins).`,
    '',
    '| Id | Category | Severity | Title |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * Replaces what lies between the markers with `table`; returns undefined when the markers are missing.
 *
 * @example
 * replaceRuleTable('a\n<!-- rules:start -->\nold\n<!-- rules:end -->\n', 'new')
 * // → 'a\n<!-- rules:start -->\nnew\n<!-- rules:end -->\n'
 */
export function replaceRuleTable(readme: string, table: string): string | undefined {
  const start = readme.indexOf(RULE_TABLE_START);
  const end = readme.indexOf(RULE_TABLE_END);
  if (start === -1 || end === -1 || end < start) {
    return undefined;
  }
  return `${readme.slice(0, start + RULE_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
