/**
 * The remediation service in the extension host: the ClusterApi of the explorer's current context,
 * read-only mode, SelfSubjectAccessReviews (cached, and published as `kubeNodeDoctor.forbidden.*`
 * context keys so menus grey out forbidden actions), modal confirmations and the audit trail.
 * Commands in src/client/commands/ call this; the decisions themselves live in the vscode-free
 * modules next to it.
 */
import * as vscode from 'vscode';
import type { AccessRequest, ClusterApi } from '../../shared/cluster/clusterApi';
import type { KubectlTarget } from '../../shared/cluster/kubectlCommands';
import type { Log } from '../log';
import type { ClusterExplorer } from '../views/clusterExplorer';
import { type RemediationAction, accessFor } from './actionIds';
import { type AuditEntry, formatAuditLine } from './audit';
import { type AccessOutcome, forbiddenReason } from './availability';
import type { Confirmation } from './confirmations';
import { DEFAULT_DRAIN_SETTINGS, type DrainSettings } from './drainOptions';

export const READ_ONLY_KEY = 'kubeNodeDoctor.readOnly';
export const PLAN_SCHEME = 'knd-drain-plan';
export const FORBIDDEN_KEY_PREFIX = 'kubeNodeDoctor.forbidden.';
const ACCESS_TTL_MS = 60_000;
/** Published as context keys; pod actions are namespaced and are reviewed per pod when invoked. */
const CLUSTER_SCOPED: readonly RemediationAction[] = ['cordon', 'drain', 'deleteNode'];

export interface Connection {
  readonly context: string;
  readonly api: ClusterApi;
  readonly kubectl: KubectlTarget;
}

export class Remediation implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly access = new Map<string, { at: number; outcome: AccessOutcome }>();
  private checkedContext: string | undefined;
  private readonly previews = new Map<string, string>();
  private readonly previewChanged = new vscode.EventEmitter<vscode.Uri>();

  constructor(
    private readonly explorer: ClusterExplorer,
    private readonly log: Log,
  ) {
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration(READ_ONLY_KEY)) {
          this.publishReadOnly();
        }
        if (e.affectsConfiguration('kubeNodeDoctor.kubeconfig')) {
          this.reset();
        }
      },
      this,
      this.disposables,
    );
    explorer.onDidChange(() => this.onExplorerChange(), this, this.disposables);
    this.disposables.push(
      this.previewChanged,
      vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, {
        onDidChange: this.previewChanged.event,
        provideTextDocumentContent: (uri) =>
          this.previews.get(uri.path) ?? '# This drain plan is no longer available',
      }),
    );
    this.publishReadOnly();
  }

  get readOnly(): boolean {
    return vscode.workspace.getConfiguration('kubeNodeDoctor').get<boolean>('readOnly', false);
  }

  drainSettings(): DrainSettings {
    const c = vscode.workspace.getConfiguration('kubeNodeDoctor.drain');
    return {
      evictionRetrySeconds: c.get<number>(
        'evictionRetrySeconds',
        DEFAULT_DRAIN_SETTINGS.evictionRetrySeconds,
      ),
      defaultTimeoutSeconds: c.get<number>(
        'defaultTimeoutSeconds',
        DEFAULT_DRAIN_SETTINGS.defaultTimeoutSeconds,
      ),
      skipWaitForDeleteTimeoutSeconds: c.get<number>(
        'skipWaitForDeleteTimeoutSeconds',
        DEFAULT_DRAIN_SETTINGS.skipWaitForDeleteTimeoutSeconds,
      ),
    };
  }

  /** The API of the explorer's connected context (the explorer owns the kubeconfig and credentials). */
  connection(): Connection | undefined {
    const cluster = this.explorer.clusterApi();
    if (!cluster) {
      return undefined;
    }
    const { context, api, kubeconfig } = cluster;
    return { context, api, kubectl: { context, ...(kubeconfig ? { kubeconfig } : {}) } };
  }

  /**
   * Everything a mutating command checks before it asks anything: read-only mode, a connection,
   * and the access reviews. Shows why it stops; returns the connection otherwise.
   */
  async guard(
    action: RemediationAction,
    o: { namespace?: string; disableEviction?: boolean } = {},
  ): Promise<Connection | undefined> {
    if (this.readOnly) {
      void vscode.window.showWarningMessage(
        'Kube Node Doctor is in read-only mode (setting kubeNodeDoctor.readOnly): mutating actions are disabled.',
      );
      return undefined;
    }
    const conn = this.connection();
    if (!conn) {
      void vscode.window.showWarningMessage('Kube Node Doctor: not connected to a cluster.');
      return undefined;
    }
    const reason = forbiddenReason(await this.review(conn, accessFor(action, o)));
    if (reason) {
      this.log.warn(`${action} not offered in context ${conn.context}: ${reason}`);
      void vscode.window.showErrorMessage(`${reason} (context "${conn.context}")`);
      return undefined;
    }
    return conn;
  }

  /** SelfSubjectAccessReviews, cached for a minute; failures count as "unknown" (the API decides). */
  async review(conn: Connection, requests: readonly AccessRequest[]): Promise<AccessOutcome[]> {
    return Promise.all(
      requests.map(async (request) => {
        const key = `${conn.context}\u0000${JSON.stringify(request)}`;
        const hit = this.access.get(key);
        if (hit && Date.now() - hit.at < ACCESS_TTL_MS) {
          return hit.outcome;
        }
        const r = await conn.api.checkAccess(request);
        const outcome: AccessOutcome = r.ok ? { request, decision: r.value } : { request };
        if (!r.ok) {
          this.log.debug(`access review failed for ${request.verb} ${request.resource}: ${r.error.message}`);
        }
        this.access.set(key, { at: Date.now(), outcome });
        return outcome;
      }),
    );
  }

  async confirm(c: Confirmation): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      c.message,
      { modal: true, detail: c.detail },
      c.confirm,
    );
    return answer === c.confirm;
  }

  /** Shows a read-only Markdown document (the drain plan) rendered beside the editor. */
  async showPreview(id: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${id.replace(/[^\w.+-]/g, '_')}.md` });
    this.previews.set(uri.path, markdown);
    this.previewChanged.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }
  }

  audit(entry: AuditEntry): void {
    const line = formatAuditLine(entry);
    if (entry.outcome === 'failed' || entry.outcome === 'partial') {
      this.log.warn(line);
    } else {
      this.log.info(line);
    }
  }

  get output(): Log {
    return this.log;
  }

  private onExplorerChange(): void {
    const context = this.explorer.contextName;
    if (context === this.checkedContext || this.explorer.connectionState !== 'connected') {
      return;
    }
    this.checkedContext = context;
    void this.publishForbidden();
  }

  /** Cluster-wide reviews on connect, so the menus grey out what this user may not do. */
  private async publishForbidden(): Promise<void> {
    const conn = this.connection();
    for (const action of CLUSTER_SCOPED) {
      const forbidden = conn ? forbiddenReason(await this.review(conn, accessFor(action))) : undefined;
      if (forbidden) {
        this.log.info(`${action} disabled in context ${conn?.context ?? ''}: ${forbidden}`);
      }
      void vscode.commands.executeCommand(
        'setContext',
        `${FORBIDDEN_KEY_PREFIX}${action}`,
        forbidden !== undefined,
      );
    }
  }

  private publishReadOnly(): void {
    void vscode.commands.executeCommand('setContext', READ_ONLY_KEY, this.readOnly);
  }

  private reset(): void {
    this.access.clear();
    this.checkedContext = undefined;
  }

  dispose(): void {
    this.reset();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
