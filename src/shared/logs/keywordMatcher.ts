/**
 * Multi-keyword search (Aho–Corasick automaton as a dense DFA over ASCII) that finds, in one pass over a
 * chunk, every line containing any rule keyword and which keywords it contains. It replaces a
 * regex alternation of ~170 literals, which V8's backtracking engine scans an order of magnitude slower.
 *
 * Matching is ASCII case-insensitive: A–Z fold to a–z, every non-ASCII code unit is a character no
 * keyword contains. Keywords are therefore printable lower-case ASCII (the catalog test enforces it).
 */

const ALPHABET = 128;
const NO_OUTPUT = -1;

/** True when `keyword` can be searched by the matcher (non-empty printable ASCII, no newline). */
export function isMatchableKeyword(keyword: string): boolean {
  return /^[\x20-\x7e]+$/.test(keyword);
}

const cache = new Map<string, KeywordMatcher>();
const CACHE_SIZE = 4;

/**
 * A matcher for this keyword list, built once and reused: building the automaton costs far more than
 * scanning a typical document, and every scan of the same catalog needs the same one.
 */
export function keywordMatcherFor(keywords: readonly string[]): KeywordMatcher {
  const key = keywords.join('\n');
  let matcher = cache.get(key);
  if (!matcher) {
    matcher = new KeywordMatcher(keywords);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, matcher);
  }
  return matcher;
}

export class KeywordMatcher {
  private readonly delta: Uint16Array | Int32Array;
  /** States at or above this id have outputs (states are renumbered so one comparison suffices). */
  private readonly firstOutputState: number;
  private readonly outputStart: Int32Array;
  private readonly outputEnd: Int32Array;
  private readonly outputs: Int32Array;
  private readonly seenInLine: Uint32Array;
  private readonly lineHits: Int32Array;
  private stamp = 0;

  /**
   * @param keywords lower-case printable ASCII strings; their index is the id reported by `scan`.
   * @example
   * const m = new KeywordMatcher(['pleg is not healthy', 'oom']);
   * m.scan('a\nE0806 PLEG is not healthy\n', (start, end, hits, count) => console.log(start, end, hits.slice(0, count)));
   * // → 2 27 [0]
   */
  constructor(keywords: readonly string[]) {
    // 1. Trie.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const terminal: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      if (!isMatchableKeyword(keyword)) throw new Error(`keyword not searchable: ${JSON.stringify(keyword)}`);
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = fold(keyword.charCodeAt(i));
        let next = children[state].get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map<number, number>());
          terminal.push([]);
          children[state].set(c, next);
        }
        state = next;
      }
      terminal[state].push(id);
    });

    // 2. Failure links breadth-first, turning the trie into a complete DFA; outputs inherit along failure links.
    const stateCount = children.length;
    // 16-bit states keep the table small enough for the CPU cache (the catalog needs ~3,000 states).
    const delta =
      stateCount < 0x10000 ? new Uint16Array(stateCount * ALPHABET) : new Int32Array(stateCount * ALPHABET);
    const failure = new Int32Array(stateCount);
    const output: number[][] = terminal.map((ids) => [...ids]);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = children[0].get(c);
      if (next !== undefined) {
        delta[c] = next;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      output[state].push(...output[failure[state]].filter((id) => !output[state].includes(id)));
      for (let c = 0; c < ALPHABET; c++) {
        const next = children[state].get(c);
        if (next !== undefined) {
          failure[next] = delta[failure[state] * ALPHABET + c];
          delta[state * ALPHABET + c] = next;
          queue.push(next);
        } else {
          delta[state * ALPHABET + c] = delta[failure[state] * ALPHABET + c];
        }
      }
    }

    // 3. Renumber: states without output first (the root stays 0), then flatten outputs.
    const order = [...Array(stateCount).keys()].sort(
      (a, b) => Number(output[a].length > 0) - Number(output[b].length > 0) || a - b,
    );
    const newId = new Int32Array(stateCount);
    order.forEach((old, id) => (newId[old] = id));
    const renumbered =
      stateCount < 0x10000 ? new Uint16Array(stateCount * ALPHABET) : new Int32Array(stateCount * ALPHABET);
    for (let old = 0; old < stateCount; old++) {
      for (let c = 0; c < ALPHABET; c++) {
        renumbered[newId[old] * ALPHABET + c] = newId[delta[old * ALPHABET + c]];
      }
    }
    this.firstOutputState = order.findIndex((old) => output[old].length > 0);
    if (this.firstOutputState === -1) this.firstOutputState = stateCount;
    this.outputStart = new Int32Array(stateCount).fill(NO_OUTPUT);
    this.outputEnd = new Int32Array(stateCount);
    const flat: number[] = [];
    order.forEach((old, id) => {
      if (output[old].length === 0) return;
      this.outputStart[id] = flat.length;
      flat.push(...output[old]);
      this.outputEnd[id] = flat.length;
    });
    this.delta = renumbered;
    this.outputs = Int32Array.from(flat);
    this.seenInLine = new Uint32Array(keywords.length);
    this.lineHits = new Int32Array(keywords.length);
  }

  /**
   * Scans `text` line by line ('\n' separated). For every line that contains at least one keyword,
   * calls `onLine(start, end, hits, hitCount)` with the line's bounds in `text` (end excludes the
   * newline) and the distinct keyword ids found (`hits[0..hitCount)`, reused between calls). Returns
   * the number of lines (newlines + 1).
   */
  scan(
    text: string,
    onLine: (start: number, end: number, hits: Int32Array, hitCount: number) => void,
  ): number {
    const { delta, firstOutputState, outputStart, outputEnd, outputs, seenInLine, lineHits } = this;
    let state = 0;
    let lineStart = 0;
    let lines = 1;
    let hitCount = 0;
    let stamp = this.nextStamp();
    const length = text.length;
    for (let i = 0; i < length; i++) {
      let c = text.charCodeAt(i);
      if (c === 10) {
        if (hitCount > 0) {
          onLine(lineStart, i, lineHits, hitCount);
          hitCount = 0;
          stamp = this.nextStamp();
        }
        lines++;
        lineStart = i + 1;
        state = 0;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= ALPHABET) c = 0;
      state = delta[state * ALPHABET + c];
      if (state >= firstOutputState) {
        for (let o = outputStart[state], last = outputEnd[state]; o < last; o++) {
          const id = outputs[o];
          if (seenInLine[id] !== stamp) {
            seenInLine[id] = stamp;
            lineHits[hitCount++] = id;
          }
        }
      }
    }
    if (hitCount > 0) onLine(lineStart, length, lineHits, hitCount);
    this.nextStamp();
    return lines;
  }

  private nextStamp(): number {
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) this.seenInLine.fill(0);
    return this.stamp;
  }
}

function fold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  return c >= ALPHABET ? 0 : c;
}
