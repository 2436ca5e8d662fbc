import * as vscode from 'vscode';
import type { TreeElement } from '../explorer/treeTypes';
import type { Services } from '../services';
import { describePodUri } from '../views/describeProvider';

/** Opens the read-only Describe document of a pod (from the tree, or `namespace/name` typed in). */
export function describePod(s: Services): (element?: TreeElement) => Promise<void> {
  return async (element) => {
    const model = s.explorer.model;
    if (!model) {
      void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
      return;
    }
    let key = element?.kind === 'pod' ? element.key : undefined;
    if (!key) {
      key = await vscode.window.showInputBox({
        prompt: 'Pod to describe',
        placeHolder: 'namespace/name',
        validateInput: (v) =>
          model.store.pods.has(v) ? undefined : 'No such pod in the cache (namespace/name)',
      });
    }
    if (!key) {
      return;
    }
    const slash = key.indexOf('/');
    const uri = describePodUri(model.contextName, key.slice(0, slash), key.slice(slash + 1));
    await s.describe.show(uri);
  };
}
