import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Location,
} from 'vscode-languageserver';
import { getRule } from '../../shared/logs/rules';
import type { DocumentAnalysis } from '../analysis';
import {
  COPY_TO_CLIPBOARD_COMMAND,
  MAX_OCCURRENCE_LOCATIONS,
  SHOW_RULE_OCCURRENCES_COMMAND,
} from '../clientCommands';
import { DIAGNOSTIC_SOURCE, findingRange, type DiagnosticData } from '../convert';
import { fillPlaceholders } from '../placeholders';

/**
 * Quick fixes for kubelog diagnostics: copy each suggested command (the first one preferred) and
 * show every occurrence of the rule in a peek view.
 */
export function buildCodeActions(
  analysis: DocumentAnalysis,
  params: CodeActionParams,
  lineText: (line: number) => string | undefined,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const seenRules = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    const data = diagnosticData(diagnostic);
    if (!data || seenRules.has(data.ruleId)) {
      continue;
    }
    seenRules.add(data.ruleId);
    const rule = getRule(data.ruleId);
    const text = lineText(data.line);
    rule?.commands.forEach((raw, i) => {
      const command = fillPlaceholders(raw, text);
      actions.push({
        title: `Copy: ${command.length > 70 ? `${command.slice(0, 69)}…` : command}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: i === 0,
        command: {
          title: 'Copy suggested command',
          command: COPY_TO_CLIPBOARD_COMMAND,
          arguments: [command],
        },
      });
    });
    const occurrences = analysis.findingsByRule.get(data.ruleId) ?? [];
    const locations: Location[] = occurrences
      .slice(0, MAX_OCCURRENCE_LOCATIONS)
      .map((f) => ({ uri: analysis.uri, range: findingRange(f) }));
    actions.push({
      title: `Show all ${occurrences.length} occurrence${occurrences.length === 1 ? '' : 's'} of ${data.ruleId}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: {
        title: 'Show all occurrences of this rule',
        command: SHOW_RULE_OCCURRENCES_COMMAND,
        arguments: [analysis.uri, diagnostic.range.start, locations],
      },
    });
  }
  return actions;
}

function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) {
    return undefined;
  }
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && typeof data.ruleId === 'string' && typeof data.line === 'number') {
    return data as DiagnosticData;
  }
  return undefined;
}
