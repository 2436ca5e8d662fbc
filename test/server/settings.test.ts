import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/shared/logs/rules';
import {
  DEFAULT_MAX_DIAGNOSTICS,
  DEFAULT_SERVER_SETTINGS,
  readServerSettings,
} from '../../src/server/settings';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

/** The `kubeNodeDoctor` section as VS Code would send it with every setting at its manifest default. */
function manifestDefaults(): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  const blocks: { properties?: Record<string, { default: unknown }> }[] = manifest.contributes.configuration;
  for (const block of blocks) {
    for (const [key, spec] of Object.entries(block.properties ?? {})) {
      const path = key.replace(/^kubeNodeDoctor\./, '').split('.');
      let node = section;
      for (const part of path.slice(0, -1)) {
        node = (node[part] ??= {}) as Record<string, unknown>;
      }
      node[path[path.length - 1]] = spec.default;
    }
  }
  return section;
}

void test('the manifest defaults read back as the server defaults, without problems', () => {
  const { settings, problems } = readServerSettings(manifestDefaults());
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, DEFAULT_SERVER_SETTINGS);
  assert.equal(settings.maxDiagnostics, DEFAULT_MAX_DIAGNOSTICS);
});

void test('valid settings are taken over', () => {
  const ruleId = RULES[0].id;
  const { settings, problems } = readServerSettings({
    rules: { disabled: [ruleId], severityOverrides: {} },
    diagnostics: { maxPerDocument: 5 },
    incidents: { gapSeconds: 60 },
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.engine.disabledRules, [ruleId]);
  assert.equal(settings.engine.incidentGapSeconds, 60);
  assert.equal(settings.maxDiagnostics, 5);
});

void test('bad values fall back to defaults and are named in the problems', () => {
  const { settings, problems } = readServerSettings({
    rules: { disabled: ['no-such-rule'] },
    diagnostics: { maxPerDocument: 0 },
    incidents: { gapSeconds: 'soon' },
  });
  assert.deepEqual(settings.engine.disabledRules, []);
  assert.equal(settings.maxDiagnostics, DEFAULT_MAX_DIAGNOSTICS);
  assert.equal(settings.engine.incidentGapSeconds, DEFAULT_SERVER_SETTINGS.engine.incidentGapSeconds);
  assert.ok(problems.some((p) => p.includes('no-such-rule')));
  assert.ok(problems.some((p) => p.includes('maxPerDocument')));
  assert.ok(problems.some((p) => p.includes('gapSeconds')));
});

void test('a section that is not an object gives the defaults', () => {
  for (const raw of [null, 42, 'x', []]) {
    assert.deepEqual(readServerSettings(raw).settings, DEFAULT_SERVER_SETTINGS);
  }
});
