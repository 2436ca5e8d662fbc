import * as vscode from 'vscode';
import type { Services } from '../services';
import { describeNode } from './describeNode';
import { describePod } from './describePod';
import { focusClusterView } from './focusClusterView';
import { refreshCluster } from './refreshCluster';
import { selectContext } from './selectContext';
import { selectKubeconfig } from './selectKubeconfig';
import { showAllNodes } from './showAllNodes';
import { showProblemsOnly } from './showProblemsOnly';
import { analyzeLogFile } from './analyzeLogFile';
import { copyToClipboard } from './copyToClipboard';
import { openAsNodeLog } from './openAsNodeLog';
import { restartLanguageServer } from './restartLanguageServer';
import { showRuleOccurrences } from './showRuleOccurrences';
import { cordonNode } from './cordonNode';
import { uncordonNode } from './uncordonNode';
import { drainNode } from './drainNode';
import { forceDeletePod } from './forceDeletePod';
import { removeFinalizers } from './removeFinalizers';
import { deleteNode } from './deleteNode';
import { copyKubectlCommand } from './copyKubectlCommand';
import { remediate } from './remediate';

/** A command is a factory that receives the services and returns the handler VS Code calls. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes untyped arguments.
export type CommandFactory = (s: Services) => (...args: any[]) => unknown;

/** Every command of the extension; the manifest test checks this against package.json. */
export const commandFactories: Record<string, CommandFactory> = {
  'kubeNodeDoctor.refreshCluster': refreshCluster,
  'kubeNodeDoctor.selectContext': selectContext,
  'kubeNodeDoctor.selectKubeconfig': selectKubeconfig,
  'kubeNodeDoctor.showProblemsOnly': showProblemsOnly,
  'kubeNodeDoctor.showAllNodes': showAllNodes,
  'kubeNodeDoctor.describeNode': describeNode,
  'kubeNodeDoctor.describePod': describePod,
  'kubeNodeDoctor.focusClusterView': focusClusterView,
  'kubeNodeDoctor.openAsNodeLog': openAsNodeLog,
  'kubeNodeDoctor.analyzeLogFile': analyzeLogFile,
  'kubeNodeDoctor.copyToClipboard': copyToClipboard,
  'kubeNodeDoctor.showRuleOccurrences': showRuleOccurrences,
  'kubeNodeDoctor.restartLanguageServer': restartLanguageServer,
  'kubeNodeDoctor.cordonNode': cordonNode,
  'kubeNodeDoctor.uncordonNode': uncordonNode,
  'kubeNodeDoctor.drainNode': drainNode,
  'kubeNodeDoctor.forceDeletePod': forceDeletePod,
  'kubeNodeDoctor.removeFinalizers': removeFinalizers,
  'kubeNodeDoctor.deleteNode': deleteNode,
  'kubeNodeDoctor.copyKubectlCommand': copyKubectlCommand,
  'kubeNodeDoctor.remediate': remediate,
};

export function registerCommands(context: vscode.ExtensionContext, s: Services): void {
  for (const [id, factory] of Object.entries(commandFactories)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(s)));
  }
}
