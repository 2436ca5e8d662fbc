/**
 * Badges and colours for `knd-node:`/`knd-pod:` resource URIs. Fires onDidChangeFileDecorations
 * with exactly the URIs whose decoration may have changed (the model computes them).
 */
import * as vscode from 'vscode';
import { NODE_SCHEME, POD_SCHEME } from '../explorer/explorerModel';
import type { TreeDelta } from '../explorer/treeTypes';
import type { ClusterExplorer } from './clusterExplorer';
import type { ResourceUris } from './resourceUris';

export class HealthDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly explorer: ClusterExplorer,
    private readonly uris: ResourceUris,
  ) {
    explorer.onDidChange((delta) => this.onDelta(delta), this, this.disposables);
  }

  private onDelta(delta: TreeDelta): void {
    if (delta.decorations.length > 0) {
      this.changed.fire(delta.decorations.map((u) => this.uris.toUri(u)));
    } else if (delta.whole && !this.explorer.model) {
      this.changed.fire(undefined);
    }
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== NODE_SCHEME && uri.scheme !== POD_SCHEME) {
      return undefined;
    }
    const modelUri = this.uris.toModel(uri);
    const d = modelUri ? this.explorer.model?.decoration(modelUri) : undefined;
    if (!d) {
      return undefined;
    }
    return new vscode.FileDecoration(
      d.badge,
      d.tooltip,
      d.color ? new vscode.ThemeColor(d.color) : undefined,
    );
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
