// `npm run bench:logs`: throughput of kubelog-scan against ripgrep and grep -E on the same
// generated node log and the same pattern set (the engine's prefilter keywords), the editor
// path (50 MB document → publishDiagnostics through the in-process language server), and peak
// memory of the streaming path for two file sizes. Not a test: run on demand, read the numbers.
//
// Environment: BENCH_SIZE_MB (default 200), BENCH_EDITOR_MB (50), BENCH_PROBLEM_SHARE (0.005), BENCH_RUNS (3).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { prefilterPatternSource, scanText as scanDocument } from '../src/shared/logs/engine';
import { startInProcess } from '../test/server/lspHarness';
import { generateNodeLog } from './generateNodeLog';

const root = join(__dirname, '..', '..');
const dataDir = join(root, 'bench', 'data');
const resultsDir = join(root, 'bench', 'results');
const cli = join(root, 'dist', 'kubelog-scan.js');

const sizeMb = Number(process.env.BENCH_SIZE_MB ?? 200);
const editorMb = Number(process.env.BENCH_EDITOR_MB ?? 50);
const problemShare = Number(process.env.BENCH_PROBLEM_SHARE ?? 0.005);
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function ensureLog(mb: number): Promise<string> {
  const file = join(dataDir, `node-${mb}MB-p${problemShare}.log`);
  if (!existsSync(file) || statSync(file).size < mb * 1048576) {
    process.stdout.write(`generating ${file} …\n`);
    const r = await generateNodeLog(file, { sizeBytes: mb * 1048576, problemShare, seed: 1 });
    process.stdout.write(`  ${r.lines} lines, ${r.problems} problem lines\n`);
  }
  return file;
}

interface Timed {
  seconds: number;
  outputBytes: number;
  outputLines: number;
  status: number | null;
}

/** Runs a command with stdout drained through a pipe (grep and rg shortcut output to /dev/null). */
function timeCommand(command: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let outputBytes = 0;
    let outputLines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      outputBytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
        outputLines++;
      }
    });
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, outputBytes, outputLines, status }),
    );
  });
}

async function best(label: string, command: string, args: string[]): Promise<Timed> {
  let fastest: Timed | undefined;
  for (let i = 0; i < runs; i++) {
    const t = await timeCommand(command, args);
    if (!fastest || t.seconds < fastest.seconds) {
      fastest = t;
    }
  }
  process.stdout.write(
    `  ${label.padEnd(34)} ${fastest!.seconds.toFixed(2)} s  (${fastest!.outputLines} output lines, exit ${fastest!.status})\n`,
  );
  return fastest!;
}

function version(command: string): string {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : 'missing';
}

async function editorLatency(file: string): Promise<{
  openToDiagnosticsMs: number;
  diagnostics: number;
  secondOpenMs: number;
  engineOnlyMs: number;
  rpcEncodeMs: number;
  rpcDecodeMs: number;
}> {
  const text = readFileSync(file, 'utf8');
  const engineStarted = process.hrtime.bigint();
  scanDocument(text, { assumeYear: 2026 });
  const engineOnlyMs = Number(process.hrtime.bigint() - engineStarted) / 1e6;
  // What the didOpen message costs to carry, done the way vscode-jsonrpc does it: the client
  // encodes (JSON.stringify + UTF-8), the server decodes (UTF-8 + JSON.parse).
  const message = {
    jsonrpc: '2.0',
    method: 'textDocument/didOpen',
    params: { textDocument: { uri: 'file:///bench/x.kubelog', languageId: 'kubelog', version: 1, text } },
  };
  let started = process.hrtime.bigint();
  const encoded = Buffer.from(JSON.stringify(message), 'utf8');
  const rpcEncodeMs = Number(process.hrtime.bigint() - started) / 1e6;
  started = process.hrtime.bigint();
  JSON.parse(encoded.toString('utf8'));
  const rpcDecodeMs = Number(process.hrtime.bigint() - started) / 1e6;
  const lsp = await startInProcess({ settings: {} });
  try {
    started = process.hrtime.bigint();
    const first = await lsp.open('file:///bench/editor.kubelog', text);
    const openToDiagnosticsMs = Number(process.hrtime.bigint() - started) / 1e6;
    started = process.hrtime.bigint();
    await lsp.open('file:///bench/editor-2.kubelog', text);
    const secondOpenMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      openToDiagnosticsMs,
      diagnostics: first.diagnostics.length,
      secondOpenMs,
      engineOnlyMs,
      rpcEncodeMs,
      rpcDecodeMs,
    };
  } finally {
    await lsp.dispose();
  }
}

