/**
 * Plain descriptors of the explorer tree, built without VS Code (treeModel.ts) and wrapped into
 * TreeItems by src/client/views/clusterTreeProvider.ts. Tests assert on these.
 *
 * The tree:
 *
 *   Cluster <context>                       kind 'cluster'
 *     ⚠ note (forbidden events, stale data) kind 'note'
 *     <node>  NotReady · PLEG 6m57s · 84/110 pods    kind 'node' (worst first, then name)
 *       <namespace>/<pod>  CrashLoopBackOff         kind 'pod'  (worst first)
 *     Not scheduled (n)                      kind 'group' (pods without spec.nodeName)
 *     Deleted nodes (n)                      kind 'group' (pods bound to a node that no longer exists)
 */

export type TreeElement =
  | { readonly kind: 'cluster'; readonly id: string }
  | { readonly kind: 'note'; readonly id: string; readonly text: string }
  | { readonly kind: 'node'; readonly id: string; readonly name: string }
  | { readonly kind: 'pod'; readonly id: string; readonly key: string }
  | { readonly kind: 'group'; readonly id: string; readonly group: 'unscheduled' | 'orphans' }
  /** A node name that has pods but no Node object, under the 'orphans' group. */
  | { readonly kind: 'ghostNode'; readonly id: string; readonly name: string };

export interface IconDescriptor {
  /** Codicon id, e.g. 'error', 'warning', 'vm-outline'. */
  readonly id: string;
  /** Theme colour id, e.g. 'list.errorForeground'. */
  readonly color?: string;
}

export interface ItemDescriptor {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown source. */
  readonly tooltip?: string;
  readonly icon?: IconDescriptor;
  /** Space-separated tokens; see CONTEXT_VALUE_TOKENS in treeModel.ts. */
  readonly contextValue: string;
  /** `knd-node:/<context>/<node>` or `knd-pod:/<context>/<namespace>/<pod>`. */
  readonly resourceUri?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: {
    readonly command: string;
    readonly title: string;
    readonly arguments?: readonly unknown[];
  };
}

/** What the FileDecorationProvider returns for a resource URI. */
export interface DecorationDescriptor {
  /** At most two characters (VS Code's limit for file decoration badges). */
  readonly badge?: string;
  readonly color?: string;
  readonly tooltip?: string;
}

/** What changed in the tree after a store flush or a clock tick. */
export interface TreeDelta {
  /** Fire onDidChangeTreeData(undefined): membership or order changed. */
  readonly whole: boolean;
  /** Elements to refresh individually when `whole` is false. */
  readonly elements: readonly TreeElement[];
  /** Resource URIs whose decoration changed. */
  readonly decorations: readonly string[];
  readonly summaryChanged: boolean;
}
