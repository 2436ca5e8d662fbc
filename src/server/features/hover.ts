import type { Hover, MarkupContent } from 'vscode-languageserver';
import { getRule } from '../../shared/logs/rules';
import type { Finding } from '../../shared/logs/types';
import { findingsOnLine, type DocumentAnalysis } from '../analysis';
import { COPY_TO_CLIPBOARD_COMMAND, commandLink } from '../clientCommands';
import { describePleg, findingRange, formatTimestamp } from '../convert';
import { fillPlaceholders } from '../placeholders';
import { groupIncidents, incidentAt } from './diagnostics';

/** Hover for a line with findings: what it means, what to do, commands to copy, the incident it belongs to. */
export function buildHover(
  analysis: DocumentAnalysis,
  line: number,
  lineText: string | undefined,
): Hover | null {
  const findings = findingsOnLine(analysis, line);
  if (findings.length === 0) {
    return null;
  }
  const sections = findings.map((f) => describeFinding(analysis, f, lineText));
  const contents: MarkupContent = { kind: 'markdown', value: sections.join('\n\n---\n\n') };
  return { contents, range: findingRange(findings[0]) };
}

function describeFinding(analysis: DocumentAnalysis, finding: Finding, lineText: string | undefined): string {
  const rule = getRule(finding.ruleId);
  const parts: string[] = [
    `**${escapeMarkdown(rule?.title ?? finding.ruleId)}** — \`${finding.ruleId}\` · ${finding.category} · ${finding.severity}`,
    escapeMarkdown(finding.message),
  ];
  const incident = incidentAt(groupIncidents(analysis.result.incidents).get(finding.ruleId), finding.line);
  if (incident && incident.count > 1) {
    const span =
      incident.firstTimestamp !== undefined && incident.lastTimestamp !== undefined
        ? `, ${formatTimestamp(incident.firstTimestamp)} → ${formatTimestamp(incident.lastTimestamp)}`
        : '';
    parts.push(
      `_Incident: ${incident.count} occurrences, lines ${incident.firstLine + 1}–${incident.lastLine + 1}${span}._`,
    );
  }
  const pleg = analysis.result.pleg;
  if (pleg && finding.category === 'pleg-unhealthy') {
    parts.push(`**PLEG summary:** ${escapeMarkdown(describePleg(pleg))}.`);
  }
  if (rule) {
    parts.push(rule.explanation);
    parts.push(`**What to do**\n\n${rule.remediation}`);
    if (rule.commands.length > 0) {
      const commands = rule.commands.map((c) => fillPlaceholders(c, lineText));
      parts.push(
        '**Commands**\n\n' +
          commands
            .map((c) => `\`\`\`sh\n${c}\n\`\`\`\n${commandLink('Copy', COPY_TO_CLIPBOARD_COMMAND, [c])}`)
            .join('\n\n'),
      );
    }
  }
  return parts.join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}
