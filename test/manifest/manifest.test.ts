// The manifest (package.json) must not drift from the code: every contributed command has a
// factory in the registry and vice versa, menus only name real commands, and the language and
// grammar contributions point at files that exist and agree with each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes ?? {};

/** Command ids registered in src/client/commands/index.ts (the registry's object keys). */
function registeredCommandIds(): string[] {
  const source = readFileSync(join(root, 'src', 'client', 'commands', 'index.ts'), 'utf8');
  const body = /commandFactories[^=]*=\s*\{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^\s*'([\w.]+)'\s*:/gm)].map((m) => m[1]).sort();
}

test('every contributed command has a factory in the registry, and vice versa', () => {
  const contributed = (contributes.commands ?? []).map((c: { command: string }) => c.command).sort();
  assert.deepEqual(registeredCommandIds(), contributed);
});

test('commands, settings and views share one prefix', () => {
  for (const c of contributes.commands ?? []) {
    assert.match(c.command, /^kubeNodeDoctor\./);
  }
  for (const section of contributes.configuration ?? []) {
    for (const key of Object.keys(section.properties ?? {})) {
      assert.match(key, /^kubeNodeDoctor\./);
    }
  }
  for (const views of Object.values<{ id: string }[]>(contributes.views ?? {})) {
    for (const v of views) {
      assert.match(v.id, /^kubeNodeDoctor\./);
    }
  }
});

test('every menu entry names a contributed command', () => {
  const known = new Set((contributes.commands ?? []).map((c: { command: string }) => c.command));
  for (const [menu, entries] of Object.entries<{ command?: string }[]>(contributes.menus ?? {})) {
    for (const entry of entries) {
      if (entry.command) {
        assert.ok(known.has(entry.command), `${menu} names unknown command ${entry.command}`);
      }
    }
  }
});

test('every setting has a default, a description and a scope', () => {
  for (const section of contributes.configuration ?? []) {
    assert.ok(section.title, 'configuration sections are titled');
    for (const [key, spec] of Object.entries<Record<string, unknown>>(section.properties ?? {})) {
      assert.ok('default' in spec, `${key} has a default`);
      assert.ok(spec.markdownDescription ?? spec.description, `${key} has a description`);
      assert.ok(spec.scope, `${key} has a scope`);
    }
  }
});

test('the kubelog language and grammar agree and their files exist', () => {
  const language = (contributes.languages ?? []).find((l: { id: string }) => l.id === 'kubelog');
  assert.ok(language, 'language kubelog is contributed');
  assert.ok(existsSync(join(root, language.configuration)), 'language configuration exists');
  const grammar = (contributes.grammars ?? []).find((g: { language: string }) => g.language === 'kubelog');
  assert.ok(grammar, 'a grammar is contributed for kubelog');
  const grammarFile = JSON.parse(readFileSync(join(root, grammar.path), 'utf8'));
  assert.equal(grammarFile.scopeName, grammar.scopeName);
});

test('the bin and entry points are the esbuild outputs', () => {
  const esbuild = readFileSync(join(root, 'esbuild.js'), 'utf8');
  assert.equal(manifest.main, './dist/extension.js');
  assert.match(esbuild, /extension: 'src\/client\/extension\.ts'/);
  assert.equal(manifest.bin['kubelog-scan'], './dist/kubelog-scan.js');
  assert.match(esbuild, /'kubelog-scan': 'src\/cli\/kubelogScan\.ts'/);
});

test('.vscodeignore is an allow-list', () => {
  const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter(Boolean);
  assert.equal(lines[0], '**');
  assert.ok(lines.slice(1).every((l) => l.startsWith('!')));
});
