import * as vscode from 'vscode';
import type { Services } from '../services';

/** Switches the active (or given) document to the kubelog language, whatever its file name. */
export function openAsNodeLog(s: Services) {
  return async (uri?: vscode.Uri): Promise<void> => {
    try {
      const document =
        uri instanceof vscode.Uri
          ? await vscode.workspace.openTextDocument(uri)
          : vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showInformationMessage(
          'Open a log file first, then run "Open as Kubernetes Node Log".',
        );
        return;
      }
      const switched = await vscode.languages.setTextDocumentLanguage(document, 'kubelog');
      if (uri instanceof vscode.Uri) {
        await vscode.window.showTextDocument(switched);
      }
    } catch (err) {
      s.log.error('Open as Kubernetes node log failed', err);
      void vscode.window.showErrorMessage(
        `Kube Node Doctor: could not open the document as a node log: ${String(err)}`,
      );
    }
  };
}
