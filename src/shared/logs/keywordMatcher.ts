/**
 * Multi-keyword search (Aho–Corasick automaton compiled to a dense DFA) that finds, in one pass over a
 * chunk, every line containing any rule keyword and which keywords it contains. It replaces a
 * regex alternation of ~170 literals, which V8's backtracking engine scans an order of magnitude slower.
 *
 * Matching is ASCII case-insensitive: A–Z fold to a–z, every non-ASCII code unit (or UTF-8 byte) is a
 * character no keyword contains. Keywords are therefore printable lower-case ASCII (the catalog test
 * enforces it). Because of that, scanning a string and scanning its UTF-8 bytes report the same lines
 * and keywords: `scan` serves the editor (strings), `scanBytes` the file reader (no decoding needed).
 *
 * Speed: characters are mapped to a few dozen equivalence classes (those that occur in keywords, plus
 * "anything else" and newline), so the transition table stays small; table entries hold the next
 * state already multiplied by the row width; states with outputs — and a pseudo-state entered on
 * every newline — are numbered last, so the hot loop does one load and one comparison per character.
 */

const NO_OUTPUT = -1;
/** Class of every character that occurs in no keyword. */
const OTHER_CLASS = 0;
/** Class of '\n'. */
const NEWLINE_CLASS = 1;

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
    if (cache.size >= CACHE_SIZE) {
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, matcher);
  }
  return matcher;
}

/**
 * Called for each line holding at least one keyword: its bounds (end excludes the newline), the
 * distinct keyword ids, and its 0-based index among the scanned lines.
 */
export type LineHitHandler = (
  start: number,
  end: number,
  hits: Int32Array,
  hitCount: number,
  lineIndex: number,
) => void;

export class KeywordMatcher {
  /** Code unit → character class; 64 Ki entries so string scans need no range check. */
  private readonly classOf: Uint8Array;
  /** log2 of the row width (a power of two ≥ class count); states are stored pre-multiplied by the width. */
  private readonly shift: number;
  /** delta[state * stride + class] = nextState * stride. */
  private readonly delta: Int32Array;
  /** Pre-multiplied id of the first state with outputs; the newline pseudo-state is the last one. */
  private readonly firstOutputState: number;
  private readonly lineEndState: number;
  private readonly outputStart: Int32Array;
  private readonly outputEnd: Int32Array;
  private readonly outputs: Int32Array;
  /** The automaton's state between two calls of the advance loop. */
  private readonly cursor = new Int32Array(1);
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
    // 0. Character classes: one per distinct keyword character (after folding).
    this.classOf = new Uint8Array(0x10000);
    this.classOf[10] = NEWLINE_CLASS;
    let classCount = 2;
    for (const keyword of keywords) {
      if (!isMatchableKeyword(keyword)) {
        throw new Error(`keyword not searchable: ${JSON.stringify(keyword)}`);
      }
      for (let i = 0; i < keyword.length; i++) {
        const c = fold(keyword.charCodeAt(i));
        if (this.classOf[c] === OTHER_CLASS) {
          this.classOf[c] = classCount++;
          if (c >= 97 && c <= 122) {
            this.classOf[c - 32] = this.classOf[c];
          }
        }
      }
    }
    let shift = 0;
    while (1 << shift < classCount) {
      shift++;
    }
    const stride = 1 << shift;
    this.shift = shift;

    // 1. Trie over classes.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const terminal: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = this.classOf[fold(keyword.charCodeAt(i))];
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
    const trieStates = children.length;
    const delta = new Int32Array(trieStates * stride);
    const failure = new Int32Array(trieStates);
    const output: number[][] = terminal.map((ids) => [...ids]);
    const queue: number[] = [];
    for (let c = 0; c < stride; c++) {
      const next = children[0].get(c);
      if (next !== undefined) {
        delta[c] = next;
        queue.push(next);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      output[state].push(...output[failure[state]].filter((id) => !output[state].includes(id)));
      for (let c = 0; c < stride; c++) {
        const next = children[state].get(c);
        if (next !== undefined) {
          failure[next] = delta[failure[state] * stride + c];
          delta[state * stride + c] = next;
          queue.push(next);
        } else {
          delta[state * stride + c] = delta[failure[state] * stride + c];
        }
      }
    }

    // 3. Renumber: states without output first (the root stays 0), then those with output, then the
    //    newline pseudo-state, which behaves like the root for the next character.
    const order = [...Array(trieStates).keys()].sort(
      (a, b) => Number(output[a].length > 0) - Number(output[b].length > 0) || a - b,
    );
    const newId = new Int32Array(trieStates);
    order.forEach((old, id) => (newId[old] = id));
    const lineEnd = trieStates;
    const table = new Int32Array((trieStates + 1) * stride);
    for (let old = 0; old < trieStates; old++) {
      for (let c = 0; c < stride; c++) {
        table[newId[old] * stride + c] =
          c === NEWLINE_CLASS ? lineEnd * stride : newId[delta[old * stride + c]] * stride;
      }
    }
    table.copyWithin(lineEnd * stride, 0, stride);
    let firstOutput = order.findIndex((old) => output[old].length > 0);
    if (firstOutput === -1) {
      firstOutput = trieStates;
    }
    this.firstOutputState = firstOutput * stride;
    this.lineEndState = lineEnd * stride;
    this.outputStart = new Int32Array(trieStates + 1).fill(NO_OUTPUT);
    this.outputEnd = new Int32Array(trieStates + 1);
    const flat: number[] = [];
    order.forEach((old, id) => {
      if (output[old].length === 0) {
        return;
      }
      this.outputStart[id] = flat.length;
      flat.push(...output[old]);
      this.outputEnd[id] = flat.length;
    });
    this.delta = table;
    this.outputs = Int32Array.from(flat);
    this.seenInLine = new Uint32Array(keywords.length);
    this.lineHits = new Int32Array(keywords.length);
  }

