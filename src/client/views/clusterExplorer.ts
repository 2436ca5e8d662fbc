/**
 * The explorer's controller in the extension host: reads the settings (respecting workspace trust),
 * loads the kubeconfig, owns the ClusterSession of the chosen context, publishes the
 * `kubeNodeDoctor.connectionState` context key the welcome views key on, and forwards model
 * deltas to the tree, the decorations and the status bar. The chosen context is kept in
 * globalState; the user's kubeconfig is never written.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClusterSession, type SessionState } from '../explorer/clusterSession';
import { ClusterStore } from '../explorer/clusterStore';
import type { ConnectionState } from '../explorer/connectionState';
import { effectiveKubeconfigSetting } from '../explorer/kubeconfigSources';
import { ExplorerModel, HEALTH_TICK_MS, type ExplorerSettings } from '../explorer/explorerModel';
import type { TreeDelta } from '../explorer/treeTypes';
import { MIN_NODE_FOR_CLIENT, supportsClusterClient } from '../explorer/runtimeSupport';
import type { ClusterApi } from '../../shared/cluster/clusterApi';
import type * as K8s from '../k8s/index';
import type { KubeconfigLoad } from '../k8s/kubeconfig';
import type { KubeHttpTransport } from '../k8s/kubeTransport';
import type { Log } from '../log';

export const CONNECTION_STATE_KEY = 'kubeNodeDoctor.connectionState';
export const PROBLEMS_ONLY_KEY = 'kubeNodeDoctor.problemsOnly';
export const HAS_CLUSTER_KEY = 'kubeNodeDoctor.hasCluster';
const PICKED_CONTEXT_STATE = 'kubeNodeDoctor.pickedContext';
const PROBLEMS_ONLY_STATE = 'kubeNodeDoctor.problemsOnly';

export class ClusterExplorer implements vscode.Disposable {
  private readonly deltaEmitter = new vscode.EventEmitter<TreeDelta>();
  /** Fires after every batch of changes (coalesced by the store) and every clock tick. */
  readonly onDidChange = this.deltaEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.deltaEmitter];
  private session: ClusterSession | undefined;
  private transport: KubeHttpTransport | undefined;
  /** The mutating API of the connected context, built on first use by the remediation actions. */
  private clusterApiFactory: (() => ClusterApi & { dispose(): void }) | undefined;
  private connectedApi: (ClusterApi & { dispose(): void }) | undefined;
  private currentModel: ExplorerModel | undefined;
  private load: KubeconfigLoad | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private state: ConnectionState = 'connecting';
  private message = '';
  private generation = 0;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('kubeNodeDoctor.kubeconfig')) {
          void this.connect();
        } else if (e.affectsConfiguration('kubeNodeDoctor.explorer')) {
          this.applySettings();
        }
      },
      this,
      this.disposables,
    );
    vscode.workspace.onDidGrantWorkspaceTrust(() => void this.connect(), this, this.disposables);
  }

  get model(): ExplorerModel | undefined {
    return this.currentModel;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** The one-line explanation of the current state, for the welcome view and the status bar. */
  get connectionMessage(): string {
    return this.message;
  }

  get contexts(): string[] {
    return this.load?.ok ? this.load.contexts : [];
  }

  get contextName(): string | undefined {
    return this.session?.contextName;
  }

  get problemsOnly(): boolean {
    return this.context.globalState.get<boolean>(PROBLEMS_ONLY_STATE, false);
  }

  /** (Re)loads the kubeconfig and connects to the chosen context. */
  async connect(): Promise<void> {
    const generation = ++this.generation;
    await this.disconnect();
    if (generation !== this.generation) {
      return;
    }
    const k8s = this.loadClient();
    if (!k8s) {
      return;
    }
    const load = k8s.loadKubeconfig({
      settingPath: this.kubeconfigSetting(),
      kubeconfigEnv: process.env.KUBECONFIG,
      homeDir: os.homedir(),
      delimiter: path.delimiter,
      separator: path.sep,
    });
    this.load = load;
    if (!load.ok) {
      this.setState(load.state, load.message);
      this.log.warn(`Cluster explorer: ${load.message}`);
      this.deltaEmitter.fire(WHOLE);
      return;
    }
    const picked = this.context.globalState.get<string>(PICKED_CONTEXT_STATE);
    const kc = k8s.kubeConfigForContext(load, picked);
    if (!kc) {
      this.setState('noContext', 'The kubeconfig has no current context.');
      this.deltaEmitter.fire(WHOLE);
      return;
    }
    const contextName = kc.getCurrentContext();
    // Server URL and context are safe to log; users, tokens and certificates are not.
    this.log.info(
      `Cluster explorer: context ${contextName} (${k8s.serverOf(kc) ?? 'no server'}) from ${load.files.join(', ')}`,
    );
    this.transport = new k8s.KubeHttpTransport(kc);
    this.clusterApiFactory = () => new k8s.KubeClusterApi(kc);
    const store = new ClusterStore(150);
    this.currentModel = new ExplorerModel(store, contextName, this.settings());
    this.session = new ClusterSession({
      transport: this.transport,
      contextName,
      store,
      pageLimit: this.config().get<number>('explorer.pageSize', 500),
      onState: (s) => this.onSessionState(s),
    });
    store.onDidChange((change) => this.emit(this.currentModel?.update(change)));
    this.setState('connecting', `Connecting to ${contextName}…`);
    this.session.start();
    this.tick = setInterval(() => this.emit(this.currentModel?.update('tick')), HEALTH_TICK_MS);
    this.deltaEmitter.fire(WHOLE);
  }

  /**
   * client-node is required only here, so an extension host older than Node 22.19 still activates
   * the rest of the extension and the view explains what is missing.
   */
  private loadClient(): typeof K8s | undefined {
    const version = process.versions.node;
    if (supportsClusterClient(version)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose (see above)
        return require('../k8s/index') as typeof K8s;
      } catch (error) {
        this.log.error('Cluster explorer: the Kubernetes client failed to load', error);
      }
    }
    const { major, minor } = MIN_NODE_FOR_CLIENT;
    this.setState(
      'unsupportedRuntime',
      `The Cluster Explorer needs an extension host on Node.js ≥ ${major}.${minor} (this VS Code runs Node.js ${version}). Update VS Code.`,
    );
    this.deltaEmitter.fire(WHOLE);
    return undefined;
  }

  async selectContext(name: string): Promise<void> {
    await this.context.globalState.update(PICKED_CONTEXT_STATE, name);
    await this.connect();
  }

  /** Relists every resource (reconciles anything a watch may have missed). */
  refresh(): void {
    if (!this.session) {
      void this.connect();
      return;
    }
    this.session.relist();
  }

  async setProblemsOnly(value: boolean): Promise<void> {
    await this.context.globalState.update(PROBLEMS_ONLY_STATE, value);
    void vscode.commands.executeCommand('setContext', PROBLEMS_ONLY_KEY, value);
    this.applySettings();
  }

  /** GETs one object (Describe); undefined with the failure logged when it cannot be read. */
  async fetch(apiPath: string): Promise<unknown> {
    if (!this.transport) {
      throw new Error('Not connected to a cluster.');
    }
    return this.transport.getObject(apiPath);
  }

  private applySettings(): void {
    void vscode.commands.executeCommand('setContext', PROBLEMS_ONLY_KEY, this.problemsOnly);
    if (this.currentModel) {
      this.emit(this.currentModel.setSettings(this.settings()));
    }
  }

  private settings(): ExplorerSettings {
    const c = this.config();
    return {
      problemsOnly: this.problemsOnly,
      nodeHealth: {
        podDensityWarningPercent: c.get<number>('explorer.podDensityWarningPercent', 70),
        nodeMonitorGracePeriodSeconds: c.get<number>('explorer.nodeMonitorGracePeriodSeconds', 40),
      },
    };
  }

  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('kubeNodeDoctor');
  }

  /**
   * `kubeNodeDoctor.kubeconfig`, except that in an untrusted workspace a value from the workspace
   * (or folder) settings is ignored: a repository must not point us at its own credentials.
   */
  private kubeconfigSetting(): string | undefined {
    return effectiveKubeconfigSetting(
      this.config().inspect<string>('kubeconfig'),
      vscode.workspace.isTrusted,
    );
  }

  private onSessionState(s: SessionState): void {
    if (!this.currentModel) {
      return;
    }
    this.currentModel.setSession(s);
    if (s.problem) {
      this.log.warn(`Cluster explorer: ${s.problem.message}`);
      this.setState(s.state, `${s.problem.message} ${s.problem.nextStep}`);
    } else {
      this.setState(
        s.state,
        s.state === 'connected' ? '' : `Connecting to ${this.session?.contextName ?? ''}…`,
      );
    }
    this.deltaEmitter.fire(WHOLE);
  }

  private setState(state: ConnectionState, message: string): void {
    this.state = state;
    this.message = message;
    void vscode.commands.executeCommand('setContext', CONNECTION_STATE_KEY, state);
    void vscode.commands.executeCommand('setContext', HAS_CLUSTER_KEY, this.session !== undefined);
  }

  private emit(delta: TreeDelta | undefined): void {
    if (
      delta &&
      (delta.whole || delta.elements.length > 0 || delta.decorations.length > 0 || delta.summaryChanged)
    ) {
      this.deltaEmitter.fire(delta);
    }
  }

  /**
   * The API for mutating actions on the connected context, from the same kubeconfig load (and the
   * same workspace-trust rule) as the explorer; undefined while not connected.
   */
  clusterApi(): { context: string; api: ClusterApi; kubeconfig?: string } | undefined {
    const context = this.contextName;
    if (!context || !this.clusterApiFactory) {
      return undefined;
    }
    this.connectedApi ??= this.clusterApiFactory();
    const kubeconfig = this.kubeconfigSetting();
    return { context, api: this.connectedApi, ...(kubeconfig ? { kubeconfig } : {}) };
  }

  private async disconnect(): Promise<void> {
    clearInterval(this.tick);
    this.tick = undefined;
    this.connectedApi?.dispose();
    this.connectedApi = undefined;
    this.clusterApiFactory = undefined;
    const session = this.session;
    const transport = this.transport;
    this.session = undefined;
    this.transport = undefined;
    this.currentModel = undefined;
    await session?.stop();
    transport?.dispose();
  }

  dispose(): void {
    void this.disconnect();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

const WHOLE: TreeDelta = { whole: true, elements: [], decorations: [], summaryChanged: true };
