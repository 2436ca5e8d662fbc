/**
 * Robustness: no rule may backtrack catastrophically, and no input (binary, invalid UTF-8, CRLF, huge
 * lines, random junk) may make the engine throw or hang. Time bounds are generous on purpose: a
 * catastrophic backtrack takes minutes, not the milliseconds these bounds leave room for.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanText } from '../../../src/shared/logs/engine';
import { RULES } from '../../../src/shared/logs/rules/index';
import { loadFixtures, seededRandom } from './fixtureCorpus';

const MB = 1024 * 1024;

/** CPU milliseconds spent by `work`: unlike wall time, not inflated by other processes on a busy machine. */
function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function repeatTo(fragment: string, size: number): string {
  return fragment.length === 0 ? '' : fragment.repeat(Math.ceil(size / fragment.length)).slice(0, size);
}

/** Literal runs of a regex source (metacharacters dropped), e.g. the words a pattern anchors on. */
function literalFragments(source: string): string[] {
  return source
    .replace(/\\[dswbDSWB]/g, ' ')
    .replace(/\\(.)/g, '$1')
    .split(/[()[\]{}|?*+^$]+/)
    .filter((s) => s.trim().length >= 3);
}

function adversarialLines(rule: (typeof RULES)[number]): string[] {
  const fragments = [...(rule.keywords ?? []), ...rule.patterns.flatMap((p) => literalFragments(p.source))];
  const joined = fragments.join(' ');
  return [
    repeatTo(`${joined} `, MB),
    repeatTo(joined, MB),
    ...fragments.slice(0, 4).map((f) => repeatTo(f, MB)),
    `${fragments[0] ?? ''}${' '.repeat(MB)}`,
    `${fragments[0] ?? ''}${'"'.repeat(MB)}`,
    `${fragments[0] ?? ''}${'1'.repeat(MB)}`,
    `${fragments[0] ?? ''}${'/a'.repeat(MB / 2)}`,
    repeatTo(`${fragments[0] ?? ''}\\"`, MB),
  ];
}

void describe('catastrophic backtracking', () => {
  for (const rule of RULES) {
    void test(`rule ${rule.id}: every pattern over adversarial 1 MB lines stays under 1 s`, () => {
      const lines = adversarialLines(rule);
      const ms = cpuMs(() => {
        for (const line of lines) {
          for (const pattern of [...rule.patterns, ...(rule.exclude ?? [])]) {
            pattern.exec(line);
          }
          // describe() runs on the engine's bounded slice; exercise it through the engine as well.
          scanText(line.slice(0, 70_000));
        }
      });
      assert.ok(ms < 1000, `${rule.id} took ${ms.toFixed(0)} ms`);
    });
  }
});

void describe('hostile input', () => {
  void test('a 10 MB single line is scanned in bounded time', () => {
    const line = repeatTo(
      'PLEG is not healthy: pleg was last seen active 3m1s ago; threshold is 3m0s "quoted" 12345 ',
      10 * MB,
    );
    let result = scanText('');
    assert.ok(cpuMs(() => (result = scanText(line))) < 5000);
    assert.equal(result.linesScanned, 1);
    assert.equal(result.findings.length, 1);
    assert.ok(result.findings[0].details?.truncatedAtChars);
  });

  void test('binary data, invalid UTF-8, NULs and lone surrogates do not throw', () => {
    const random = seededRandom(1234);
    const bytes = Buffer.from(Array.from({ length: 2 * MB }, () => Math.floor(random() * 256)));
    for (const text of [
      bytes.toString('utf8'),
      bytes.toString('latin1'),
      '\u0000'.repeat(1000),
      '\uD800\uDC00\uDFFF'.repeat(1000),
    ]) {
      assert.doesNotThrow(() => scanText(text));
    }
  });

  void test('CRLF files give the same findings as LF files', () => {
    for (const fixture of loadFixtures()) {
      const lf = scanText(fixture.text, { assumeYear: fixture.assumeYear });
      const crlf = scanText(fixture.text.replace(/\n/g, '\r\n'), { assumeYear: fixture.assumeYear });
      assert.deepEqual(crlf, lf, fixture.name);
    }
  });

  void test('empty input', () => {
    assert.deepEqual(scanText(''), { findings: [], incidents: [], pleg: undefined, linesScanned: 1 });
  });

  void test('seeded fuzz over random lines: no throw, bounded time, sane findings', () => {
    const random = seededRandom(20240806);
    const keywords = RULES.flatMap((r) => r.keywords ?? []);
    const alphabet =
      ' \t"\'\\/:;,.[]{}()=-_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u00e9\u4e2d\r';
    const pieces = () => {
      const n = Math.floor(random() * 12);
      let s = '';
      for (let i = 0; i < n; i++) {
        const r = random();
        if (r < 0.3) {
          s += keywords[Math.floor(random() * keywords.length)];
        } else if (r < 0.4) {
          s += 'E0806 07:59:04.839883    1498 kubelet.go:1991] ';
        } else if (r < 0.5) {
          s += 'Aug 06 07:59:04 host kubelet[1]: ';
        } else {
          const len = Math.floor(random() * 40);
          for (let j = 0; j < len; j++) {
            s += alphabet[Math.floor(random() * alphabet.length)];
          }
        }
      }
      return s;
    };
    const text = Array.from({ length: 20_000 }, pieces).join('\n');
    let result = scanText('');
    assert.ok(cpuMs(() => (result = scanText(text, { assumeYear: 2024 }))) < 10_000);
    assert.equal(result.linesScanned, 20_000);
    for (const f of result.findings) {
      assert.ok(f.line >= 0 && f.line < result.linesScanned);
      assert.ok(f.start >= 0 && f.start <= f.end && f.message.length > 0);
    }
  });
});
