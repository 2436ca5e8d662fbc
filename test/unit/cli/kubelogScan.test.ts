// Runs the built CLI (dist/kubelog-scan.js, from `npm run build`) as a child process.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLEAN_LOG, RUNTIME_TIMEOUT_LINE, PLEG_LINE_NUMBERS, PLEG_LOG } from './fixtures';

const root = join(__dirname, '..', '..', '..', '..');
const cli = join(root, 'dist', 'kubelog-scan.js');
let dir: string;

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function plegLines(records: Record<string, unknown>[]): number[] {
  return records.filter((r) => r.category === 'pleg-unhealthy').map((r) => r.line as number);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kubelog-scan-'));
});

void describe('kubelog-scan usage', () => {
  void test('no input is a usage error with exit 2', () => {
    const r = run([]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no input/);
    assert.match(r.stderr, /Usage: kubelog-scan/);
  });

  void test('an unknown option or format is a usage error', () => {
    assert.equal(run(['--colour', 'x.log']).status, 2);
    const r = run(['--format', 'yaml', 'x.log']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format must be text or json/);
  });

  void test('--help prints the usage and exits 0', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Exit status: 0 nothing found, 1 findings, 2 usage or read error/);
  });
});

void describe('kubelog-scan output', () => {
  void test('--format json prints one object per flagged line with 1-based lines', () => {
    const path = file('pleg.log', PLEG_LOG);
    const r = run(['--format', 'json', path]);
    assert.equal(r.status, 1);
    const records = jsonLines(r.stdout);
    assert.deepEqual(plegLines(records), PLEG_LINE_NUMBERS);
    for (const rec of records) {
      assert.deepEqual(Object.keys(rec), [
        'file',
        'line',
        'endLine',
        'ruleId',
        'category',
        'severity',
        'message',
      ]);
      assert.equal(rec.file, path);
      assert.ok((rec.endLine as number) >= (rec.line as number));
    }
  });

  void test('text format groups the PLEG lines into one incident', () => {
    const path = file('pleg-text.log', PLEG_LOG);
    const r = run([path]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /3 flagged lines? in 1 incident/);
    assert.match(r.stdout, new RegExp(`pleg-text\\.log:${PLEG_LINE_NUMBERS[0]}: error .*×3, lines 2–5`));
    assert.match(r.stdout, /PLEG: unhealthy 3×/);
  });

  void test('a clean file exits 0', () => {
    const r = run(['--format=json', file('clean.log', CLEAN_LOG)]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
  });

  void test('- reads standard input', () => {
    const r = run(['--format', 'json', '-'], PLEG_LOG);
    assert.equal(r.status, 1);
    const records = jsonLines(r.stdout);
    assert.deepEqual(plegLines(records), PLEG_LINE_NUMBERS);
    assert.equal(records[0].file, '<stdin>');
  });

  void test('several files are scanned in order', () => {
    const a = file('a.log', PLEG_LOG);
    const b = file('b.log', RUNTIME_TIMEOUT_LINE + '\n');
    const records = jsonLines(run(['--format', 'json', a, b]).stdout);
    assert.deepEqual([...new Set(records.map((r) => r.file))], [a, b]);
  });

  void test('gzip-compressed rotated logs are decompressed', () => {
    const r = run(['--format', 'json', file('messages-20240806.gz', gzipSync(PLEG_LOG))]);
    assert.equal(r.status, 1);
    assert.deepEqual(plegLines(jsonLines(r.stdout)), PLEG_LINE_NUMBERS);
  });
});

void describe('kubelog-scan read errors', () => {
  void test('a missing file exits 2 with a clear message and the other files are still scanned', () => {
    const good = file('good.log', PLEG_LOG);
    const r = run(['--format', 'json', join(dir, 'missing.log'), good]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.log: no such file/);
    assert.deepEqual(plegLines(jsonLines(r.stdout)), PLEG_LINE_NUMBERS);
  });

  void test('a directory is refused', () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub, { recursive: true });
    const r = run([sub]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /a-directory: is a directory/);
  });

  void test('a binary file is refused with the reason', () => {
    const bytes = Buffer.alloc(8192);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = i % 4 === 0 ? 0 : (i * 7919) % 256;
    }
    const r = run([file('core.bin', bytes)]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /core\.bin: looks like a binary file \(\d+% NUL bytes/);
  });

  void test('binary data on standard input is refused', () => {
    const r = run(['-'], Buffer.from([0, 1, 2, 0, 0, 0, 255, 0, 0, 0, 0, 7]));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /<stdin>: looks like binary data/);
  });
});

void describe('kubelog-scan robustness', () => {
  void test('an empty file exits 0', () => {
    assert.equal(run([file('empty.log', '')]).status, 0);
  });

  void test('CRLF line endings give the same findings as LF', () => {
    const lf = jsonLines(run(['--format', 'json', file('lf.log', PLEG_LOG)]).stdout);
    const crlf = jsonLines(
      run(['--format', 'json', file('crlf.log', PLEG_LOG.replace(/\n/g, '\r\n'))]).stdout,
    );
    assert.deepEqual(
      crlf.map((r) => [r.line, r.ruleId]),
      lf.map((r) => [r.line, r.ruleId]),
    );
  });

  void test('invalid UTF-8 bytes inside a line do not hide the finding', () => {
    const bad = Buffer.concat([
      Buffer.from(PLEG_LOG.slice(0, 60)),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from(PLEG_LOG.slice(60)),
    ]);
    const r = run(['--format', 'json', file('bad-utf8.log', bad)]);
    assert.equal(r.status, 1);
    assert.deepEqual(plegLines(jsonLines(r.stdout)), PLEG_LINE_NUMBERS);
  });

  void test('a 10 MB single line is scanned in bounded time and later line numbers stay right', () => {
    const huge = 'Aug 06 07:55:00 k8s-wa-2 kubelet[1498]: ' + 'x'.repeat(10 * 1024 * 1024);
    const started = Date.now();
    const r = run(['--format', 'json', file('huge-line.log', `${huge}\n${PLEG_LOG}`)]);
    assert.ok(Date.now() - started < 30000, 'finishes well within 30 s');
    assert.equal(r.status, 1);
    assert.deepEqual(
      plegLines(jsonLines(r.stdout)),
      PLEG_LINE_NUMBERS.map((n) => n + 1),
    );
  });

  void test('a file cut off in the middle of a line is scanned up to the cut', () => {
    const cut = PLEG_LOG.slice(0, PLEG_LOG.indexOf('6m57') + 2);
    const r = run(['--format', 'json', file('truncated.log', cut)]);
    assert.ok(r.status === 1, r.stderr);
    assert.deepEqual(plegLines(jsonLines(r.stdout)).slice(0, 2), PLEG_LINE_NUMBERS.slice(0, 2));
  });

  void test('a message wrapped over two lines does not crash the scan', () => {
    const wrapped = PLEG_LOG.replace('pleg was last seen active 5m0.5s', 'pleg was last\nseen active 5m0.5s');
    const r = run(['--format', 'json', file('wrapped.log', wrapped)]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.equal(r.stderr, '');
  });
});
