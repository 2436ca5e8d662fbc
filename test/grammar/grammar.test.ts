// Checks on the kubelog TextMate grammar beyond the golden snapshots (`npm run test:grammar`):
// every token carries two scopes, and no pattern backtracks badly on adversarial lines.
// Uses the same engine VS Code uses (vscode-textmate + vscode-oniguruma, installed with
// vscode-tmgrammar-test).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar } from 'vscode-textmate';

const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'kubelog.tmLanguage.json');
const grammarJson = JSON.parse(readFileSync(grammarPath, 'utf8'));
let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: () => Promise.resolve(grammarJson),
  });
  const loaded = await registry.loadGrammar('text.log.kubelog');
  assert.ok(loaded);
  grammar = loaded;
});

/** Every `name` / `contentName` in the grammar, with where it was found. */
function scopeNames(node: unknown, path: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(node)) {
    node.forEach((child, i) => scopeNames(child, `${path}[${i}]`, out));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string' && path !== '') {
        out.push([`${path}.${key}`, value]);
      } else {
        scopeNames(value, `${path}.${key}`, out);
      }
    }
  }
  return out;
}

void test('every token has a generic theme scope plus a specific log.*.kubelog scope', () => {
  const names = scopeNames(grammarJson.repository, 'repository', []);
  assert.ok(names.length > 30);
  for (const [where, name] of names) {
    const parts = name.split(' ');
    assert.equal(parts.length, 2, `${where}: "${name}" has two scopes`);
    assert.match(parts[1], /^log\.[\w.-]+\.kubelog$/, `${where}: specific scope`);
    assert.doesNotMatch(parts[0], /kubelog/, `${where}: generic scope comes first`);
  }
});

void test('the klog severity letter gets its own scope per level', () => {
  // vscode-textmate reports a two-scope name as two entries; the specific one is what we check.
  const scopesAt = (line: string, index: number) =>
    grammar.tokenizeLine(line, INITIAL).tokens.find((t) => t.startIndex <= index && index < t.endIndex)
      ?.scopes ?? [];
  const body = '0806 07:59:04.839883    1498 kubelet.go:1991] msg';
  assert.ok(scopesAt(`I${body}`, 0).includes('log.klog-severity.info.kubelog'));
  assert.ok(scopesAt(`W${body}`, 0).includes('log.klog-severity.warning.kubelog'));
  assert.ok(scopesAt(`E${body}`, 0).includes('log.klog-severity.error.kubelog'));
  assert.ok(scopesAt(`F${body}`, 0).includes('log.klog-severity.fatal.kubelog'));
});

void test('a string left open at the end of a line does not run into the next line', () => {
  const first = grammar.tokenizeLine('msg="cut off here', INITIAL);
  const second = grammar.tokenizeLine('next line', first.ruleStack);
  assert.ok(second.tokens.every((t) => !t.scopes.some((s) => s.startsWith('string.'))));
});

// VS Code stops tokenizing lines past editor.maxTokenizationLineLength (20 000 characters by
// default), so that is the length that matters; every shape must stay far below a second.
const ADVERSARIAL: [string, string][] = [
  ['digits', '1'.repeat(20000)],
  ['digits with dots', '1.'.repeat(10000)],
  ['almost a duration', '1m1'.repeat(6666)],
  ['almost a pod ref', 'a-'.repeat(10000) + '/'],
  ['slashes', 'a/'.repeat(10000)],
  ['escaped quotes', '"' + '\\"'.repeat(10000)],
  ['almost an IP', '1.1.1.'.repeat(3333)],
  ['hex without end', 'f'.repeat(20000)],
  ['key=value chain', 'a=b'.repeat(6666)],
  ['json keys', '{"' + 'a":1,"'.repeat(3333)],
  ['brackets', '['.repeat(20000)],
  ['colons and spaces', ': '.repeat(10000)],
];

for (const [label, line] of ADVERSARIAL) {
  void test(`tokenizes a ${line.length}-character adversarial line (${label}) quickly`, () => {
    const started = process.hrtime.bigint();
    grammar.tokenizeLine(line, INITIAL);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 1000, `${label}: ${ms.toFixed(0)} ms`);
  });
}
