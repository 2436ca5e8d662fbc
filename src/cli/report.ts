// Output of kubelog-scan: JSON lines per finding, or a text summary grouped by incident.
import type { PlegSummary } from '../shared/logs/engine';
import type { Finding, Incident } from '../shared/logs/types';

/** One flagged line in `--format json`; `line` and `endLine` are 1-based. */
export interface JsonFinding {
  file: string;
  line: number;
  endLine: number;
  ruleId: string;
  category: string;
  severity: string;
  message: string;
}

/**
 * @example toJsonLine('kubelet.log', { line: 11, endLine: 11, ruleId: 'pleg-not-healthy', … })
 * // → '{"file":"kubelet.log","line":12,"endLine":12,"ruleId":"pleg-not-healthy",…}'
 */
export function toJsonLine(file: string, f: Finding): string {
  const record: JsonFinding = {
    file,
    line: f.line + 1,
    endLine: f.endLine + 1,
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
  };
  return JSON.stringify(record);
}

export interface FileSummary {
  file: string;
  incidents: readonly Incident[];
  pleg?: PlegSummary;
  linesScanned: number;
  findingCount: number;
  cutLines: number;
  decompressed: boolean;
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The text report of one file: a header, the PLEG summary, then incidents by severity and position. */
export function formatTextSummary(s: FileSummary): string {
  const out: string[] = [];
  const header = `${s.file}: ${s.findingCount} flagged line${s.findingCount === 1 ? '' : 's'} in ${s.incidents.length} incident${s.incidents.length === 1 ? '' : 's'} (${s.linesScanned} lines scanned${s.decompressed ? ', gzip' : ''})`;
  out.push(header);
  if (s.cutLines > 0) {
    out.push(`  note: ${s.cutLines} line(s) longer than 16 MiB were only scanned up to that length`);
  }
  if (s.pleg) {
    out.push(`  PLEG: ${describePlegShort(s.pleg)}`);
  }
  const incidents = [...s.incidents].sort(
    (a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || a.firstLine - b.firstLine,
  );
  for (const i of incidents) {
    const lines =
      i.firstLine === i.lastLine ? `line ${i.firstLine + 1}` : `lines ${i.firstLine + 1}–${i.lastLine + 1}`;
    const time = timeSpan(i.firstTimestamp, i.lastTimestamp);
    out.push(
      `  ${s.file}:${i.firstLine + 1}: ${i.severity.padEnd(7)} ${i.ruleId} (${i.category}) ${i.title} ×${i.count}, ${lines}${time}`,
    );
  }
  return out.join('\n');
}

function describePlegShort(p: PlegSummary): string {
  const parts = [
    `unhealthy ${p.occurrences}× from line ${p.firstUnhealthyLine + 1}${stamp(p.firstUnhealthyTimestamp)} to line ${p.lastUnhealthyLine + 1}${stamp(p.lastUnhealthyTimestamp)}`,
  ];
  if (p.longestGapSeconds !== undefined) {
    parts.push(`longest "last seen active" ${Math.round(p.longestGapSeconds)}s`);
  }
  parts.push(
    p.runtimeTroubleDuring > 0
      ? `runtime trouble at the same time (${p.runtimeTroubleDuring})`
      : 'no runtime errors at the same time',
  );
  return parts.join('; ');
}

function stamp(ms: number | undefined): string {
  return ms === undefined ? '' : ` (${formatTime(ms)})`;
}

function timeSpan(first: number | undefined, last: number | undefined): string {
  if (first === undefined) {
    return '';
  }
  if (last === undefined || last === first) {
    return `, ${formatTime(first)}`;
  }
  return `, ${formatTime(first)} → ${formatTime(last)}`;
}

function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
