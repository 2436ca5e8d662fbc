import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  LogScanner,
  MAX_EVALUATED_CHARS,
  MAX_OCCURRENCES_PER_INCIDENT,
  prefilterPatternSource,
  scanText,
  validateEngineSettings,
  yearlessTimesBefore,
} from '../../../src/shared/logs/engine';
import { RULES } from '../../../src/shared/logs/rules/index';
import type { Finding } from '../../../src/shared/logs/types';
import { FIXTURE_DIR, loadFixtures, seededRandom } from './fixtureCorpus';

const PLEG = (when: string, seen: string) =>
  `E0806 ${when}.000000    1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active ${seen} ago; threshold is 3m0s"`;
const TIMEOUT = (when: string) =>
  `E0806 ${when}.000000    1498 remote_runtime.go:294] "ListPodSandbox with filter from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"`;
const INFO = (when: string) =>
  `I0806 ${when}.000000    1498 kubelet.go:2455] "SyncLoop (PLEG): event for pod" pod="default/web-0"`;

/** Scans `text` in chunks that end at the given line boundaries. */
function scanInChunks(text: string, cuts: number[], settings = {}) {
  const lines = text.split('\n');
  const scanner = new LogScanner(settings);
  const findings: Finding[] = [];
  let from = 0;
  for (const cut of [...cuts, lines.length]) {
    if (cut <= from) {
      continue;
    }
    findings.push(...scanner.scanChunk(lines.slice(from, cut).join('\n'), from));
    from = cut;
  }
  return {
    findings,
    incidents: scanner.incidents(),
    pleg: scanner.plegSummary(),
    linesScanned: scanner.linesScanned,
  };
}

void describe('LogScanner chunking', () => {
  const corpus = loadFixtures()
    .map((f) => f.text.replace(/\n$/, ''))
    .join('\n');

  void test('any chunking at line boundaries gives the whole-text result', () => {
    const whole = scanText(corpus, { assumeYear: 2024 });
    const lineCount = corpus.split('\n').length;
    assert.equal(whole.linesScanned, lineCount);
    assert.ok(whole.findings.length > 150, 'the corpus has findings to compare');
    const random = seededRandom(42);
    for (let round = 0; round < 25; round++) {
      const cuts = Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
        Math.floor(random() * lineCount),
      ).sort((a, b) => a - b);
      const chunked = scanInChunks(corpus, cuts, { assumeYear: 2024 });
      assert.deepEqual(chunked, whole, `cuts ${cuts.join(',')}`);
    }
    assert.deepEqual(
      scanInChunks(
        corpus,
        Array.from({ length: lineCount }, (_, i) => i),
        { assumeYear: 2024 },
      ),
      whole,
    );
  });

  void test('line numbers continue across chunks; n newlines make n + 1 lines', () => {
    const scanner = new LogScanner();
    assert.deepEqual(scanner.scanChunk('', 0), []);
    assert.equal(scanner.linesScanned, 1, 'an empty chunk is one empty line');
    assert.equal(scanner.scanChunk(`${INFO('07:00:00')}\n${INFO('07:00:01')}`, 1).length, 0);
    assert.equal(scanner.linesScanned, 3);
    const [f] = scanner.scanChunk(`${INFO('07:00:02')}\r\n${PLEG('07:00:03', '3m1s')}\r\n`, 3);
    assert.equal(f.line, 4);
    assert.equal(f.ruleId, 'pleg-not-healthy');
    assert.equal(scanner.linesScanned, 6, 'the trailing newline opens an empty last line');
  });

  void test('the keyword prefilter never drops a line the full rule evaluation would flag', () => {
    const withoutKeywords = RULES.map((rule) => ({ ...rule, keywords: undefined }));
    const random = seededRandom(7);
    const fragments = corpus.split(/(\s+)/);
    const noisy = Array.from({ length: 3000 }, () =>
      Array.from(
        { length: 1 + Math.floor(random() * 30) },
        () => fragments[Math.floor(random() * fragments.length)],
      ).join(''),
    ).join('\n');
    for (const text of [corpus, noisy]) {
      const fast = new LogScanner({ assumeYear: 2024 }).scanChunk(text, 0);
      const slow = new LogScanner({ assumeYear: 2024 }, withoutKeywords).scanChunk(text, 0);
      assert.deepEqual(fast, slow);
    }
  });
});

