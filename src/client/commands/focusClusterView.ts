import * as vscode from 'vscode';
import type { Services } from '../services';

/** Reveals the Cluster Explorer (the status-bar item runs this). */
export function focusClusterView(_s: Services): () => Thenable<unknown> {
  return () => vscode.commands.executeCommand('kubeNodeDoctor.clusterView.focus');
}
