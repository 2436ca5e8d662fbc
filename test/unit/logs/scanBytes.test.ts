import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LogScanner } from '../../../src/shared/logs/engine';
import { loadFixtures, seededRandom } from './fixtureCorpus';

/** Everything a scan produces, for comparing two ways of feeding the same input. */
function outcome(scanner: LogScanner, findings: unknown[]) {
  return {
    findings,
    incidents: scanner.incidents(),
    pleg: scanner.plegSummary(),
    lines: scanner.linesScanned,
  };
}

void describe('LogScanner.scanBytes', () => {
  void test('gives the same findings, incidents and PLEG summary as scanChunk over the decoded fixtures', () => {
    let compared = 0;
    for (const fixture of loadFixtures()) {
      const settings = { assumeYear: fixture.assumeYear };
      const bytes = Buffer.concat([Buffer.from('ignored prefix'), Buffer.from(fixture.text)]);
      const fromBytes = new LogScanner(settings);
      const viaBytes = fromBytes.scanBytes(bytes, 14, bytes.length, 5);
      const fromText = new LogScanner(settings);
      const viaText = fromText.scanChunk(fixture.text, 5);
      compared += viaText.length;
      assert.deepEqual(outcome(fromBytes, viaBytes), outcome(fromText, viaText), fixture.name);
    }
    assert.ok(compared > 100, `only ${compared} findings compared`);
  });

  void test('decodes invalid UTF-8 on flagged lines exactly like Buffer#toString', () => {
    const random = seededRandom(11);
    const fragments = [
      'E0806 07:59:04.839883 1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s"',
      'kernel: Out of memory: Killed process 1234 (java)',
      '\n',
      '\r\n',
      'caf\u00e9 \u{1f600} ',
    ];
    const invalid = [
      [0xff],
      [0xc3],
      [0xe2, 0x82],
      [0xf0, 0x9f, 0x98],
      [0xed, 0xa0, 0x80],
      [0xef, 0xbb, 0xbf],
    ];
    for (let round = 0; round < 100; round++) {
      const parts: Buffer[] = [];
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        parts.push(
          random() < 0.3
            ? Buffer.from(invalid[Math.floor(random() * invalid.length)])
            : Buffer.from(fragments[Math.floor(random() * fragments.length)]),
        );
      }
      const bytes = Buffer.concat(parts);
      const fromBytes = new LogScanner({ assumeYear: 2024 });
      const viaBytes = fromBytes.scanBytes(bytes, 0, bytes.length, 0);
      const fromText = new LogScanner({ assumeYear: 2024 });
      const viaText = fromText.scanChunk(bytes.toString('utf8'), 0);
      assert.deepEqual(outcome(fromBytes, viaBytes), outcome(fromText, viaText), bytes.toString('hex'));
    }
  });
});

void describe('LogScanner.scanChunk over a range', () => {
  void test('scanning text[from..to) in place equals scanning the slice', () => {
    let compared = 0;
    for (const fixture of loadFixtures()) {
      const settings = { assumeYear: fixture.assumeYear };
      const padded = `prefix line\n${fixture.text}\nsuffix line`;
      const from = 'prefix line\n'.length;
      const inPlace = new LogScanner(settings);
      const viaRange = inPlace.scanChunk(padded, 3, from, from + fixture.text.length);
      const sliced = new LogScanner(settings);
      const viaSlice = sliced.scanChunk(fixture.text, 3);
      compared += viaSlice.length;
      assert.deepEqual(outcome(inPlace, viaRange), outcome(sliced, viaSlice), fixture.name);
    }
    assert.ok(compared > 100, `only ${compared} findings compared`);
  });
});
