/**
 * Read-only "Describe" documents under the `knd-describe:` scheme:
 *   knd-describe:/node/<name>.yaml?<context>
 *   knd-describe:/pod/<namespace>/<name>.yaml?<context>
 * The object is fetched fresh (the cache holds only projections); the text comes from
 * src/client/explorer/describe.ts. The `.yaml` suffix gives YAML highlighting.
 */
import * as vscode from 'vscode';
import { ApiFailure } from '../explorer/apiFailure';
import { describeFailure } from '../explorer/connectionState';
import { describeNodeText, describePodText } from '../explorer/describe';
import type { EventInfo } from '../../shared/cluster/model';
import { projectEvent } from '../../shared/cluster/model';
import type { ClusterExplorer } from './clusterExplorer';

export const DESCRIBE_SCHEME = 'knd-describe';

export function describeNodeUri(context: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DESCRIBE_SCHEME, path: `/node/${name}.yaml`, query: context });
}

export function describePodUri(context: string, namespace: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DESCRIBE_SCHEME, path: `/pod/${namespace}/${name}.yaml`, query: context });
}

export class DescribeProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly explorer: ClusterExplorer) {}

  /**
   * Shows a Describe document, fetched afresh. VS Code keeps an open virtual document's text
   * until its provider signals a change, so describing the same object again would otherwise
   * show the text from the first time (e.g. from before the first list arrived).
   */
  async show(uri: vscode.Uri): Promise<void> {
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      this.changed.fire(uri);
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const model = this.explorer.model;
    if (!model || model.contextName !== uri.query) {
      return `# Not connected to context "${uri.query}"; select it in the Cluster Explorer and reopen.\n`;
    }
    const parts = uri.path
      .replace(/\.yaml$/, '')
      .split('/')
      .slice(1);
    const now = Date.now();
    try {
      if (parts[0] === 'node' && parts.length === 2) {
        const name = parts[1];
        const raw = await this.explorer.fetch(`/api/v1/nodes/${encodeURIComponent(name)}`);
        return describeNodeText(raw, model.nodeHealth(name), model.store.eventsFor(name), now);
      }
      if (parts[0] === 'pod' && parts.length === 3) {
        const [, namespace, name] = parts;
        const ns = encodeURIComponent(namespace);
        const raw = await this.explorer.fetch(`/api/v1/namespaces/${ns}/pods/${encodeURIComponent(name)}`);
        const events = await this.podEvents(ns, name);
        return describePodText(raw, model.podView(`${namespace}/${name}`)?.health, events, now);
      }
      return `# Unknown describe target ${uri.path}\n`;
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure(String(error));
      const problem = describeFailure(failure, model.contextName);
      return `# Could not read ${uri.path.replace(/\.yaml$/, '')}: ${failure.status === 404 ? 'it no longer exists' : problem.message}\n# ${problem.nextStep}\n`;
    }
  }

  private async podEvents(namespace: string, name: string): Promise<EventInfo[]> {
    const selector = encodeURIComponent(`involvedObject.kind=Pod,involvedObject.name=${name}`);
    try {
      const list = (await this.explorer.fetch(
        `/api/v1/namespaces/${namespace}/events?fieldSelector=${selector}`,
      )) as { items?: unknown[] };
      return (list.items ?? []).map(projectEvent);
    } catch {
      return []; // events are a bonus; RBAC may not allow them
    }
  }
}
