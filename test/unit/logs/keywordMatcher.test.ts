import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeywordMatcher, keywordMatcherFor } from '../../../src/shared/logs/keywordMatcher';
import { seededRandom } from './fixtureCorpus';

/** What the matcher must report, computed the obvious way. */
function naive(text: string, keywords: string[]) {
  const out: Array<[number, number, number[]]> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const lower = line.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const ids = keywords.map((k, i) => (lower.includes(k) ? i : -1)).filter((i) => i >= 0);
    if (ids.length > 0) {
      out.push([start, start + line.length, ids]);
    }
    start += line.length + 1;
  }
  return out;
}

function scanned(matcher: KeywordMatcher, text: string) {
  const out: Array<[number, number, number[]]> = [];
  const lines = matcher.scan(text, (start, end, hits, count) => {
    out.push([start, end, Array.from(hits.subarray(0, count)).sort((a, b) => a - b)]);
  });
  return { out, lines };
}

void describe('KeywordMatcher', () => {
  void test('finds overlapping, nested and repeated keywords, ASCII case-insensitively', () => {
    const keywords = ['inode', 'inodes', 'nodes', 'pleg is not healthy', 'is not', 'oom', 'o'];
    const text = 'x\nNodefs.INODESfree\nPLEG IS NOT HEALTHY oom\n\nnothing here\r\nfoo';
    const { out, lines } = scanned(new KeywordMatcher(keywords), text);
    assert.deepEqual(out, naive(text, keywords));
    assert.equal(lines, 6);
  });

  void test('agrees with a naive search on random text (non-ASCII never matches ASCII keywords)', () => {
    const random = seededRandom(99);
    const keywords = ['abc', 'bca', 'cab', 'a b', 'aaa', 'b', 'xyz"', '\\"q'];
    const alphabet = 'abcABC xyzXYZ"\\q\n\u00e1\u212a\u017f';
    const matcher = new KeywordMatcher(keywords);
    for (let round = 0; round < 200; round++) {
      const text = Array.from(
        { length: Math.floor(random() * 300) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      assert.deepEqual(scanned(matcher, text).out, naive(text, keywords), JSON.stringify(text));
    }
  });

  void test('empty text is one line; a trailing newline opens an empty last line', () => {
    const matcher = new KeywordMatcher(['a']);
    assert.equal(scanned(matcher, '').lines, 1);
    assert.deepEqual(scanned(matcher, 'a\n'), { out: [[0, 1, [0]]], lines: 2 });
  });

  void test('rejects keywords it cannot search; caches matchers per keyword list', () => {
    assert.throws(() => new KeywordMatcher(['caf\u00e9']));
    assert.throws(() => new KeywordMatcher(['two\nlines']));
    assert.equal(keywordMatcherFor(['x', 'y']), keywordMatcherFor(['x', 'y']));
    assert.notEqual(keywordMatcherFor(['x', 'y']), keywordMatcherFor(['x', 'z']));
  });
});

void describe('KeywordMatcher.scanBytes', () => {
  void test('reports the same lines and keywords over UTF-8 bytes as scan over the text', () => {
    const random = seededRandom(7);
    const keywords = ['abc', 'bca', 'cab', 'a b', 'aaa', 'b', 'xyz"', '\\"q'];
    const alphabet = 'abcABC xyzXYZ"\\q\n\r\u00e1\u212a\u017f\u{1f600}\ufffd';
    const matcher = new KeywordMatcher(keywords);
    for (let round = 0; round < 200; round++) {
      const chars = Array.from({ length: Math.floor(random() * 300) }, () => {
        const all = [...alphabet];
        return all[Math.floor(random() * all.length)];
      });
      const text = chars.join('');
      const bytes = Buffer.concat([Buffer.from('pad\n'), Buffer.from(text)]);
      const fromBytes: Array<[string, number[]]> = [];
      const lines = matcher.scanBytes(bytes, 4, bytes.length, (start, end, hits, count) => {
        fromBytes.push([
          bytes.toString('utf8', start, end),
          Array.from(hits.subarray(0, count)).sort((a, b) => a - b),
        ]);
      });
      const fromText = scanned(matcher, text);
      assert.deepEqual(
        fromBytes,
        fromText.out.map(([start, end, ids]) => [text.slice(start, end), ids]),
        JSON.stringify(text),
      );
      assert.equal(lines, fromText.lines);
    }
  });
});
