import * as vscode from 'vscode';
import { KubelogLanguageClient } from './languageClient';
import { Remediation } from './actions/remediation';
import { Log } from './log';
import { ClusterExplorer } from './views/clusterExplorer';
import { DescribeProvider } from './views/describeProvider';

/**
 * Everything the commands and views need, built once in activate.
 * Features add their services here; this is the only place that constructs real adapters.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  /** Cluster explorer: kubeconfig, list+watch caches, view model (views/clusterExplorer.ts). */
  readonly explorer: ClusterExplorer;
  readonly kubelog: KubelogLanguageClient;
  /** Remediation actions: ClusterApi of the current context, access reviews, confirmations, audit (actions/remediation.ts). */
  readonly remediation: Remediation;
  /** Read-only Describe documents of nodes and pods (views/describeProvider.ts). */
  readonly describe: DescribeProvider;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = new Log('Kube Node Doctor');
  context.subscriptions.push(log);
  const explorer = new ClusterExplorer(context, log);
  context.subscriptions.push(explorer);
  const kubelog = new KubelogLanguageClient(context, log);
  context.subscriptions.push(kubelog);
  const remediation = new Remediation(explorer, log);
  context.subscriptions.push(remediation);
  const describe = new DescribeProvider(explorer);
  context.subscriptions.push(describe);
  return { context, log, explorer, kubelog, remediation, describe };
}
