// Shared helpers of the integration suites: the extension under test and its manifest.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kube-node-doctor.kube-node-doctor';

export interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: { command: string; title: string }[];
    views?: Record<string, { id: string }[]>;
    languages?: { id: string }[];
  };
}

export function extensionUnderTest(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  return ext;
}

export function manifest(): Manifest {
  return extensionUnderTest().packageJSON as Manifest;
}

/** The first workspace folder: test/fixtures/e2e-ws, opened by the runner. */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the runner opens test/fixtures/e2e-ws as the workspace; none is open');
  }
  return vscode.Uri.joinPath(folder.uri, name);
}

/**
 * Resolves with the document's diagnostics once they satisfy accept; listens to VS Code's
 * diagnostics events rather than polling, and fails after timeoutMs listing what did arrive.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      subscription.dispose();
      settle();
    };
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (accept(diagnostics)) {
        finish(() => resolve(diagnostics));
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) {
        check();
      }
    });
    const timer = setTimeout(() => {
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.source}/${codeOf(d)}: ${d.message}`);
      finish(() =>
        reject(
          new Error(
            `no matching diagnostics for ${uri.path} within ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`,
          ),
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** A diagnostic's code as a string, whether VS Code holds it plain or with a target link. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : (code ?? ''));
}
