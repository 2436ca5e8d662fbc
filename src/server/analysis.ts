// One scan per document version and settings: diagnostics, hovers, code actions and the outline
// all read the same result, so a hover never re-scans a 50 MB document.
import { scanText, type EngineSettings, type ScanResult } from '../shared/logs/engine';
import type { Finding } from '../shared/logs/types';

export interface DocumentAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly result: ScanResult;
  /** Findings of each rule in line order, for "previous/next occurrence" and "show all occurrences". */
  readonly findingsByRule: ReadonlyMap<string, readonly Finding[]>;
}

export function analyze(
  uri: string,
  version: number,
  text: string,
  settings: EngineSettings,
): DocumentAnalysis {
  const result = scanText(text, settings);
  const findings = [...result.findings].sort((a, b) => a.line - b.line || a.start - b.start);
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = findingsByRule.get(f.ruleId);
    if (list) list.push(f);
    else findingsByRule.set(f.ruleId, [f]);
  }
  return { uri, version, result: { ...result, findings }, findingsByRule };
}

/** Findings whose line range covers `line`. */
export function findingsOnLine(analysis: DocumentAnalysis, line: number): Finding[] {
  const findings = analysis.result.findings;
  // Findings are sorted by start line and span few lines, so scan back from the first one after `line`.
  let index = firstIndexAfter(findings, line);
  const hits: Finding[] = [];
  while (--index >= 0 && line - findings[index].line <= 64) {
    const f = findings[index];
    if (f.line <= line && line <= f.endLine) hits.unshift(f);
  }
  return hits;
}

/** Index of the first finding whose start line is greater than `line` (binary search). */
export function firstIndexAfter(findings: readonly Finding[], line: number): number {
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (findings[mid].line <= line) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Per-document cache, dropped on close and whenever settings change. */
export class AnalysisCache {
  private readonly entries = new Map<string, { analysis: DocumentAnalysis; settings: EngineSettings }>();

  get(uri: string, version: number, settings: EngineSettings): DocumentAnalysis | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.analysis.version === version && entry.settings === settings
      ? entry.analysis
      : undefined;
  }

  set(analysis: DocumentAnalysis, settings: EngineSettings): void {
    this.entries.set(analysis.uri, { analysis, settings });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
