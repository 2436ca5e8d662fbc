/** The status-bar summary (`2 NotReady · 5 stuck pods`); clicking it focuses the explorer. */
import * as vscode from 'vscode';
import type { ClusterExplorer } from './clusterExplorer';

export class ClusterStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'kubeNodeDoctor.clusterSummary',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly explorer: ClusterExplorer) {
    this.item.name = 'Kube Node Doctor: cluster summary';
    this.item.command = 'kubeNodeDoctor.focusClusterView';
    explorer.onDidChange((delta) => delta.summaryChanged && this.render(), this, this.disposables);
    this.render();
  }

  private render(): void {
    const model = this.explorer.model;
    const state = this.explorer.connectionState;
    if (!model || (model.store.nodes.size === 0 && state !== 'connected')) {
      if (state === 'noKubeconfig' || state === 'connecting') {
        this.item.hide();
        return;
      }
      this.item.text = `$(debug-disconnect) ${this.explorer.contextName ?? 'Kubernetes'}: ${state}`;
      this.item.tooltip = this.explorer.connectionMessage;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.show();
      return;
    }
    const summary = model.summary();
    this.item.text = `$(server-environment) ${summary.text}`;
    this.item.tooltip = summary.tooltip;
    this.item.backgroundColor =
      summary.level === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : summary.level === 'ok'
          ? undefined
          : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