function streamMemory(file: string): { peakRssMb: number; baselineRssMb: number; seconds: number } {
  const r = spawnSync(process.execPath, [join(root, 'out', 'bench', 'streamMemory.js'), file], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`streamMemory failed: ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as { peakRssMb: number; baselineRssMb: number; seconds: number };
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  if (version('rg') === 'missing') {
    process.stderr.write('ripgrep (rg) is missing: run bench/setup.sh first.\n');
    process.exit(2);
  }
  process.stdout.write(
    `node ${process.version}; ${version('rg')}; ${version('grep')}; LANG=${process.env.LANG ?? ''} LC_ALL=${process.env.LC_ALL ?? ''}\n`,
  );
  // Shared machines skew absolute figures; the ratios come from the same run and suffer less.
  process.stdout.write(
    `${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at start\n`,
  );
  const big = await ensureLog(sizeMb);
  const editor = await ensureLog(editorMb);
  const bigMb = statSync(big).size / 1048576;
  const pattern = prefilterPatternSource();
  // The ERE escapes `/` as `\/`; grep accepts that, ripgrep's parser rejects it.
  const rgPattern = pattern.replace(/\\\//g, '/');

  process.stdout.write(`\nthroughput on ${big} (${bigMb.toFixed(1)} MB), best of ${runs}:\n`);
  const scanJson = await best('kubelog-scan --format json', process.execPath, [cli, '--format', 'json', big]);
  const scanText = await best('kubelog-scan --format text', process.execPath, [cli, big]);
  const rg = await best('rg -i -e <prefilter>', 'rg', ['-i', '-e', rgPattern, big]);
  const grep = await best('grep -E -i -e <prefilter>', 'grep', ['-E', '-i', '-e', pattern, big]);

  process.stdout.write(
    `\neditor path: ${editor} (${(statSync(editor).size / 1048576).toFixed(1)} MB) didOpen → publishDiagnostics\n`,
  );
  const latency = await editorLatency(editor);
  process.stdout.write(
    `  first open ${latency.openToDiagnosticsMs.toFixed(0)} ms (${latency.diagnostics} diagnostics), second document ${latency.secondOpenMs.toFixed(0)} ms; engine scanText alone ${latency.engineOnlyMs.toFixed(0)} ms\n`,
  );
  process.stdout.write(
    `  didOpen transport alone: client JSON-RPC encode ${latency.rpcEncodeMs.toFixed(0)} ms, server decode ${latency.rpcDecodeMs.toFixed(0)} ms\n`,
  );

  process.stdout.write('\nstreaming path peak memory (RSS):\n');
  const memSmall = streamMemory(editor);
  const memBig = streamMemory(big);
  process.stdout.write(
    `  ${editorMb} MB file: ${memSmall.peakRssMb.toFixed(0)} MB peak (process baseline ${memSmall.baselineRssMb.toFixed(0)} MB)\n`,
  );
  process.stdout.write(
    `  ${sizeMb} MB file: ${memBig.peakRssMb.toFixed(0)} MB peak (process baseline ${memBig.baselineRssMb.toFixed(0)} MB)\n`,
  );

  const results = {
    fileMb: bigMb,
    problemShare,
    cliJsonMbPerSecond: bigMb / scanJson.seconds,
    cliTextMbPerSecond: bigMb / scanText.seconds,
    rgMbPerSecond: bigMb / rg.seconds,
    grepMbPerSecond: bigMb / grep.seconds,
    ratioCliJsonToRg: scanJson.seconds / rg.seconds,
    ratioCliTextToRg: scanText.seconds / rg.seconds,
    ratioCliJsonToGrep: scanJson.seconds / grep.seconds,
    ratioCliTextToGrep: scanText.seconds / grep.seconds,
    prefilterCandidateLines: { rg: rg.outputLines, grep: grep.outputLines },
    flaggedLines: scanJson.outputLines,
    editorOpenToDiagnosticsMs: latency.openToDiagnosticsMs,
    editorDiagnostics: latency.diagnostics,
    editorEngineOnlyMs: latency.engineOnlyMs,
    editorRpcEncodeMs: latency.rpcEncodeMs,
    editorRpcDecodeMs: latency.rpcDecodeMs,
    peakRssMb: { [`${editorMb}MB`]: memSmall.peakRssMb, [`${sizeMb}MB`]: memBig.peakRssMb },
    peakRssRatioBigToSmall: memBig.peakRssMb / memSmall.peakRssMb,
    fileSizeRatio: sizeMb / editorMb,
  };
  process.stdout.write(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at end\n`,
  );
  process.stdout.write('\nsummary:\n');
  process.stdout.write(
    `  kubelog-scan json ${results.cliJsonMbPerSecond.toFixed(0)} MB/s, text ${results.cliTextMbPerSecond.toFixed(0)} MB/s; rg ${results.rgMbPerSecond.toFixed(0)} MB/s; grep -E ${results.grepMbPerSecond.toFixed(0)} MB/s\n`,
  );
  process.stdout.write(
    `  wall-time ratio kubelog-scan/rg: json ${results.ratioCliJsonToRg.toFixed(2)}×, text ${results.ratioCliTextToRg.toFixed(2)}× (goal ≤ 2×)\n`,
  );
  process.stdout.write(
    `  wall-time ratio kubelog-scan/grep -E: json ${results.ratioCliJsonToGrep.toFixed(2)}×, text ${results.ratioCliTextToGrep.toFixed(2)}×\n`,
  );
  process.stdout.write(
    `  50 MB editor latency ${results.editorOpenToDiagnosticsMs.toFixed(0)} ms (goal < 1000 ms)\n`,
  );
  process.stdout.write(
    `  peak RSS ${memBig.peakRssMb.toFixed(0)} MB for ${sizeMb} MB vs ${memSmall.peakRssMb.toFixed(0)} MB for ${editorMb} MB: ratio ${results.peakRssRatioBigToSmall.toFixed(2)} for a ${results.fileSizeRatio.toFixed(1)}× larger file\n`,
  );
  const out = join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`  written to ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
