import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Incident, Severity } from '../../shared/logs/types';
import type { DocumentAnalysis } from '../analysis';
import { DIAGNOSTIC_SOURCE, findingToDiagnostic, lineRange, plegSummaryDiagnostic } from '../convert';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * Diagnostics for one analysed document, at most `max` findings: when there are more, the most
 * severe win (earliest first within a severity) and one extra note says how many were left out.
 * The PLEG summary, when there is one, comes on top.
 */
export function buildDiagnostics(analysis: DocumentAnalysis, max: number): Diagnostic[] {
  const { uri, result } = analysis;
  let shown: readonly Finding[] = result.findings;
  if (shown.length > max) {
    shown = [...shown]
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line)
      .slice(0, max)
      .sort((a, b) => a.line - b.line || a.start - b.start);
  }
  const incidentsByRule = groupIncidents(result.incidents);
  const diagnostics: Diagnostic[] = [];
  if (result.pleg) {
    diagnostics.push(plegSummaryDiagnostic(uri, result.pleg));
  }
  for (const finding of shown) {
    const sameRule = analysis.findingsByRule.get(finding.ruleId) ?? [];
    const index = indexOfFinding(sameRule, finding);
    diagnostics.push(
      findingToDiagnostic(uri, finding, {
        previous: index > 0 ? sameRule[index - 1] : undefined,
        next: index >= 0 && index + 1 < sameRule.length ? sameRule[index + 1] : undefined,
        incident: incidentAt(incidentsByRule.get(finding.ruleId), finding.line),
      }),
    );
  }
  const omitted = result.findings.length - shown.length;
  if (omitted > 0) {
    diagnostics.push({
      range: lineRange(0),
      severity: DiagnosticSeverity.Information,
      code: 'too-many-findings',
      source: DIAGNOSTIC_SOURCE,
      message: `${omitted} more finding${omitted === 1 ? '' : 's'} not shown (kubeNodeDoctor.diagnostics.maxPerDocument is ${max}). The outline still lists every incident.`,
    });
  }
  return diagnostics;
}

/** Incidents of each rule sorted by first line. */
export function groupIncidents(incidents: readonly Incident[]): Map<string, Incident[]> {
  const byRule = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const list = byRule.get(incident.ruleId);
    if (list) {
      list.push(incident);
    } else {
      byRule.set(incident.ruleId, [incident]);
    }
  }
  for (const list of byRule.values()) {
    list.sort((a, b) => a.firstLine - b.firstLine);
  }
  return byRule;
}

/** The incident of a rule that covers `line`, if any (binary search over first lines). */
export function incidentAt(incidents: readonly Incident[] | undefined, line: number): Incident | undefined {
  if (!incidents) {
    return undefined;
  }
  let low = 0;
  let high = incidents.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (incidents[mid].firstLine <= line) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  const candidate = incidents[low - 1];
  return candidate && line <= candidate.lastLine ? candidate : undefined;
}

function indexOfFinding(sorted: readonly Finding[], finding: Finding): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid].line < finding.line) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  for (let i = low; i < sorted.length && sorted[i].line === finding.line; i++) {
    if (sorted[i] === finding) {
      return i;
    }
  }
  return -1;
}
