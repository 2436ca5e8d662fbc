/**
 * Precision and recall of the rule catalog over the labelled fixtures in test/fixtures/logs, per
 * category. Every line of a fixture is a case: a labelled line must get its category, an unlabelled
 * line must get no finding. The figures are printed for the release notes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scanText } from '../../../src/shared/logs/engine';
import { loadFixtures } from './fixtureCorpus';

const THRESHOLD = 0.95;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function measure() {
  const perCategory = new Map<string, Tally>();
  const tally = (category: string) => {
    let t = perCategory.get(category);
    if (!t) {
      perCategory.set(category, (t = { tp: 0, fp: 0, fn: 0 }));
    }
    return t;
  };
  const errors: string[] = [];
  let lines = 0;
  let ruleAgreements = 0;
  let labelled = 0;
  for (const fixture of loadFixtures()) {
    const physical = fixture.text.replace(/\n$/, '').split('\n');
    lines += physical.length;
    const got = new Map(
      scanText(fixture.text, { assumeYear: fixture.assumeYear }).findings.map((f) => [f.line + 1, f]),
    );
    const want = new Map(fixture.expected.map((e) => [e.line, e]));
    for (const e of fixture.expected) {
      assert.ok(
        physical[e.line - 1]?.startsWith(e.text),
        `${fixture.name}:${e.line} label does not match the line any more`,
      );
    }
    for (let line = 1; line <= physical.length; line++) {
      const g = got.get(line);
      const w = want.get(line);
      if (w) {
        labelled++;
      }
      if (g && w && g.category === w.category) {
        tally(w.category).tp++;
        if (g.ruleId === w.rule) {
          ruleAgreements++;
        } else {
          errors.push(`${fixture.name}:${line} rule ${g.ruleId}, labelled ${w.rule}`);
        }
        continue;
      }
      if (g) {
        tally(g.category).fp++;
      }
      if (w) {
        tally(w.category).fn++;
      }
      if (g || w) {
        errors.push(
          `${fixture.name}:${line} got ${g?.category ?? '-'} (${g?.ruleId ?? ''}), labelled ${w?.category ?? '-'}`,
        );
      }
    }
  }
  return { perCategory, errors, lines, labelled, ruleAgreements };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

void describe('precision and recall on the labelled fixtures', () => {
  const result = measure();

  void test('prints the figures', (t) => {
    const rows = [...result.perCategory.entries()].sort(([a], [b]) => a.localeCompare(b));
    const total = rows.reduce((s, [, v]) => ({ tp: s.tp + v.tp, fp: s.fp + v.fp, fn: s.fn + v.fn }), {
      tp: 0,
      fp: 0,
      fn: 0,
    });
    const out = [
      `fixtures: ${result.lines} lines, ${result.labelled} labelled findings; rule id agreement ${result.ruleAgreements}/${result.labelled}`,
      'category                          support  precision  recall',
      ...rows.map(
        ([c, v]) =>
          `${c.padEnd(34)}${String(v.tp + v.fn).padStart(7)}  ${ratio(v.tp, v.tp + v.fp)
            .toFixed(3)
            .padStart(9)}  ${ratio(v.tp, v.tp + v.fn)
            .toFixed(3)
            .padStart(6)}`,
      ),
      `${'ALL (micro)'.padEnd(34)}${String(total.tp + total.fn).padStart(7)}  ${ratio(
        total.tp,
        total.tp + total.fp,
      )
        .toFixed(3)
        .padStart(9)}  ${ratio(total.tp, total.tp + total.fn)
        .toFixed(3)
        .padStart(6)}`,
      ...result.errors.map((e) => `  mismatch: ${e}`),
    ];
    for (const l of out) {
      t.diagnostic(l);
    }
    console.log(out.join('\n'));
    assert.ok(rows.length >= 20, 'the fixtures exercise most categories');
  });

  void test(`every category reaches precision and recall >= ${THRESHOLD}`, () => {
    const below = [...result.perCategory.entries()]
      .filter(([, v]) => ratio(v.tp, v.tp + v.fp) < THRESHOLD || ratio(v.tp, v.tp + v.fn) < THRESHOLD)
      .map(([c, v]) => `${c}: tp=${v.tp} fp=${v.fp} fn=${v.fn}`);
    assert.deepEqual(below, []);
  });

  void test(`the right rule (not only the right category) on >= ${THRESHOLD} of labelled lines`, () => {
    assert.ok(ratio(result.ruleAgreements, result.labelled) >= THRESHOLD, result.errors.join('\n'));
  });

  void test('the benign fixture produces no finding at all', () => {
    const benign = loadFixtures().find((f) => f.name === 'normal-noisy.log');
    assert.ok(benign && benign.expected.length === 0);
    assert.deepEqual(scanText(benign.text, { assumeYear: benign.assumeYear }).findings, []);
  });
});
