// The kubelog language end to end in the real extension host: file association, diagnostics
// published by the language server through the real language client, and hovers.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics, workspaceFile } from './extension';

const PLEG_MESSAGE = 'PLEG is not healthy';
const PLEG_RULE = 'pleg-not-healthy';

/** 0-based line numbers of the fixture's lines that contain text. */
function linesContaining(document: vscode.TextDocument, text: string): number[] {
  const found: number[] = [];
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(text)) {
      found.push(line);
    }
  }
  return found;
}

suite('kubelog language', () => {
  let document: vscode.TextDocument;
  let diagnostics: vscode.Diagnostic[];

  suiteSetup(async () => {
    const opened = performance.now();
    document = await vscode.workspace.openTextDocument(workspaceFile('kubelet.log'));
    await vscode.window.showTextDocument(document);
    diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => d.source === 'kubelog'));
    console.log(`METRIC first_diagnostics_ms=${(performance.now() - opened).toFixed(1)}`);
  });

  test('kubelet.log opens as a kubelog document', () => {
    assert.equal(document.languageId, 'kubelog');
  });

  test('the PLEG lines get a kubelog diagnostic with the PLEG rule code', () => {
    const plegLines = linesContaining(document, 'PLEG is not healthy: pleg was last seen active');
    assert.ok(plegLines.length >= 3, 'the fixture has PLEG lines');
    for (const line of plegLines) {
      const onLine = diagnostics.filter((d) => d.range.start.line === line && d.source === 'kubelog');
      assert.ok(
        onLine.some((d) => codeOf(d) === PLEG_RULE),
        `line ${line + 1} has a kubelog ${PLEG_RULE} diagnostic; got ${JSON.stringify(onLine.map(codeOf))}`,
      );
    }
    const pleg = diagnostics.find((d) => codeOf(d) === PLEG_RULE);
    console.log(
      `PLEG diagnostic: ${codeOf(pleg!)} ${vscode.DiagnosticSeverity[pleg!.severity]} "${pleg!.message}"`,
    );
    assert.equal(pleg!.severity, vscode.DiagnosticSeverity.Error);
  });

  test('routine PLEG event lines are not flagged', () => {
    const routine = [
      ...linesContaining(document, '"ContainerStarted"'),
      ...linesContaining(document, '"ContainerDied"'),
    ];
    assert.ok(routine.length >= 2, 'the fixture has routine PLEG event lines');
    const flagged = diagnostics.filter((d) => routine.includes(d.range.start.line));
    assert.deepEqual(
      flagged.map((d) => `${d.range.start.line + 1}: ${codeOf(d)}`),
      [],
    );
  });

  test('hovering a PLEG line explains it', async () => {
    const line = linesContaining(document, PLEG_MESSAGE)[0];
    const column = document.lineAt(line).text.indexOf(PLEG_MESSAGE) + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(line, column),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    console.log(`hover: ${text.slice(0, 300).replace(/\n/g, ' ⏎ ')}`);
    assert.match(text, new RegExp(PLEG_RULE), 'the hover names the rule');
    assert.match(
      text,
      /Pod Lifecycle Event Generator/,
      'the hover carries the explanation, not just the message',
    );
  });
});
