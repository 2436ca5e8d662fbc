import * as vscode from 'vscode';
import { Log } from './log';

/**
 * Everything the commands and views need, built once in activate.
 * Features add their services here; this is the only place that constructs real adapters.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
}

export function createServices(context: vscode.ExtensionContext): Services {
  const log = new Log('Kube Node Doctor');
  context.subscriptions.push(log);
  return { context, log };
}