void describe('incidents', () => {
  const text = [
    PLEG('07:58:02', '3m3s'),
    INFO('07:58:30'),
    PLEG('07:59:04', '4m5s'),
    TIMEOUT('08:00:00'),
    PLEG('08:20:00', '3m1s'),
  ].join('\n');

  void test('occurrences of one rule within the gap form one incident; a longer pause starts another', () => {
    const { incidents } = scanText(text, { assumeYear: 2024 });
    const pleg = incidents.filter((i) => i.ruleId === 'pleg-not-healthy');
    assert.equal(pleg.length, 2);
    assert.deepEqual(
      pleg.map((i) => [i.count, i.firstLine, i.lastLine, i.occurrenceLines]),
      [
        [2, 0, 2, [0, 2]],
        [1, 4, 4, [4]],
      ],
    );
    assert.equal(pleg[0].firstTimestamp, Date.UTC(2024, 7, 6, 7, 58, 2));
    assert.equal(pleg[0].lastTimestamp, Date.UTC(2024, 7, 6, 7, 59, 4));
    assert.deepEqual(
      incidents.map((i) => i.ruleId),
      ['pleg-not-healthy', 'runtime-timeout', 'pleg-not-healthy'],
      'sorted by first line',
    );
  });

  void test('incidentGapSeconds is honoured, and year-less times still order incidents without assumeYear', () => {
    assert.equal(
      scanText(text, { incidentGapSeconds: 3600 }).incidents.filter((i) => i.ruleId === 'pleg-not-healthy')
        .length,
      1,
    );
    const noYear = scanText(text);
    assert.equal(noYear.incidents.filter((i) => i.ruleId === 'pleg-not-healthy').length, 2);
    assert.equal(noYear.findings[0].timestamp, undefined, 'no invented year in findings');
    assert.equal(noYear.incidents[0].firstTimestamp, undefined);
  });

  void test('occurrence lines are capped, the count is not', () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      PLEG(
        `07:${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        '3m1s',
      ),
    ).join('\n');
    const [incident] = scanText(many, { assumeYear: 2024 }).incidents;
    assert.equal(incident.count, 150);
    assert.equal(incident.occurrenceLines.length, MAX_OCCURRENCES_PER_INCIDENT);
    assert.equal(incident.lastLine, 149);
  });
});

void describe('year-less times across New Year', () => {
  const journaldPleg = (stamp: string, klogStamp: string) =>
    `${stamp} node-1 kubelet[1498]: E${klogStamp} 1498 kubelet.go:2412] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m1s ago; threshold is 3m0s"`;
  const text = [
    journaldPleg('Dec 31 23:58:00', '1231 23:58:00.000000'),
    journaldPleg('Dec 31 23:59:30', '1231 23:59:30.000000'),
    journaldPleg('Jan 01 00:01:00', '0101 00:01:00.000000'),
  ].join('\n');

  void test('read in January, the December lines belong to the year before: one incident', () => {
    const settings = yearlessTimesBefore(new Date('2027-01-01T00:10:00Z'));
    assert.deepEqual(settings, { assumeYear: 2027, yearlessNotAfter: Date.UTC(2027, 0, 3) });
    const { findings, incidents } = scanText(text, settings);
    assert.deepEqual(
      findings.map((f) => new Date(f.timestamp!).toISOString()),
      ['2026-12-31T23:58:00.000Z', '2026-12-31T23:59:30.000Z', '2027-01-01T00:01:00.000Z'],
    );
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0].count, 3);
  });

  void test('an explicit year alone puts December in the future and splits the incident', () => {
    const { incidents } = scanText(text, { assumeYear: 2027 });
    assert.equal(incidents.length, 2);
    assert.equal(new Date(incidents[0].firstTimestamp!).toISOString(), '2027-12-31T23:58:00.000Z');
  });

  void test('read later in the year, nothing moves', () => {
    const { findings } = scanText(text, yearlessTimesBefore(new Date('2027-12-31T23:59:59Z')));
    assert.deepEqual(
      findings.map((f) => new Date(f.timestamp!).getUTCFullYear()),
      [2027, 2027, 2027],
    );
  });
});

