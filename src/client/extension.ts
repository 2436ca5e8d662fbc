import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { createServices } from './services';
import { registerClusterView } from './views/registerClusterView';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const services = createServices(context);
  registerCommands(context, services);
  registerClusterView(context, services);
  await services.kubelog.start();
  services.log.info('Kube Node Doctor activated');
}

export function deactivate(): void {}
