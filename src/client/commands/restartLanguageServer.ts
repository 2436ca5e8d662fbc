import * as vscode from 'vscode';
import type { Services } from '../services';

export function restartLanguageServer(s: Services) {
  return async (): Promise<void> => {
    try {
      await s.kubelog.restart();
      vscode.window.setStatusBarMessage('kubelog language server restarted', 3000);
    } catch (err) {
      s.log.error('Restarting the kubelog language server failed', err);
      void vscode.window.showErrorMessage('Kube Node Doctor: could not restart the kubelog language server.');
    }
  };
}