void describe('PLEG summary', () => {
  void test('first and last unhealthy line, longest gap, runtime trouble between them only', () => {
    const text = [
      TIMEOUT('07:55:41'),
      PLEG('07:58:02', '3m3.928932625s'),
      TIMEOUT('07:58:30'),
      PLEG('08:01:14', '6m7.552318s'),
      TIMEOUT('08:01:30'),
      PLEG('08:02:00', '4m0s'),
      TIMEOUT('08:05:00'),
    ].join('\n');
    const { pleg } = scanText(text, { assumeYear: 2024 });
    assert.deepEqual(pleg, {
      firstUnhealthyLine: 1,
      firstUnhealthyTimestamp: Date.UTC(2024, 7, 6, 7, 58, 2),
      lastUnhealthyLine: 5,
      lastUnhealthyTimestamp: Date.UTC(2024, 7, 6, 8, 2, 0),
      occurrences: 3,
      longestGapSeconds: 367.552,
      longestGapLine: 3,
      runtimeTroubleDuring: 2,
    });
  });

  void test('no PLEG lines, no summary', () => {
    assert.equal(scanText(TIMEOUT('08:00:00')).pleg, undefined);
  });
});

void describe('start-up grace', () => {
  const start = 'I0806 07:51:02.211002    1498 kubelet.go:2337] "Starting kubelet main sync loop"';
  const neverRan = (when: string) =>
    `E0806 ${when}.0    1498 kubelet.go:2361] "Skipping pod synchronization" err="[container runtime status check may not have completed yet, PLEG is not healthy: pleg has yet to be successful]"`;

  void test('routine start-up lines are quiet right after a kubelet start and flagged when they persist', () => {
    const { findings } = scanText([start, neverRan('07:51:03'), neverRan('07:58:03')].join('\n'), {
      assumeYear: 2024,
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.ruleId]),
      [[2, 'pleg-never-ran']],
    );
  });

  void test('without a start line its first occurrence stands in for the start', () => {
    assert.equal(scanText(neverRan('07:51:03')).findings.length, 0, 'a lone line is start-up noise');
    const { findings } = scanText(
      [neverRan('07:51:03'), neverRan('07:52:03'), neverRan('07:53:04')].join('\n'),
    );
    assert.deepEqual(
      findings.map((f) => [f.line, f.ruleId]),
      [[2, 'pleg-never-ran']],
      'flagged once it persists past the 120 s grace',
    );
  });

  void test('rules without the marker are flagged on their first line when no start line is in view', () => {
    const down =
      'E0806 07:51:03.0 1498 kubelet.go:2862] "Container runtime not ready" runtimeReady="RuntimeReady=false reasonMessage=container runtime is down"';
    assert.equal(scanText(down).findings.length, 1);
  });
});

