import * as vscode from 'vscode';
import { isAbort, UnreadableFileError } from '../../node/logFileScan';
import { analyzeFileWithProgress } from '../logs/analyzeFile';
import type { Services } from '../services';

/**
 * Streams a node log of any size from disk (VS Code does not sync documents over 50 MB to
 * extensions) and opens a Markdown report of its incidents, with links to the lines.
 */
export function analyzeLogFile(s: Services) {
  return async (uri?: vscode.Uri): Promise<void> => {
    let target = uri instanceof vscode.Uri ? uri : undefined;
    if (!target) {
      const active = vscode.window.activeTextEditor?.document.uri;
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        defaultUri: active?.scheme === 'file' ? active : undefined,
        openLabel: 'Analyze',
        title: 'Analyze node log file',
        filters: { 'Node logs': ['log', 'txt', 'kubelog', 'gz'], 'All files': ['*'] },
      });
      target = picked?.[0];
    }
    if (!target) {
      return;
    }
    if (target.scheme !== 'file') {
      void vscode.window.showErrorMessage(
        'Kube Node Doctor: only files on this machine can be analyzed from disk.',
      );
      return;
    }
    try {
      const report = await analyzeFileWithProgress(target.fsPath);
      if (report === undefined) {
        return;
      }
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands
        .executeCommand('markdown.showPreview', document.uri)
        .then(undefined, () => undefined);
    } catch (err) {
      if (isAbort(err)) {
        vscode.window.setStatusBarMessage('Log analysis cancelled', 3000);
        return;
      }
      s.log.error(`Analyzing ${target.fsPath} failed`, err);
      const reason = err instanceof UnreadableFileError ? err.message : String(err);
      void vscode.window.showErrorMessage(`Kube Node Doctor: could not analyze the log file. ${reason}`);
    }
  };
}