  /**
   * Scans `text` line by line ('\n' separated). For every line that contains at least one keyword,
   * calls `onLine(start, end, hits, hitCount)` with the line's bounds in `text` (end excludes the
   * newline) and the distinct keyword ids found (`hits[0..hitCount)`, reused between calls). Returns
   * the number of lines (newlines + 1). `from`/`to` limit the scan to `text[from..to)` without
   * slicing (offsets stay relative to `text`).
   */
  scan(text: string, onLine: LineHitHandler, from = 0, to = text.length): number {
    return this.scanWith(advanceOverText, text, from, to, onLine);
  }

  /**
   * `scan` over UTF-8 bytes `bytes[from..to)`: reports the same lines and keywords as `scan` over the
   * decoded text, with byte offsets (relative to `bytes`). Returns the number of lines.
   *
   * @example
   * m.scanBytes(Buffer.from('a\nE0806 PLEG is not healthy'), 0, 28, (start, end) => console.log(start, end));
   * // → 2 28
   */
  scanBytes(bytes: Uint8Array, from: number, to: number, onLine: LineHitHandler): number {
    return this.scanWith(advanceOverBytes, bytes, from, to, onLine);
  }

  /** The bookkeeping around a hot loop: collects each line's keywords and reports the line. */
  private scanWith<Input>(
    advance: Advance<Input>,
    input: Input,
    from: number,
    to: number,
    onLine: LineHitHandler,
  ): number {
    const { delta, classOf, firstOutputState, lineEndState, cursor } = this;
    let i = from;
    let lineStart = from;
    let lines = 1;
    let hitCount = 0;
    cursor[0] = 0;
    this.nextStamp();
    for (;;) {
      i = advance(delta, classOf, firstOutputState, input, i, to, cursor);
      if (i >= to) {
        break;
      }
      const state = cursor[0];
      if (state !== lineEndState) {
        hitCount = this.collect(state, hitCount);
      } else {
        if (hitCount > 0) {
          hitCount = this.flushLine(lineStart, i, hitCount, lines - 1, onLine);
        }
        lines++;
        lineStart = i + 1;
      }
      i++;
    }
    if (hitCount > 0) {
      this.flushLine(lineStart, to, hitCount, lines - 1, onLine);
    }
    this.nextStamp();
    return lines;
  }

  /** Adds the keywords ending at `state` that the line has not shown yet; returns the new hit count. */
  private collect(state: number, hitCount: number): number {
    const id = state >> this.shift;
    const { outputs, seenInLine, lineHits, stamp } = this;
    for (let o = this.outputStart[id], last = this.outputEnd[id]; o < last; o++) {
      const keyword = outputs[o];
      if (seenInLine[keyword] !== stamp) {
        seenInLine[keyword] = stamp;
        lineHits[hitCount++] = keyword;
      }
    }
    return hitCount;
  }

  /** Reports a line with hits and starts a fresh one; returns the new hit count (0). */
  private flushLine(
    start: number,
    end: number,
    hitCount: number,
    lineIndex: number,
    onLine: LineHitHandler,
  ): number {
    onLine(start, end, this.lineHits, hitCount, lineIndex);
    this.nextStamp();
    return 0;
  }

  private nextStamp(): number {
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1;
    if (this.stamp === 1) {
      this.seenInLine.fill(0);
    }
    return this.stamp;
  }
}

/*
 * The hot loops: run the automaton until it enters a state worth a look (a keyword ends, or a line
 * does) and return that position (or `end`), leaving the state in `cursor[0]`. Kept this small, apart
 * from the bookkeeping, they compile to a tight loop (about twice as fast as one loop doing both).
 */
type Advance<Input> = (
  delta: Int32Array,
  classOf: Uint8Array,
  stopAt: number,
  input: Input,
  i: number,
  end: number,
  cursor: Int32Array,
) => number;

function advanceOverText(
  delta: Int32Array,
  classOf: Uint8Array,
  stopAt: number,
  text: string,
  i: number,
  end: number,
  cursor: Int32Array,
): number {
  let state = cursor[0];
  for (; i < end; i++) {
    state = delta[state + classOf[text.charCodeAt(i)]];
    if (state >= stopAt) {
      break;
    }
  }
  cursor[0] = state;
  return i;
}

function advanceOverBytes(
  delta: Int32Array,
  classOf: Uint8Array,
  stopAt: number,
  bytes: Uint8Array,
  i: number,
  end: number,
  cursor: Int32Array,
): number {
  let state = cursor[0];
  for (; i < end; i++) {
    state = delta[state + classOf[bytes[i]]];
    if (state >= stopAt) {
      break;
    }
  }
  cursor[0] = state;
  return i;
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}
