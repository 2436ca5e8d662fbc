/**
 * Resolves what a command acts on: the tree element(s) VS Code passes (the clicked item and, with
 * multi-select, the whole selection), or a QuickPick of nodes/pods from the explorer's cache when
 * run from the palette. Only the explorer's current context is offered.
 */
import * as vscode from 'vscode';
import type { TreeElement } from '../explorer/treeTypes';
import type { ClusterExplorer } from '../views/clusterExplorer';
import type { NodeTarget, PodTarget } from './targets';
import { podTargetFromKey } from './targets';

function isElement(x: unknown): x is TreeElement {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { kind?: unknown }).kind === 'string' &&
    typeof (x as { id?: unknown }).id === 'string'
  );
}

/** Node names from (clicked, selection) as VS Code passes them to a tree context-menu command. */
function nodeNamesFromArgs(args: readonly unknown[]): string[] {
  const [clicked, selection] = args;
  const all = Array.isArray(selection) && selection.length > 0 ? selection : [clicked];
  return [...new Set(all.filter(isElement).flatMap((e) => (e.kind === 'node' ? [e.name] : [])))];
}

export async function pickNodeTargets(
  explorer: ClusterExplorer,
  args: readonly unknown[],
  o: { many: boolean; placeHolder: string; filter?: (name: string) => boolean },
): Promise<NodeTarget[]> {
  const model = explorer.model;
  const context = explorer.contextName;
  if (!model || !context) {
    void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
    return [];
  }
  const fromTree = nodeNamesFromArgs(args);
  if (fromTree.length > 0) {
    return (o.many ? fromTree : fromTree.slice(0, 1)).map((name) => ({ kind: 'node', context, name }));
  }
  if (typeof args[0] === 'string') {
    return [{ kind: 'node', context, name: args[0] }];
  }
  const names = [...model.store.nodes.keys()].filter((n) => o.filter?.(n) ?? true);
  const items = names
    .map((name) => {
      const h = model.nodeHealth(name);
      return {
        label: name,
        description: h?.summary ?? '',
        rank: h ? ['error', 'unknown', 'warning', 'ok'].indexOf(h.level) : 4,
      };
    })
    .sort((a, b) => a.rank - b.rank || (a.label < b.label ? -1 : 1));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`No matching nodes in context "${context}".`);
    return [];
  }
  const title = `${o.placeHolder} — context ${context}`;
  if (o.many) {
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: title });
    return (picked ?? []).map((p) => ({ kind: 'node', context, name: p.label }));
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: title });
  return picked ? [{ kind: 'node', context, name: picked.label }] : [];
}

export async function pickPodTarget(
  explorer: ClusterExplorer,
  args: readonly unknown[],
  o: { placeHolder: string; filter?: (key: string) => boolean; rank?: (key: string) => number },
): Promise<PodTarget | undefined> {
  const model = explorer.model;
  const context = explorer.contextName;
  if (!model || !context) {
    void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
    return undefined;
  }
  const clicked = args[0];
  let key: string | undefined =
    isElement(clicked) && clicked.kind === 'pod'
      ? clicked.key
      : typeof clicked === 'string'
        ? clicked
        : undefined;
  if (!key) {
    const keys = [...model.store.pods.keys()].filter((k) => o.filter?.(k) ?? true);
    const items = keys
      .map((k) => ({
        label: k,
        description: model.podView(k)?.description ?? model.store.pods.get(k)?.spec?.nodeName ?? '',
        rank: o.rank?.(k) ?? 0,
      }))
      .sort((a, b) => a.rank - b.rank || (a.label < b.label ? -1 : 1));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`No matching pods in context "${context}".`);
      return undefined;
    }
    key = (
      await vscode.window.showQuickPick(items, {
        placeHolder: `${o.placeHolder} — context ${context}`,
        matchOnDescription: true,
      })
    )?.label;
  }
  if (!key) {
    return undefined;
  }
  return podTargetFromKey(context, key, model.store.pods.get(key)?.metadata?.uid);
}

/** The explorer's state word for a node (`Ready`, `NotReady`, `Unknown`, `NeverReported`). */
export function nodeStateOf(explorer: ClusterExplorer, name: string): string | undefined {
  return explorer.model?.nodeHealth(name)?.state;
}
