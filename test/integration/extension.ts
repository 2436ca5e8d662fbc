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
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return ext;
}

export function manifest(): Manifest {
  return extensionUnderTest().packageJSON as Manifest;
}

/** The first workspace folder: test/fixtures/e2e-ws, opened by the runner. */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the runner opens test/fixtures/e2e-ws as the workspace; none is open');
  return vscode.Uri.joinPath(folder.uri, name);
}
