// The only place that knows both the engine's shapes (Finding, Incident, PlegSummary) and LSP's.
import {
  DiagnosticSeverity,
  SymbolKind,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentSymbol,
  type Range,
} from 'vscode-languageserver';
import type { PlegSummary } from '../shared/logs/engine';
import type { Finding, Incident, Severity } from '../shared/logs/types';

export const DIAGNOSTIC_SOURCE = 'kubelog';
export const PLEG_SUMMARY_CODE = 'pleg-summary';

/** What a diagnostic carries for the code actions. */
export interface DiagnosticData {
  ruleId: string;
  line: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity] ?? DiagnosticSeverity.Warning;
}

export function lineRange(line: number, start = 0, end = 0, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function findingRange(f: Finding): Range {
  return f.endLine === f.line
    ? lineRange(f.line, f.start, f.end)
    : lineRange(f.line, f.start, f.end, f.endLine);
}

/**
 * A finding as a diagnostic. Related information links the incident's first occurrence and the
 * neighbouring occurrences of the same rule (bounded, so a rule firing 10 000 times stays cheap).
 */
export function findingToDiagnostic(
  uri: string,
  finding: Finding,
  neighbours: { previous?: Finding; next?: Finding; incident?: Incident },
): Diagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  const { previous, next, incident } = neighbours;
  if (incident && incident.count > 1 && incident.firstLine !== finding.line) {
    related.push({
      location: { uri, range: lineRange(incident.firstLine) },
      message: `Incident started here (${incident.count} occurrences${spanText(incident)})`,
    });
  }
  if (previous) {
    related.push({ location: { uri, range: findingRange(previous) }, message: 'Previous occurrence' });
  }
  if (next) {
    related.push({ location: { uri, range: findingRange(next) }, message: 'Next occurrence' });
  }
  const data: DiagnosticData = { ruleId: finding.ruleId, line: finding.line };
  return {
    range: findingRange(finding),
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/** One line of prose about a PLEG outage, shared by the summary diagnostic, hover and outline. */
export function describePleg(p: PlegSummary): string {
  const parts = [
    `PLEG unhealthy from ${when(p.firstUnhealthyTimestamp, p.firstUnhealthyLine)} to ${when(p.lastUnhealthyTimestamp, p.lastUnhealthyLine)}, ${p.occurrences} line${p.occurrences === 1 ? '' : 's'}`,
  ];
  if (p.longestGapSeconds !== undefined) {
    const at = p.longestGapLine !== undefined ? ` (line ${p.longestGapLine + 1})` : '';
    parts.push(`longest "last seen active" gap ${formatSeconds(p.longestGapSeconds)}${at}`);
  }
  parts.push(
    p.runtimeTroubleDuring > 0
      ? `container runtime in trouble at the same time (${p.runtimeTroubleDuring} runtime down/timeout finding${p.runtimeTroubleDuring === 1 ? '' : 's'})`
      : 'no container runtime errors in the same window',
  );
  return parts.join('; ');
}

export function plegSummaryDiagnostic(uri: string, p: PlegSummary): Diagnostic {
  const related: DiagnosticRelatedInformation[] = [
    { location: { uri, range: lineRange(p.lastUnhealthyLine) }, message: 'Last PLEG unhealthy line' },
  ];
  if (p.longestGapLine !== undefined) {
    related.push({
      location: { uri, range: lineRange(p.longestGapLine) },
      message: 'Longest "last seen active" gap',
    });
  }
  return {
    range: lineRange(p.firstUnhealthyLine),
    severity: DiagnosticSeverity.Information,
    code: PLEG_SUMMARY_CODE,
    source: DIAGNOSTIC_SOURCE,
    message: `PLEG summary: ${describePleg(p)}.`,
    relatedInformation: related,
  };
}

/** An incident as an outline entry: title, count and first/last time. */
export function incidentToSymbol(incident: Incident, lineLength: (line: number) => number): DocumentSymbol {
  return {
    name: `${incident.title} ×${incident.count}`,
    detail: `${incident.severity} · ${incident.category} · ${spanText(incident).replace(/^, /, '') || `line ${incident.firstLine + 1}`}`,
    kind: incident.severity === 'error' ? SymbolKind.Event : SymbolKind.Key,
    range: lineRange(incident.firstLine, 0, lineLength(incident.lastLine), incident.lastLine),
    selectionRange: lineRange(incident.firstLine, 0, lineLength(incident.firstLine)),
  };
}

export function plegSymbol(p: PlegSummary, lineLength: (line: number) => number): DocumentSymbol {
  return {
    name: 'PLEG summary',
    detail: describePleg(p),
    kind: SymbolKind.Module,
    range: lineRange(p.firstUnhealthyLine, 0, lineLength(p.lastUnhealthyLine), p.lastUnhealthyLine),
    selectionRange: lineRange(p.firstUnhealthyLine, 0, lineLength(p.firstUnhealthyLine)),
  };
}

function spanText(incident: Incident): string {
  if (incident.firstTimestamp === undefined) {
    return '';
  }
  if (incident.lastTimestamp === undefined || incident.lastTimestamp === incident.firstTimestamp) {
    return `, ${formatTimestamp(incident.firstTimestamp)}`;
  }
  return `, ${formatTimestamp(incident.firstTimestamp)} → ${formatTimestamp(incident.lastTimestamp)}`;
}

function when(timestamp: number | undefined, line: number): string {
  return timestamp === undefined ? `line ${line + 1}` : `${formatTimestamp(timestamp)} (line ${line + 1})`;
}

/** `2024-08-06 07:59:04` — log times carry no zone we can trust, so no zone is shown. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** 417.17 → `6m57s`; 45 → `45s`; 3700 → `1h1m40s`. */
export function formatSeconds(seconds: number): string {
  let rest = Math.round(seconds);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}
