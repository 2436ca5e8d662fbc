// The packaged .vsix holds only what runs, stays small, and activates lazily.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { zipEntries, zipRead } from './zipEntries';

const vsixPath =
  process.env.KND_VSIX ?? path.join(__dirname, '..', '..', '..', 'dist', 'kube-node-doctor.vsix');
const MAX_BYTES = 2 * 1024 * 1024;

/** What may ship: vsce's own files, the bundles, media, syntaxes, manifest, README, LICENSE, CHANGELOG. */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/dist\/(extension|server|kubelog-scan)\.js$/,
  /^extension\/media\/[^/].*$/,
  /^extension\/syntaxes\/[^/].*$/,
];
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js'];

const zip = readFileSync(vsixPath);
const entries = zipEntries(zip);

void test('the .vsix contains only allow-listed files', () => {
  console.log(entries.map((e) => `  ${e.name} (${e.size} B)`).join('\n'));
  const unexpected = entries.map((e) => e.name).filter((name) => !ALLOWED.some((re) => re.test(name)));
  assert.deepEqual(unexpected, []);
});

void test('the .vsix contains the manifest, both bundles, README, LICENSE and CHANGELOG', () => {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  for (const required of REQUIRED) {
    assert.ok(names.has(required), `${required} is packaged`);
  }
  for (const doc of [/^extension\/readme\.md$/, /^extension\/license/, /^extension\/changelog\.md$/]) {
    assert.ok(
      [...names].some((n) => doc.test(n)),
      `${doc.source} is packaged`,
    );
  }
});

void test('the .vsix is smaller than 2 MB', () => {
  const bytes = statSync(vsixPath).size;
  console.log(`METRIC vsix_bytes=${bytes}`);
  assert.ok(bytes < MAX_BYTES, `${bytes} B >= ${MAX_BYTES} B`);
});

void test('activation is lazy: only events implied by views, languages and commands', () => {
  const entry = entries.find((e) => e.name === 'extension/package.json');
  assert.ok(entry);
  const manifest = JSON.parse(zipRead(zip, entry).toString('utf8'));
  const contributes = manifest.contributes ?? {};
  // VS Code >= 1.74 derives these from the contributions; explicit ones must be just as lazy.
  const implied = [
    ...(contributes.commands ?? []).map((c: { command: string }) => `onCommand:${c.command}`),
    ...Object.values(contributes.views ?? {}).flatMap((views) =>
      (views as { id: string }[]).map((v) => `onView:${v.id}`),
    ),
    ...(contributes.languages ?? []).map((l: { id: string }) => `onLanguage:${l.id}`),
  ];
  const explicit: string[] = manifest.activationEvents ?? [];
  console.log(`activation events: explicit [${explicit.join(', ')}]; implied [${implied.join(', ')}]`);
  const eager = explicit.filter(
    (e) => !/^(onView|onLanguage|onCommand|onUri|onFileSystem|onWebviewPanel):/.test(e),
  );
  assert.deepEqual(eager, [], 'no "*", onStartupFinished or workspaceContains activation');
});
