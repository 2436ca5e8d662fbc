import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSettingsTable, replaceSettingsTable } from '../../scripts/settingsTable';

const root = join(__dirname, '..', '..', '..');

test('README documents every setting exactly as package.json declares it', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const expected = replaceSettingsTable(readme, renderSettingsTable(manifest.contributes.configuration));
  assert.ok(expected !== undefined, 'README has the settings markers');
  assert.equal(readme, expected, 'README settings table is stale: run npm run docs:settings');
});

test('the renderer escapes pipes and flattens multi-line descriptions', () => {
  const table = renderSettingsTable([
    {
      title: 'S',
      properties: { 'kubeNodeDoctor.x': { default: 1, markdownDescription: 'a | b\n  c', scope: 'window' } },
    },
  ]);
  assert.match(table, /\| `kubeNodeDoctor\.x` \| `1` \| a \\\| b c \|/);
});
