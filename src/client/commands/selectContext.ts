import * as vscode from 'vscode';
import type { Services } from '../services';

/** Picks the context the explorer shows; kept in extension state, the kubeconfig is not touched. */
export function selectContext(s: Services): () => Promise<void> {
  return async () => {
    const contexts = s.explorer.contexts;
    if (contexts.length === 0) {
      void vscode.window.showWarningMessage(
        'Kube Node Doctor: no kubeconfig contexts found. Select a kubeconfig file first.',
      );
      return;
    }
    const current = s.explorer.contextName;
    const picked = await vscode.window.showQuickPick(
      contexts.map((name) => ({ label: name, description: name === current ? 'shown now' : undefined })),
      { placeHolder: 'Context to show in the Cluster Explorer (your kubeconfig is not changed)' },
    );
    if (picked) {
      await s.explorer.selectContext(picked.label);
    }
  };
}
