/**
 * Registers the Cluster Explorer: tree view, decorations, Describe documents, status bar, and
 * starts the connection. Everything created here is disposed with the extension.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { ClusterStatusBar } from './clusterStatusBar';
import { ClusterTreeProvider } from './clusterTreeProvider';
import { DESCRIBE_SCHEME } from './describeProvider';
import { HealthDecorations } from './healthDecorations';
import { ResourceUris } from './resourceUris';

export const CLUSTER_VIEW_ID = 'kubeNodeDoctor.clusterView';

export function registerClusterView(context: vscode.ExtensionContext, services: Services): void {
  const explorer = services.explorer;
  const uris = new ResourceUris();
  const tree = new ClusterTreeProvider(explorer, uris);
  // canSelectMany: bulk cordon, uncordon and drain act on the whole selection (actions/pickTargets.ts).
  const view = vscode.window.createTreeView(CLUSTER_VIEW_ID, {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const decorations = new HealthDecorations(explorer, uris);
  context.subscriptions.push(
    tree,
    view,
    decorations,
    vscode.window.registerFileDecorationProvider(decorations),
    vscode.workspace.registerTextDocumentContentProvider(DESCRIBE_SCHEME, services.describe),
    new ClusterStatusBar(explorer),
    // The welcome content is static per state; the message carries the specifics
    // (which verb on which resource was refused, which file is missing) and the next step.
    explorer.onDidChange(() => {
      const failed = !['connected', 'connecting'].includes(explorer.connectionState);
      view.message = failed ? explorer.connectionMessage : undefined;
    }),
  );
  void vscode.commands.executeCommand('setContext', 'kubeNodeDoctor.problemsOnly', explorer.problemsOnly);
  void explorer.connect();
}
