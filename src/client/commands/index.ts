import * as vscode from 'vscode';
import type { Services } from '../services';

/** A command is a factory that receives the services and returns the handler VS Code calls. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes untyped arguments.
export type CommandFactory = (s: Services) => (...args: any[]) => unknown;

/** Every command of the extension; the manifest test checks this against package.json. */
export const commandFactories: Record<string, CommandFactory> = {};

export function registerCommands(context: vscode.ExtensionContext, s: Services): void {
  for (const [id, factory] of Object.entries(commandFactories)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(s)));
  }
}
