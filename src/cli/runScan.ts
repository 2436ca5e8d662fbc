// kubelog-scan's behaviour with its I/O passed in, so the entry file stays a two-liner.
import type { Readable, Writable } from 'node:stream';
import type { Finding } from '../shared/logs/types';
import { yearlessTimesBefore } from '../shared/logs/engine';
import {
  isAbort,
  scanLogFile,
  scanReadable,
  UnreadableFileError,
  type StreamScanResult,
} from '../node/logFileScan';
import { parseArgs, USAGE, type CliOptions } from './args';
import { formatTextSummary, toJsonLine } from './report';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  now(): Date;
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Runs kubelog-scan and resolves with its exit status (0 clean, 1 findings, 2 usage or read error). */
export async function runScan(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    io.stderr.write(`kubelog-scan: ${(err as Error).message}\n\n${USAGE}\n`);
    return EXIT_ERROR;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT_CLEAN;
  }
  const out = new BufferedWriter(io.stdout);
  let anyFindings = false;
  let anyErrors = false;
  for (const file of options.files) {
    const label = file === '-' ? '<stdin>' : file;
    const onFindings =
      options.format === 'json'
        ? (findings: Finding[]) => out.write(findings.map((f) => toJsonLine(label, f)).join('\n') + '\n')
        : undefined;
    let result: StreamScanResult;
    try {
      result =
        file === '-'
          ? await scanReadable(io.stdin, {
              onFindings,
              sniffAs: label,
              settings: yearlessTimesBefore(io.now()),
            })
          : await scanLogFile(file, { onFindings });
    } catch (err) {
      anyErrors = true;
      await out.flush();
      if (err instanceof UnreadableFileError) {
        io.stderr.write(`kubelog-scan: ${err.message}\n`);
      } else if (isAbort(err)) {
        io.stderr.write(`kubelog-scan: ${label}: cancelled\n`);
      } else {
        io.stderr.write(`kubelog-scan: ${label}: ${(err as Error)?.message ?? String(err)}\n`);
      }
      continue;
    }
    if (result.findingCount > 0) {
      anyFindings = true;
    }
    if (options.format === 'text') {
      await out.write(formatTextSummary({ file: label, ...result }) + '\n');
    }
  }
  await out.flush();
  return anyErrors ? EXIT_ERROR : anyFindings ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Collects output into large writes and waits for the stream to drain, so a slow pipe bounds memory. */
class BufferedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly stream: Writable) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 256 * 1024) {
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.size === 0) {
      return;
    }
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.once('drain', done);
        this.stream.once('close', done);
        this.stream.once('error', done);
      });
    }
  }
}