void describe('settings', () => {
  const line = PLEG('07:58:02', '3m3s');

  void test('disabled rules and severity overrides apply to findings and incidents', () => {
    const bare = 'PLEG is not healthy: pleg was last seen active 3m3s ago; threshold is 3m0s';
    assert.equal(scanText(bare).findings.length, 1);
    assert.equal(scanText(bare, { disabledRules: ['pleg-not-healthy'] }).findings.length, 0);
    const r = scanText(line, { severityOverrides: { 'pleg-not-healthy': 'info' } });
    assert.equal(r.findings[0].severity, 'info');
    assert.equal(r.incidents[0].severity, 'info');
  });

  void test('a disabled rule lets the next matching rule have the line', () => {
    const aggregate =
      'E0806 08:01:14.2 1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 6m7s ago; threshold is 3m0s"';
    assert.equal(
      scanText(aggregate, { disabledRules: ['pleg-not-healthy'] }).findings[0].ruleId,
      'pod-sync-skipped',
    );
  });

  void test('validateEngineSettings reports unknown ids with a suggestion and the known ids', () => {
    const { settings, problems } = validateEngineSettings({ disabledRules: ['pleg-not-helthy', 'oom-kill'] });
    assert.deepEqual(settings.disabledRules, ['oom-kill']);
    assert.equal(problems.length, 1);
    assert.ok(
      problems[0].startsWith(
        "Unknown rule id 'pleg-not-helthy' in kubeNodeDoctor.rules.disabled (did you mean 'pleg-not-healthy'?); known ids: ",
      ),
      problems[0],
    );
    for (const rule of RULES) {
      assert.ok(problems[0].includes(rule.id));
    }
  });

  void test('validateEngineSettings accepts the VS Code configuration shape and rejects bad values', () => {
    const { settings, problems } = validateEngineSettings({
      rules: {
        disabled: ['zzz'],
        severityOverrides: { 'oom-kill': 'error', 'disk-full': 'fatal', nope: 'info' },
      },
      incidents: { gapSeconds: -5 },
    });
    assert.deepEqual(settings, {
      disabledRules: [],
      severityOverrides: { 'oom-kill': 'error' },
      incidentGapSeconds: 300,
    });
    assert.equal(problems.length, 4);
    assert.match(problems[0], /^Unknown rule id 'zzz' in kubeNodeDoctor\.rules\.disabled; known ids: /);
    assert.match(problems[1], /^Invalid severity 'fatal' for rule 'disk-full'/);
    assert.match(problems[2], /^Unknown rule id 'nope' in kubeNodeDoctor\.rules\.severityOverrides/);
    assert.match(problems[3], /kubeNodeDoctor\.incidents\.gapSeconds must be a positive number/);
  });

  void test('validateEngineSettings never throws and always returns usable settings', () => {
    const weird: unknown[] = [
      undefined,
      null,
      0,
      'x',
      [],
      [1],
      { disabledRules: 'pleg' },
      { severityOverrides: [] },
      { rules: null },
      { assumeYear: 'x' },
      { disabledRules: [null, 3] },
    ];
    for (const raw of weird) {
      const { settings, problems } = validateEngineSettings(raw);
      assert.ok(Array.isArray(settings.disabledRules) && typeof settings.incidentGapSeconds === 'number');
      assert.ok(Array.isArray(problems));
      assert.doesNotThrow(() => scanText(line, settings));
    }
    assert.deepEqual(
      validateEngineSettings({ assumeYear: 2024, incidentGapSeconds: 60 }).settings.assumeYear,
      2024,
    );
  });
});

void describe('long lines', () => {
  void test(`rules see the first ${MAX_EVALUATED_CHARS} characters; the finding says the line was truncated`, () => {
    const head = PLEG('07:58:02', '3m3s');
    const [f] = scanText(head + ' x'.repeat(60_000)).findings;
    assert.equal(f.ruleId, 'pleg-not-healthy');
    assert.equal(f.details?.truncatedAtChars, MAX_EVALUATED_CHARS);
    assert.match(f.message, /only its start was checked/);
    assert.equal(scanText('y'.repeat(MAX_EVALUATED_CHARS + 10) + ' PLEG is not healthy').findings.length, 0);
  });
});

void describe('prefilterPatternSource', () => {
  const source = prefilterPatternSource();

  void test('is a plain ERE alternation of every rule keyword', () => {
    assert.doesNotMatch(source, /\(\?|\\[dswbDSWB]/, 'no JavaScript-only syntax');
    const re = new RegExp(source, 'i');
    for (const rule of RULES) {
      for (const k of rule.keywords ?? []) {
        assert.ok(re.test(k), k);
      }
    }
  });

  void test('grep -E -i with it selects every line the engine flags in the fixtures', () => {
    for (const fixture of loadFixtures()) {
      const file = path.join(FIXTURE_DIR, fixture.name);
      const out = execFileSync('grep', ['-n', '-E', '-i', '-e', source, file], { encoding: 'utf8' });
      const grepped = new Set(
        out
          .split('\n')
          .filter(Boolean)
          .map((l) => Number(l.slice(0, l.indexOf(':')))),
      );
      for (const f of scanText(fixture.text, { assumeYear: fixture.assumeYear }).findings) {
        assert.ok(grepped.has(f.line + 1), `${fixture.name}:${f.line + 1} missed by grep`);
      }
    }
  });
});
