import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { scanText } from '../../../src/shared/logs/engine';
import type { Finding } from '../../../src/shared/logs/types';
import {
  MAX_LINE_CHARS,
  isAbort,
  scanLogFile,
  scanReadable,
  UnreadableFileError,
} from '../../../src/node/logFileScan';
import { RUNTIME_TIMEOUT_LINE, PLEG_LOG } from '../cli/fixtures';

/** A byte stream that hands out `bytes` in pieces of pseudo-random size (splitting UTF-8 sequences too). */
function chunked(bytes: Buffer, seed: number, maxPiece: number): Readable {
  const pieces: Buffer[] = [];
  let state = seed;
  for (let offset = 0; offset < bytes.length;) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const size = 1 + (state % maxPiece);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return Readable.from(pieces);
}

function key(f: Finding): string {
  return `${f.line}:${f.ruleId}:${f.start}-${f.end}`;
}

const MIXED = `${PLEG_LOG}ünïcode ✓ line\r\n${RUNTIME_TIMEOUT_LINE}\n${PLEG_LOG}`;

void test('streaming in arbitrary chunks finds exactly what scanText finds', async () => {
  const expected = scanText(MIXED, { assumeYear: 2024 }).findings.map(key);
  assert.ok(expected.length > 0);
  for (const [seed, maxPiece] of [
    [1, 7],
    [2, 64],
    [3, 1000],
    [4, 100000],
  ]) {
    const seen: Finding[] = [];
    const result = await scanReadable(chunked(Buffer.from(MIXED), seed, maxPiece), {
      settings: { assumeYear: 2024 },
      onFindings: (f) => void seen.push(...f),
    });
    assert.deepEqual(seen.map(key), expected, `seed ${seed}, pieces up to ${maxPiece} bytes`);
    assert.equal(result.findingCount, expected.length);
    assert.equal(result.linesScanned, MIXED.split('\n').length - 1);
  }
});

void test('incidents and the PLEG summary come out of the stream', async () => {
  const result = await scanReadable(Readable.from([Buffer.from(PLEG_LOG)]), {
    settings: { assumeYear: 2024 },
  });
  assert.ok(result.incidents.some((i) => i.category === 'pleg-unhealthy' && i.count === 3));
  assert.equal(result.pleg?.occurrences, 3);
});

void test('a line longer than the cap is cut and the next lines keep their numbers', async () => {
  const long = 'y'.repeat(MAX_LINE_CHARS + 8 * 1024 * 1024);
  const seen: Finding[] = [];
  const result = await scanReadable(
    chunked(Buffer.from(`${long}\n${RUNTIME_TIMEOUT_LINE}\n`), 9, 4 * 1024 * 1024),
    {
      onFindings: (f) => void seen.push(...f),
    },
  );
  assert.equal(result.cutLines, 1);
  assert.equal(result.linesScanned, 2);
  assert.deepEqual(
    seen.map((f) => f.line),
    [1],
  );
});

void test('an aborted scan rejects with an AbortError', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    scanReadable(Readable.from([Buffer.from(PLEG_LOG)]), { signal: controller.signal }),
    (err: unknown) => isAbort(err),
  );
});

void test('scanLogFile reports missing files and directories as UnreadableFileError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logscan-'));
  await assert.rejects(
    scanLogFile(join(dir, 'nope.log')),
    (err: unknown) => err instanceof UnreadableFileError && /no such file/.test(err.message),
  );
  await assert.rejects(
    scanLogFile(dir),
    (err: unknown) => err instanceof UnreadableFileError && /is a directory/.test(err.message),
  );
  const path = join(dir, 'ok.log');
  writeFileSync(path, PLEG_LOG);
  const result = await scanLogFile(path);
  assert.equal(result.pleg?.occurrences, 3);
  assert.equal(result.bytesRead, Buffer.byteLength(PLEG_LOG));
});

/** Random documents built from log fragments, random characters, NULs, CR/LF and invalid bytes. */
function fuzzDocument(seed: number): Buffer {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const fragments = [
    ...PLEG_LOG.split('\n'),
    RUNTIME_TIMEOUT_LINE,
    '"',
    '\\',
    '[',
    '{"ts":',
    'level=error',
    '\r',
    '\u0000',
    '✓',
  ];
  const parts: Buffer[] = [];
  const pieces = 1 + next(200);
  for (let i = 0; i < pieces; i++) {
    switch (next(4)) {
      case 0:
        parts.push(Buffer.from(fragments[next(fragments.length)]));
        break;
      case 1:
        parts.push(Buffer.from(Array.from({ length: next(64) }, () => next(256))));
        break;
      case 2:
        parts.push(Buffer.from(next(2) === 0 ? '\n' : '\r\n'));
        break;
      default:
        parts.push(Buffer.from(fragments[next(fragments.length)].slice(0, next(80))));
    }
  }
  return Buffer.concat(parts);
}

void test('fuzz: random documents scan without errors, the same in any chunking', async () => {
  for (let seed = 1; seed <= 150; seed++) {
    const bytes = fuzzDocument(seed);
    const expected = scanText(new TextDecoder().decode(bytes), { assumeYear: 2024 }).findings.map(key);
    const seen: Finding[] = [];
    const result = await scanReadable(chunked(bytes, seed, 1 + (seed % 50)), {
      settings: { assumeYear: 2024 },
      onFindings: (f) => void seen.push(...f),
    });
    assert.deepEqual(seen.map(key), expected, `seed ${seed}`);
    assert.equal(result.bytesRead, bytes.length);
  }
});
