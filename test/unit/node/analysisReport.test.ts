import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderAnalysisReport } from '../../../src/node/analysisReport';
import type { StreamScanResult } from '../../../src/node/logFileScan';
import { RULES } from '../../../src/shared/logs/rules';

const rule = RULES.find((r) => r.category === 'pleg-unhealthy') ?? RULES[0];

function result(overrides: Partial<StreamScanResult> = {}): StreamScanResult {
  return {
    incidents: [
      {
        ruleId: rule.id,
        category: rule.category,
        severity: 'error',
        title: rule.title,
        count: 3,
        firstLine: 1,
        lastLine: 4,
        firstTimestamp: Date.UTC(2024, 7, 6, 7, 56, 4),
        lastTimestamp: Date.UTC(2024, 7, 6, 7, 59, 4),
        occurrenceLines: [1, 3, 4],
      },
    ],
    pleg: {
      firstUnhealthyLine: 1,
      lastUnhealthyLine: 4,
      occurrences: 3,
      longestGapSeconds: 417.17,
      longestGapLine: 4,
      runtimeTroubleDuring: 2,
    },
    linesScanned: 6,
    findingCount: 3,
    bytesRead: 900,
    cutLines: 0,
    decompressed: false,
    ...overrides,
  };
}

void test('the report links incidents to their lines and explains the rule', () => {
  const md = renderAnalysisReport({
    file: '/var/log/node 1/messages',
    sizeBytes: 900,
    elapsedMs: 1200,
    result: result(),
    exampleMessages: new Map([[rule.id, 'PLEG not healthy: last seen active 6m57s ago']]),
  });
  assert.match(md, /^# Node log analysis: messages/);
  assert.ok(
    md.includes('(file:///var/log/node%201/messages#L2)'),
    'first line link, 1-based, URL-encoded path',
  );
  assert.ok(md.includes('(file:///var/log/node%201/messages#L5)'), 'last line link');
  assert.match(md, /Longest "last seen active" gap: 417 s/);
  assert.match(md, /runtime was failing at the same time: 2/);
  assert.match(md, /2024-08-06 07:56:04 → 2024-08-06 07:59:04/);
  assert.ok(md.includes(rule.remediation.slice(0, 30)));
});

void test('a clean file says so', () => {
  const md = renderAnalysisReport({
    file: '/tmp/clean.log',
    sizeBytes: 10,
    elapsedMs: 1,
    result: result({ incidents: [], pleg: undefined, findingCount: 0 }),
    exampleMessages: new Map(),
  });
  assert.match(md, /No known node failure signatures were found/);
  assert.doesNotMatch(md, /## Incidents/);
});
