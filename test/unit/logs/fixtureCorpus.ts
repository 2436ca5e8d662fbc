/** Loads the labelled log fixtures of test/fixtures/logs (shared by the engine, precision and robustness tests). */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ExpectedFinding {
  /** 1-based line number. */
  line: number;
  category: string;
  rule: string;
  /** Start of the line, to catch fixtures edited without updating their labels. */
  text: string;
}

export interface Fixture {
  name: string;
  text: string;
  assumeYear?: number;
  expected: ExpectedFinding[];
}

// Tests run from out/test/unit/logs; fixtures stay in the source tree.
export const FIXTURE_DIR = path.resolve(__dirname, '../../../../test/fixtures/logs');

export function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.expected.json'.length);
      const doc = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) as {
        assumeYear?: number;
        expected: ExpectedFinding[];
      };
      return {
        name,
        text: fs.readFileSync(path.join(FIXTURE_DIR, name), 'utf8'),
        assumeYear: doc.assumeYear,
        expected: doc.expected,
      };
    });
}

/** Deterministic PRNG (mulberry32) so that randomised tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
