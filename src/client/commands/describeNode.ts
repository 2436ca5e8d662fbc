import * as vscode from 'vscode';
import type { TreeElement } from '../explorer/treeTypes';
import type { Services } from '../services';
import { describeNodeUri } from '../views/describeProvider';

/** Opens the read-only Describe document of a node (from the tree, or picked from a list). */
export function describeNode(s: Services): (element?: TreeElement) => Promise<void> {
  return async (element) => {
    const model = s.explorer.model;
    if (!model) {
      void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
      return;
    }
    let name = element?.kind === 'node' || element?.kind === 'ghostNode' ? element.name : undefined;
    if (!name) {
      const nodes = model.children(model.roots()[0]).filter((e) => e.kind === 'node');
      const picked = await vscode.window.showQuickPick(
        nodes.map((e) => ({
          label: e.kind === 'node' ? e.name : '',
          description: model.item(e).description,
        })),
        { placeHolder: 'Node to describe (worst first)' },
      );
      name = picked?.label;
    }
    if (!name) {
      return;
    }
    await s.describe.show(describeNodeUri(model.contextName, name));
  };
}
