import * as vscode from 'vscode';
import type { Services } from '../services';

/** Points `kubeNodeDoctor.kubeconfig` (user settings) at another kubeconfig file. */
export function selectKubeconfig(_s: Services): () => Promise<void> {
  return async () => {
    const files = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: 'Use this kubeconfig',
      title: 'Kubeconfig for the Cluster Explorer',
    });
    if (!files?.[0]) {
      return;
    }
    // User (global) settings: a workspace value would be ignored in untrusted workspaces anyway.
    await vscode.workspace
      .getConfiguration('kubeNodeDoctor')
      .update('kubeconfig', files[0].fsPath, vscode.ConfigurationTarget.Global);
  };
}
