import * as vscode from 'vscode';
import type { Services } from '../services';

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

/**
 * Opens the references peek view on every occurrence of a rule. The kubelog server sends the
 * locations in LSP shape with its "Show all occurrences" quick fix.
 */
export function showRuleOccurrences(s: Services) {
  return async (uri?: unknown, position?: unknown, locations?: unknown): Promise<void> => {
    if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) {
      return;
    }
    try {
      const target = vscode.Uri.parse(uri);
      const converted = (locations as LspLocation[]).map(
        (l) =>
          new vscode.Location(
            vscode.Uri.parse(l.uri),
            new vscode.Range(toPosition(l.range.start), toPosition(l.range.end)),
          ),
      );
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        target,
        toPosition(position),
        converted,
      );
    } catch (err) {
      s.log.error('Show all occurrences failed', err);
      void vscode.window.showErrorMessage('Kube Node Doctor: could not show the occurrences of this rule.');
    }
  };
}

function isPosition(value: unknown): value is LspPosition {
  return typeof value === 'object' && value !== null && typeof (value as LspPosition).line === 'number';
}

function toPosition(p: LspPosition): vscode.Position {
  return new vscode.Position(p.line, p.character);
}
