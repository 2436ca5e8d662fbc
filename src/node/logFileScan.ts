// Streams a log file (any size) from disk or a pipe through the engine's LogScanner: bytes →
// UTF-8 text → complete lines → scanChunk. Memory stays flat in file size: findings are handed to
// the caller chunk by chunk, and the scanner keeps only bounded incident state. Shared by the CLI
// (src/cli) and the editor's "Analyze node log file…" command (src/client/logs); it lives in
// src/node because src/shared must not touch fs and the CLI must not import vscode.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import {
  LogScanner,
  yearlessTimesBefore,
  type EngineSettings,
  type PlegSummary,
} from '../shared/logs/engine';
import type { Finding, Incident } from '../shared/logs/types';
import { SNIFF_BYTES, sniffContent } from './sniff';

/** Longest line kept whole; the rest of a longer line is skipped (the engine reads only its start anyway). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;

export interface StreamScanOptions {
  settings?: Partial<EngineSettings>;
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far (compressed bytes for .gz files). */
  onProgress?(bytesRead: number): void;
  /** This chunk's findings, in line order; 0-based lines. */
  onFindings?(findings: Finding[]): void | Promise<void>;
  /** For streams without a file behind them (stdin): the name to use when the first bytes are not text. */
  sniffAs?: string;
}

export interface StreamScanResult {
  incidents: Incident[];
  pleg?: PlegSummary;
  linesScanned: number;
  findingCount: number;
  bytesRead: number;
  /** Lines longer than MAX_LINE_CHARS whose tail was skipped. */
  cutLines: number;
  /** True when the input was gzip-compressed and was decompressed on the fly. */
  decompressed: boolean;
}

/** Why a file could not be scanned, worded for the user. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'UnreadableFileError';
  }
}

/**
 * Scans one file from disk. Rejects with UnreadableFileError for a missing file, a directory,
 * a permission problem or binary content; gzip-compressed logs are decompressed on the fly.
 * The year of year-less timestamps defaults to the file's modification year.
 *
 * @example
 * const r = await scanLogFile('/var/log/messages', { onFindings: (fs) => fs.forEach(print) });
 * r.incidents // → [{ ruleId: 'pleg-not-healthy', count: 25, firstLine: 11, … }]
 */
export async function scanLogFile(file: string, options: StreamScanOptions = {}): Promise<StreamScanResult> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw new UnreadableFileError(file, describeFsError(err));
  }
  if (info.isDirectory()) {
    throw new UnreadableFileError(file, 'is a directory, not a log file');
  }
  let head: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new UnreadableFileError(file, describeFsError(err));
  }
  const sniff = sniffContent(head);
  if (sniff.kind === 'binary') {
    throw new UnreadableFileError(
      file,
      `looks like a binary file (${sniff.reason}); skipped. For journald's binary journal run \`journalctl --file ${file} > out.txt\` first.`,
    );
  }
  const settings = { ...yearlessTimesBefore(info.mtime), ...options.settings };
  const raw = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  let bytesRead = 0;
  raw.on('data', (chunk: Buffer | string) => (bytesRead += chunk.length));
  const source: Readable =
    sniff.kind === 'gzip' ? raw.pipe(createGunzip({ chunkSize: READ_CHUNK_BYTES })) : raw;
  if (sniff.kind === 'gzip') {
    raw.on('error', (err) => source.destroy(err));
  }
  try {
    const result = await scanReadable(source, { ...options, settings }, () => bytesRead);
    return { ...result, decompressed: sniff.kind === 'gzip' };
  } catch (err) {
    if (isAbort(err)) {
      throw err;
    }
    if (sniff.kind === 'gzip' && (err as NodeJS.ErrnoException)?.code?.startsWith('Z_')) {
      throw new UnreadableFileError(file, `is not valid gzip data (${(err as Error).message})`);
    }
    throw new UnreadableFileError(file, describeFsError(err));
  } finally {
    raw.destroy();
  }
}

/**
 * Scans any readable byte stream (a file, stdin). Text is decoded as UTF-8 (invalid bytes become
 * U+FFFD, CRLF is tolerated), split into complete lines and fed to LogScanner chunk by chunk.
 */
