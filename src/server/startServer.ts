// The kubelog language server, wired to whatever connection it is given: main.ts passes the real
// stdio/IPC connection, the tests an in-memory one. Every document is scanned once per version and
// settings; diagnostics, hovers, code actions and the outline read that one analysis.
// Settings are pulled per document URI (never kept in globals) and dropped when the client reports
// a configuration change; a bad setting produces a message and falls back to its default.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Disposable,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, AnalysisCache, type DocumentAnalysis } from './analysis';
import { buildCodeActions } from './features/codeActions';
import { buildDiagnostics } from './features/diagnostics';
import { buildHover } from './features/hover';
import { buildDocumentSymbols } from './features/symbols';
import { runSafe, runSafeAsync } from './safe';
import { DEFAULT_SERVER_SETTINGS, readServerSettings, type ServerSettings } from './settings';
import { yearlessTimesBefore } from '../shared/logs/engine';

export const CONFIGURATION_SECTION = 'kubeNodeDoctor';

export interface ServerDeps {
  /** The clock, for the year of year-less syslog/klog times. */
  now(): Date;
  /** Quiet time after an edit before re-validating (default 200 ms); the first validation of a document is immediate. */
  validationDelayMs?: number;
}

export function startServer(connection: Connection, deps: ServerDeps): Disposable {
  const documents = new TextDocuments(TextDocument);
  const analyses = new AnalysisCache();
  const settingsByUri = new Map<string, Promise<ServerSettings>>();
  const pendingValidations = new Map<string, ReturnType<typeof setTimeout>>();
  const validatedOnce = new Set<string>();
  const reportedProblems = new Set<string>();
  const log = connection.console;
  /** Bumped on every configuration change; scans started under older settings stop early. */
  let settingsGeneration = 0;
  let canPullConfiguration = false;
  let canRegisterConfigurationChange = false;

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfigurationChange =
      params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'Incidents' },
      },
      serverInfo: { name: 'kubelog' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration && canRegisterConfigurationChange) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION })
        .catch((err: unknown) => log.warn(`Could not register for configuration changes: ${String(err)}`));
    }
  });

  function settingsFor(uri: string): Promise<ServerSettings> {
    let pending = settingsByUri.get(uri);
    if (!pending) {
      pending = pullSettings(uri);
      settingsByUri.set(uri, pending);
    }
    return pending;
  }

  async function pullSettings(uri: string): Promise<ServerSettings> {
    let raw: unknown = undefined;
    if (canPullConfiguration) {
      try {
        raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIGURATION_SECTION });
      } catch (err) {
        log.warn(`Could not read settings for ${uri}, using defaults: ${String(err)}`);
      }
    }
    const { settings, problems } =
      raw === undefined ? { settings: DEFAULT_SERVER_SETTINGS, problems: [] } : readServerSettings(raw);
    reportProblems(problems);
    // The year is fixed per settings read so that the analysis cache key stays stable.
    return settings.engine.assumeYear !== undefined
      ? settings
      : { ...settings, engine: { ...settings.engine, ...yearlessTimesBefore(deps.now()) } };
  }

  function reportProblems(problems: string[]): void {
    const fresh = problems.filter((p) => !reportedProblems.has(p));
    if (fresh.length === 0) {
      return;
    }
    for (const p of fresh) {
      reportedProblems.add(p);
      log.warn(`Settings: ${p}`);
    }
    // A plain notification: a message *request* would wait for a button the user never needs.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `Kube Node Doctor (kubelog settings): ${fresh.join(' ')}`,
    });
  }

  /** The analysis of this document version (shared while in flight); undefined if the document moved on meanwhile. */
  function analysisOf(
    document: TextDocument,
    settings: ServerSettings,
  ): Promise<DocumentAnalysis | undefined> {
    const cached = analyses.get(document.uri, document.version, settings.engine);
    if (cached) {
      return cached;
    }
    const { uri, version } = document;
    const generation = settingsGeneration;
    const isStale = () => documents.get(uri)?.version !== version || settingsGeneration !== generation;
    const started = Date.now();
    const pending = analyze(uri, version, document.getText(), settings.engine, isStale).then((analysis) => {
      const elapsed = Date.now() - started;
      // linesScanned, not document.lineCount: that would build the line index of a 50 MB text just to log.
      if (analysis && elapsed > 250) {
        log.info(`Scanned ${analysis.result.linesScanned} lines of ${uri} in ${elapsed} ms`);
      }
      return analysis;
    });
    analyses.set(uri, version, settings.engine, pending);
    return pending;
  }

  async function currentAnalysis(
    uri: string,
  ): Promise<{ document: TextDocument; analysis: DocumentAnalysis } | undefined> {
    // A scan overtaken by an edit resolves undefined; then answer from the newer version.
    for (let attempt = 0; attempt < 3; attempt++) {
      const document = documents.get(uri);
      if (!document) {
        return undefined;
      }
      const settings = await settingsFor(uri);
      const latest = documents.get(uri);
      if (!latest) {
        return undefined;
      }
      const analysis = await analysisOf(latest, settings);
      if (analysis) {
        return { document: latest, analysis };
      }
    }
    return undefined;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) {
      return;
    }
    const settings = await settingsFor(uri);
    const latest = documents.get(uri);
    // A newer edit schedules its own validation; publishing for a stale version would flicker.
    if (!latest || latest.version !== document.version) {
      return;
    }
    const analysis = await analysisOf(latest, settings);
    if (!analysis || documents.get(uri)?.version !== analysis.version) {
      return;
    }
    validatedOnce.add(uri);
    await connection.sendDiagnostics({
      uri,
      version: analysis.version,
      diagnostics: buildDiagnostics(analysis, settings.maxDiagnostics),
    });
  }

  function scheduleValidation(uri: string, delayMs: number): void {
    const previous = pendingValidations.get(uri);
    if (previous) {
      clearTimeout(previous);
    }
    const timer = setTimeout(() => {
      pendingValidations.delete(uri);
      void runSafeAsync(log, `Validating ${uri}`, () => validate(uri));
    }, delayMs);
    pendingValidations.set(uri, timer);
  }

  documents.onDidChangeContent((change) => {
    const uri = change.document.uri;
    scheduleValidation(uri, validatedOnce.has(uri) ? (deps.validationDelayMs ?? 200) : 0);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const timer = pendingValidations.get(uri);
    if (timer) {
      clearTimeout(timer);
    }
    pendingValidations.delete(uri);
    validatedOnce.delete(uri);
    analyses.delete(uri);
    settingsByUri.delete(uri);
    void runSafeAsync(log, `Clearing diagnostics of ${uri}`, () =>
      connection.sendDiagnostics({ uri, diagnostics: [] }),
    );
  });

  connection.onDidChangeConfiguration(() => {
    settingsGeneration++;
    settingsByUri.clear();
    analyses.clear();
    reportedProblems.clear();
    for (const document of documents.all()) {
      scheduleValidation(document.uri, 0);
    }
  });

  connection.onHover((params, token) =>
    runSafe(log, 'Hover', null, token, async () => {
      const current = await currentAnalysis(params.textDocument.uri);
      if (!current) {
        return null;
      }
      const line = params.position.line;
      return buildHover(current.analysis, line, lineText(current.document, line));
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(log, 'Code actions', [], token, async () => {
      const current = await currentAnalysis(params.textDocument.uri);
      if (!current) {
        return [];
      }
      return buildCodeActions(current.analysis, params, (line) => lineText(current.document, line));
    }),
  );

  connection.onDocumentSymbol((params, token) =>
    runSafe(log, 'Document symbols', [], token, async () => {
      const current = await currentAnalysis(params.textDocument.uri);
      if (!current) {
        return [];
      }
      return buildDocumentSymbols(current.analysis, (line) => lineLength(current.document, line));
    }),
  );

  const listening = documents.listen(connection);
  return {
    dispose() {
      for (const timer of pendingValidations.values()) {
        clearTimeout(timer);
      }
      pendingValidations.clear();
      listening.dispose();
    },
  };
}

/** The text of one line without its line break; long lines are cut, hovers only need the prefix. */
function lineText(document: TextDocument, line: number): string | undefined {
  if (line < 0 || line >= document.lineCount) {
    return undefined;
  }
  const text = document.getText({ start: { line, character: 0 }, end: { line, character: 65536 } });
  return text.replace(/\r?\n$/, '');
}

function lineLength(document: TextDocument, line: number): number {
  if (line < 0 || line >= document.lineCount) {
    return 0;
  }
  const text = document.getText();
  const start = document.offsetAt({ line, character: 0 });
  let end = line + 1 < document.lineCount ? document.offsetAt({ line: line + 1, character: 0 }) : text.length;
  if (end > start && text.charCodeAt(end - 1) === 10) {
    end--;
  }
  if (end > start && text.charCodeAt(end - 1) === 13) {
    end--;
  }
  return end - start;
}
