// One scan per document version and settings: diagnostics, hovers, code actions and the outline
// all read the same result, so a hover never re-scans a 50 MB document. Large documents are
// scanned in blocks with a yield to the event loop between them, so the server keeps answering
// while it scans and drops a scan as soon as a newer version of the document arrives.
import { LogScanner, type EngineSettings, type ScanResult } from '../shared/logs/engine';
import type { Finding } from '../shared/logs/types';

export interface DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly result: ScanResult;
  /** Findings of each rule in line order, for "previous/next occurrence" and "show all occurrences". */
  readonly findingsByRule: ReadonlyMap<string, readonly Finding[]>;
}

/** Characters scanned between two yields to the event loop. */
export const SCAN_BLOCK_CHARS = 2 * 1024 * 1024;

/**
 * Scans a document. Resolves with undefined when `isStale` turns true between two blocks
 * (a newer version arrived), so no time is spent finishing a scan nobody will read.
 *
 * @example await analyze('file:///kubelet.log', 3, text, settings, () => false)
 * // → { uri, version: 3, result: { findings, incidents, pleg, linesScanned }, findingsByRule }
 */
export async function analyze(
  uri: string,
  version: number,
  text: string,
  settings: EngineSettings,
  isStale: () => boolean = () => false,
): Promise<DocumentAnalysis | undefined> {
  const scanner = new LogScanner(settings);
  const found: Finding[] = [];
  let offset = 0;
  while (offset < text.length) {
    let end =
      offset + SCAN_BLOCK_CHARS >= text.length ? text.length : text.indexOf('\n', offset + SCAN_BLOCK_CHARS);
    if (end < 0) {
      end = text.length;
    }
    // The scanner counts the lines it has seen, so the next block's first line is known without a recount.
    for (const f of scanner.scanChunk(text, scanner.linesScanned, offset, end)) {
      found.push(f);
    }
    offset = end + 1;
    if (offset < text.length) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (isStale()) {
        return undefined;
      }
    }
  }
  const findings = found.sort((a, b) => a.line - b.line || a.start - b.start);
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = findingsByRule.get(f.ruleId);
    if (list) {
      list.push(f);
    } else {
      findingsByRule.set(f.ruleId, [f]);
    }
  }
  const result: ScanResult = {
    findings,
    incidents: scanner.incidents(),
    pleg: scanner.plegSummary(),
    linesScanned: scanner.linesScanned,
  };
  return { uri, version, result, findingsByRule };
}

/** Findings whose line range covers `line`. */
export function findingsOnLine(analysis: DocumentAnalysis, line: number): Finding[] {
  const findings = analysis.result.findings;
  // Findings are sorted by start line and span few lines, so scan back from the first one after `line`.
  let index = firstIndexAfter(findings, line);
  const hits: Finding[] = [];
  while (--index >= 0 && line - findings[index].line <= 64) {
    const f = findings[index];
    if (f.line <= line && line <= f.endLine) {
      hits.unshift(f);
    }
  }
  return hits;
}

/** Index of the first finding whose start line is greater than `line` (binary search). */
export function firstIndexAfter(findings: readonly Finding[], line: number): number {
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (findings[mid].line <= line) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

interface CacheEntry {
  version: number;
  settings: EngineSettings;
  analysis: Promise<DocumentAnalysis | undefined>;
}

/**
 * Per-document cache of the analysis (finished or in flight), keyed by version and settings
 * object; dropped on close and whenever settings change. Requests arriving during a scan share it.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, CacheEntry>();

  get(
    uri: string,
    version: number,
    settings: EngineSettings,
  ): Promise<DocumentAnalysis | undefined> | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version && entry.settings === settings ? entry.analysis : undefined;
  }

  set(
    uri: string,
    version: number,
    settings: EngineSettings,
    analysis: Promise<DocumentAnalysis | undefined>,
  ): void {
    this.entries.set(uri, { version, settings, analysis });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
