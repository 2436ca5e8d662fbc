// Runs the real startServer over in-memory streams and talks to it as a client would.
// Tests wait for notifications (never sleep): `nextDiagnostics` resolves on the next publish for a URI.
import { PassThrough } from 'node:stream';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createProtocolConnection,
  type ClientCapabilities,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver/node';
import { startServer } from '../../src/server/startServer';

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

/** Waits for the first notification that satisfies `accept` (queued ones included). */
class Mailbox<T> {
  private readonly queue: T[] = [];
  private readonly waiters: { accept: (v: T) => boolean; resolve: (v: T) => void }[] = [];

  push(value: T): void {
    const index = this.waiters.findIndex((w) => w.accept(value));
    if (index >= 0) {
      this.waiters.splice(index, 1)[0].resolve(value);
    } else {
      this.queue.push(value);
    }
  }

  next(accept: (v: T) => boolean = () => true, timeoutMs = 20000): Promise<T> {
    const queued = this.queue.findIndex(accept);
    if (queued >= 0) {
      return Promise.resolve(this.queue.splice(queued, 1)[0]);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('Timed out waiting for a server notification')),
        timeoutMs,
      );
      this.waiters.push({
        accept,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
    });
  }

  drain(): T[] {
    return this.queue.splice(0, this.queue.length);
  }
}

export interface HarnessOptions {
  /** The `kubeNodeDoctor` section answered to workspace/configuration. */
  settings?: unknown;
  capabilities?: ClientCapabilities;
  validationDelayMs?: number;
}

export async function startInProcess(options: HarnessOptions = {}) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const handle = startServer(server, {
    now: () => new Date('2026-01-01T00:00:00Z'),
    validationDelayMs: options.validationDelayMs ?? 20,
  });
  server.listen();

  const client = createProtocolConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  let settings: unknown = options.settings ?? {};
  const diagnostics = new Mailbox<PublishDiagnosticsParams>();
  const messages = new Mailbox<ShowMessageParams>();
  const logs: string[] = [];
  let configurationRequests = 0;
  client.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests++;
    return params.items.map(() => settings);
  });
  client.onRequest(RegistrationRequest.type, () => undefined);
  client.onNotification(PublishDiagnosticsNotification.type, (p) => diagnostics.push(p));
  client.onNotification(ShowMessageNotification.type, (p) => messages.push(p));
  client.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  client.listen();

  const init = await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: null,
    capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
    workspaceFolders: null,
  });
  await client.sendNotification(InitializedNotification.type, {});

  let version = 1;
  return {
    client,
    init,
    logs,
    messages,
    get configurationRequests() {
      return configurationRequests;
    },
    nextDiagnostics: (uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true) =>
      diagnostics.next((p) => p.uri === uri && accept(p)),
    async open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
      const published = diagnostics.next((p) => p.uri === uri);
      await client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'kubelog', version: version++, text },
      });
      return published;
    },
    async replace(uri: string, text: string, newVersion: number): Promise<PublishDiagnosticsParams> {
      const published = diagnostics.next((p) => p.uri === uri && p.version === newVersion);
      await client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: newVersion },
        contentChanges: [{ text }],
      });
      return published;
    },
    async close(uri: string): Promise<PublishDiagnosticsParams> {
      const published = diagnostics.next((p) => p.uri === uri && p.diagnostics.length === 0);
      await client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      return published;
    },
    async changeSettings(next: unknown): Promise<void> {
      settings = next;
      await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    },
    /** Shuts down without the `exit` notification: the node connection would end the test process. */
    async dispose(): Promise<void> {
      await client.sendRequest(ShutdownRequest.type);
      client.dispose();
      handle.dispose();
      server.dispose();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startInProcess>>;
