// The Markdown report of "Analyze node log file…": incidents with links to their lines, the PLEG
// summary and, per flagged rule, what it means and what to run. Pure apart from Node's url helper.
import { pathToFileURL } from 'node:url';
import { getRule } from '../shared/logs/rules';
import type { Incident } from '../shared/logs/types';
import type { StreamScanResult } from './logFileScan';

export interface AnalysisReportInput {
  file: string;
  sizeBytes: number;
  elapsedMs: number;
  result: StreamScanResult;
  /** The first message seen per rule id, to show a concrete example next to each rule. */
  exampleMessages: ReadonlyMap<string, string>;
  /** Incidents shown at most (the rest are counted). */
  maxIncidents?: number;
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * @example renderAnalysisReport({ file: '/var/log/messages', sizeBytes: 2e9, elapsedMs: 9000, result, exampleMessages })
 * // → '# Node log analysis: messages\n\n`/var/log/messages` · 1907.3 MB · …'
 */
export function renderAnalysisReport(input: AnalysisReportInput): string {
  const { file, result } = input;
  const link = (line: number) => `[${line + 1}](${pathToFileURL(file).href}#L${line + 1})`;
  const out: string[] = [];
  const name = file.split(/[\\/]/).pop() ?? file;
  out.push(`# Node log analysis: ${escapeCell(name)}`, '');
  out.push(
    `\`${file}\` · ${(input.sizeBytes / 1048576).toFixed(1)} MB${result.decompressed ? ' (gzip)' : ''} · ${result.linesScanned.toLocaleString('en-US')} lines · ${result.findingCount.toLocaleString('en-US')} flagged lines in ${result.incidents.length} incidents · scanned in ${(input.elapsedMs / 1000).toFixed(1)} s`,
    '',
  );
  if (result.cutLines > 0) {
    out.push(`> ${result.cutLines} line(s) longer than 16 MiB were scanned only up to that length.`, '');
  }
  if (result.findingCount === 0) {
    out.push('No known node failure signatures were found.');
    return out.join('\n') + '\n';
  }
  const pleg = result.pleg;
  if (pleg) {
    out.push('## PLEG', '');
    out.push(
      `- Unhealthy from line ${link(pleg.firstUnhealthyLine)}${at(pleg.firstUnhealthyTimestamp)} to line ${link(pleg.lastUnhealthyLine)}${at(pleg.lastUnhealthyTimestamp)}, ${pleg.occurrences} lines`,
    );
    if (pleg.longestGapSeconds !== undefined) {
      out.push(
        `- Longest "last seen active" gap: ${Math.round(pleg.longestGapSeconds)} s${pleg.longestGapLine !== undefined ? ` (line ${link(pleg.longestGapLine)})` : ''}`,
      );
    }
    out.push(
      pleg.runtimeTroubleDuring > 0
        ? `- The container runtime was failing at the same time: ${pleg.runtimeTroubleDuring} runtime down / timeout / daemon-unreachable lines in that window`
        : '- No container runtime errors in the same window',
      '',
    );
  }
  const incidents = [...result.incidents].sort(
    (a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || a.firstLine - b.firstLine,
  );
  const max = input.maxIncidents ?? 500;
  out.push(
    '## Incidents',
    '',
    '| Severity | Rule | Count | First | Last | Time |',
    '|---|---|---:|---:|---:|---|',
  );
  for (const i of incidents.slice(0, max)) {
    out.push(
      `| ${i.severity} | ${escapeCell(i.title)} (\`${i.ruleId}\`) | ${i.count} | ${link(i.firstLine)} | ${link(i.lastLine)} | ${timeSpan(i)} |`,
    );
  }
  if (incidents.length > max) {
    out.push('', `…and ${incidents.length - max} more incidents.`);
  }
  out.push('', '## What the flagged rules mean', '');
  const ruleIds = [...new Set(incidents.map((i) => i.ruleId))];
  for (const id of ruleIds) {
    const rule = getRule(id);
    out.push(`### ${escapeCell(rule?.title ?? id)} (\`${id}\`)`, '');
    const example = input.exampleMessages.get(id);
    if (example) {
      out.push(`Example: _${escapeCell(example)}_`, '');
    }
    if (rule) {
      out.push(rule.explanation, '', '**What to do:** ' + rule.remediation, '');
      if (rule.commands.length > 0) {
        out.push('```sh', ...rule.commands, '```', '');
      }
    }
  }
  return out.join('\n') + '\n';
}

function at(ms: number | undefined): string {
  return ms === undefined ? '' : ` (${formatTime(ms)})`;
}

function timeSpan(i: Incident): string {
  if (i.firstTimestamp === undefined) {
    return '';
  }
  if (i.lastTimestamp === undefined || i.lastTimestamp === i.firstTimestamp) {
    return formatTime(i.firstTimestamp);
  }
  return `${formatTime(i.firstTimestamp)} → ${formatTime(i.lastTimestamp)}`;
}

function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function escapeCell(text: string): string {
  return text.replace(/([|\\`*_[\]<>])/g, '\\$1');
}
