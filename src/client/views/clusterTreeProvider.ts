/**
 * Wraps the explorer model's plain descriptors (src/client/explorer/explorerModel.ts) into
 * TreeItems. All decisions — order, labels, descriptions, tooltips, context values — are made
 * in the model and unit-tested there; this class only converts.
 */
import * as vscode from 'vscode';
import type { ItemDescriptor, TreeDelta, TreeElement } from '../explorer/treeTypes';
import type { ClusterExplorer } from './clusterExplorer';
import type { ResourceUris } from './resourceUris';

export class ClusterTreeProvider implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeElement | TreeElement[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly explorer: ClusterExplorer,
    private readonly uris: ResourceUris,
  ) {
    explorer.onDidChange((delta) => this.onDelta(delta), this, this.disposables);
  }

  private onDelta(delta: TreeDelta): void {
    if (delta.whole) {
      this.changed.fire(undefined);
    } else if (delta.elements.length > 0) {
      this.changed.fire([...delta.elements]);
    }
  }

  getChildren(element?: TreeElement): TreeElement[] {
    return this.explorer.model?.children(element) ?? [];
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    const model = this.explorer.model;
    if (!model) {
      return new vscode.TreeItem('…');
    }
    return toTreeItem(model.item(element), this.uris);
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export function toTreeItem(d: ItemDescriptor, uris: ResourceUris): vscode.TreeItem {
  const item = new vscode.TreeItem(d.label, COLLAPSIBLE[d.collapsible]);
  item.id = d.id;
  item.description = d.description;
  if (d.tooltip) {
    const tooltip = new vscode.MarkdownString(d.tooltip, true);
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
  }
  if (d.icon) {
    item.iconPath = new vscode.ThemeIcon(
      d.icon.id,
      d.icon.color ? new vscode.ThemeColor(d.icon.color) : undefined,
    );
  }
  item.contextValue = d.contextValue;
  if (d.resourceUri) {
    item.resourceUri = uris.toUri(d.resourceUri);
  }
  if (d.command) {
    item.command = {
      command: d.command.command,
      title: d.command.title,
      arguments: d.command.arguments ? [...d.command.arguments] : undefined,
    };
  }
  return item;
}
