// The kubelog language client: starts dist/server.js in its own process for `kubelog` documents
// only, logs the server to one LogOutputChannel and LSP traffic to another, and restarts a crashed
// server a few times before giving up and offering a manual restart.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { Log } from './log';

const CLIENT_ID = 'kubeNodeDoctor'; // also makes `kubeNodeDoctor.trace.server` the trace setting
const CRASH_BUDGET = 5;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

/** Commands the server may put into hover links (hover Markdown is trusted for these only). */
const HOVER_COMMANDS = ['kubeNodeDoctor.copyToClipboard', 'kubeNodeDoctor.showRuleOccurrences'];

export class KubelogLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly serverChannel: vscode.LogOutputChannel;
  private readonly traceChannel: vscode.LogOutputChannel;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    this.serverChannel = vscode.window.createOutputChannel('Kube Node Doctor kubelog server', { log: true });
    this.traceChannel = vscode.window.createOutputChannel('Kube Node Doctor kubelog trace', { log: true });
  }

  /** Starts the server; a failure is logged and shown, never thrown into activate. */
  async start(): Promise<void> {
    if (this.client) {
      return;
    }
    const client = this.create();
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      this.log.error('The kubelog language server failed to start', err);
      void vscode.window.showErrorMessage(
        'Kube Node Doctor: the kubelog language server failed to start. See Output › Kube Node Doctor kubelog server.',
      );
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop();
      } catch (err) {
        this.log.warn('Stopping the kubelog language server failed', err);
      }
    }
  }

  dispose(): void {
    void this.stop();
    this.serverChannel.dispose();
    this.traceChannel.dispose();
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'kubelog' }],
      synchronize: { configurationSection: CLIENT_ID },
      outputChannel: this.serverChannel,
      traceOutputChannel: this.traceChannel,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      markdown: { isTrusted: { enabledCommands: HOVER_COMMANDS } },
      errorHandler: new CrashBudget(this.log, () => void this.restart()),
    };
    return new LanguageClient(CLIENT_ID, 'kubelog language server', serverOptions, clientOptions);
  }
}

/** Restarts a crashed server up to CRASH_BUDGET times within CRASH_WINDOW_MS, then offers a manual restart. */
class CrashBudget implements ErrorHandler {
  private readonly crashes: number[] = [];

  constructor(
    private readonly log: Log,
    private readonly restart: () => void,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error('kubelog language server connection error', error);
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > CRASH_WINDOW_MS) {
      this.crashes.shift();
    }
    if (this.crashes.length < CRASH_BUDGET) {
      this.log.warn(`kubelog language server stopped; restarting (${this.crashes.length}/${CRASH_BUDGET})`);
      return { action: CloseAction.Restart };
    }
    this.log.error(
      `kubelog language server crashed ${CRASH_BUDGET} times in ${CRASH_WINDOW_MS / 60000} minutes; not restarting`,
    );
    void vscode.window
      .showErrorMessage(
        'Kube Node Doctor: the kubelog language server keeps crashing.',
        'Restart',
        'Show Log',
      )
      .then((choice) => {
        if (choice === 'Restart') {
          this.crashes.length = 0;
          this.restart();
        } else if (choice === 'Show Log') {
          this.log.show();
        }
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
