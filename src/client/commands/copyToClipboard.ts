import * as vscode from 'vscode';
import type { Services } from '../services';

/** Copies a suggested command (from a kubelog quick fix or hover link) to the clipboard. */
export function copyToClipboard(s: Services) {
  return async (text?: unknown): Promise<void> => {
    if (typeof text !== 'string' || text.length === 0) {
      return;
    }
    try {
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(
        `$(clippy) Copied: ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`,
        4000,
      );
    } catch (err) {
      s.log.error('Copy to clipboard failed', err);
      void vscode.window.showErrorMessage('Kube Node Doctor: could not copy the command to the clipboard.');
    }
  };
}