export async function scanReadable(
  stream: Readable,
  options: StreamScanOptions = {},
  bytesSoFar?: () => number,
): Promise<StreamScanResult> {
  const scanner = new LogScanner(options.settings);
  // Bytes of the line still open at the end of the last chunk (lines are scanned as bytes; the engine
  // decodes only the lines its prefilter selects).
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let nextLine = 0;
  let findingCount = 0;
  let bytesRead = 0;
  let cutLines = 0;
  let skippingRestOfLine = false;

  const report = async (findings: Finding[]) => {
    nextLine = scanner.linesScanned;
    findingCount += findings.length;
    if (findings.length > 0 && options.onFindings) {
      await options.onFindings(findings);
    }
  };
  const scanBytes = (bytes: Buffer, from: number, to: number) =>
    report(scanner.scanBytes(bytes, from, to, nextLine));
  const takeCarry = (tail?: Buffer): Buffer => {
    const joined = Buffer.concat(tail ? [...carry, tail] : carry);
    carry = [];
    carryBytes = 0;
    return joined;
  };

  const onAbort = () => stream.destroy(abortError());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) {
      throw abortError();
    }
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (bytesRead === 0 && options.sniffAs !== undefined) {
        rejectNonText(options.sniffAs, chunk);
      }
      bytesRead += chunk.length;
      let from = 0;
      if (skippingRestOfLine) {
        const newline = chunk.indexOf(10);
        if (newline < 0) {
          continue;
        }
        from = newline + 1;
        skippingRestOfLine = false;
      }
      const lastNewline = chunk.lastIndexOf(10);
      if (lastNewline < from) {
        carry.push(chunk.subarray(from));
        carryBytes += chunk.length - from;
      } else {
        if (carryBytes > 0) {
          // The line open from earlier chunks ends in this one: scan it on its own.
          const firstNewline = chunk.indexOf(10, from);
          const line = takeCarry(chunk.subarray(from, firstNewline));
          await scanBytes(line, 0, line.length);
          from = firstNewline + 1;
          if (from <= lastNewline) {
            await scanBytes(chunk, from, lastNewline);
          }
        } else {
          await scanBytes(chunk, from, lastNewline);
        }
        if (lastNewline + 1 < chunk.length) {
          carry.push(chunk.subarray(lastNewline + 1));
          carryBytes = chunk.length - lastNewline - 1;
        }
      }
      // Every UTF-16 unit takes at least one byte, so only a carry this long can exceed MAX_LINE_CHARS.
      if (carryBytes > MAX_LINE_CHARS) {
        // Count characters as a streaming decoder would: an incomplete trailing sequence is not yet text.
        const text = new StringDecoder('utf8').write(Buffer.concat(carry));
        if (text.length > MAX_LINE_CHARS) {
          // A line longer than anything a log writer produces: keep its start, skip to its end.
          takeCarry();
          await report(scanner.scanChunk(text.slice(0, MAX_LINE_CHARS), nextLine));
          cutLines++;
          skippingRestOfLine = true;
        }
      }
      options.onProgress?.(bytesSoFar ? bytesSoFar() : bytesRead);
      if (options.signal?.aborted) {
        throw abortError();
      }
    }
    if (carryBytes > 0 && !skippingRestOfLine) {
      const line = takeCarry();
      await scanBytes(line, 0, line.length);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return {
    incidents: scanner.incidents(),
    pleg: scanner.plegSummary(),
    linesScanned: nextLine,
    findingCount,
    bytesRead: bytesSoFar ? bytesSoFar() : bytesRead,
    cutLines,
    decompressed: false,
  };
}

function rejectNonText(label: string, head: Buffer): void {
  const sniff = sniffContent(head);
  if (sniff.kind === 'gzip') {
    throw new UnreadableFileError(label, 'is gzip-compressed; pipe it through `zcat` first');
  }
  if (sniff.kind === 'binary') {
    throw new UnreadableFileError(label, `looks like binary data (${sniff.reason}); skipped`);
  }
}

function abortError(): Error {
  const err = new Error('The scan was cancelled');
  err.name = 'AbortError';
  return err;
}

export function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a log file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
