// The server must keep answering whatever lands in a kubelog document: binary junk, invalid
// UTF-8 (already U+FFFD when it arrives), CRLF, empty text, a 10 MB line, lines cut mid-way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { getRule } from '../../src/shared/logs/rules';
import { PLEG_LINES, PLEG_LOG } from './fixtures';
import { startInProcess, type Harness } from './lspHarness';

function plegLines(diagnostics: Diagnostic[]): number[] {
  return diagnostics
    .filter((d) => typeof d.code === 'string' && getRule(d.code)?.category === 'pleg-unhealthy')
    .map((d) => d.range.start.line);
}

void describe('kubelog language server robustness', () => {
  let lsp: Harness;
  before(async () => {
    lsp = await startInProcess();
  });
  after(async () => {
    await lsp.dispose();
  });

  void test('an empty document publishes no diagnostics and an empty outline', async () => {
    const published = await lsp.open('file:///r/empty.kubelog', '');
    assert.deepEqual(published.diagnostics, []);
    const symbols = await lsp.client.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: 'file:///r/empty.kubelog' },
    });
    assert.deepEqual(symbols, []);
  });

  void test('CRLF documents are flagged on the same lines as LF ones', async () => {
    const published = await lsp.open('file:///r/crlf.kubelog', PLEG_LOG.replace(/\n/g, '\r\n'));
    assert.deepEqual(plegLines(published.diagnostics), PLEG_LINES);
  });

  void test('binary junk and replacement characters do not break the analysis', async () => {
    let junk = '';
    for (let i = 0; i < 20000; i++) {
      junk += String.fromCharCode((i * 7919) % 0x2fff);
    }
    const text = `${junk}\n\u0000\u0000\ufffd\ufffd\n${PLEG_LOG}`;
    const published = await lsp.open('file:///r/binary.kubelog', text);
    const offset = text.slice(0, text.indexOf(PLEG_LOG)).split('\n').length - 1;
    assert.deepEqual(
      plegLines(published.diagnostics),
      PLEG_LINES.map((l) => l + offset),
    );
  });

  void test('a 10 MB line is handled in bounded time and hovers still answer', async () => {
    const huge = 'Aug 06 07:55:00 k8s-wa-2 kubelet[1498]: ' + 'x'.repeat(10 * 1024 * 1024);
    const started = Date.now();
    const published = await lsp.open('file:///r/huge.kubelog', `${huge}\n${PLEG_LOG}`);
    assert.ok(Date.now() - started < 15000, 'published within 15 s');
    assert.deepEqual(
      plegLines(published.diagnostics),
      PLEG_LINES.map((l) => l + 1),
    );
    const hover = await lsp.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///r/huge.kubelog' },
      position: { line: 0, character: 5_000_000 },
    });
    assert.equal(hover, null);
  });

  void test('an edit right after opening a large document: the first publish is for the edited version', async () => {
    const uri = 'file:///r/edited-while-scanning.kubelog';
    const filler = 'Aug 06 07:50:00 k8s-wa-2 systemd[1]: Started Session 42 of user core.\n'.repeat(200_000);
    // open() resolves with the first publish for the URI, whatever its version.
    const firstPublish = lsp.open(uri, filler + PLEG_LOG);
    const edited = filler + PLEG_LOG + PLEG_LOG;
    await lsp.client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 99 },
      contentChanges: [{ text: edited }],
    });
    const published = await firstPublish;
    assert.equal(published.version, 99, 'the first publish is for the edited version');
    assert.equal(plegLines(published.diagnostics).length, 2 * PLEG_LINES.length);
  });

  void test('a document cut in the middle of a line keeps the complete lines', async () => {
    const cut = PLEG_LOG.slice(0, PLEG_LOG.indexOf('6m57') + 2);
    const published = await lsp.open('file:///r/cut.kubelog', cut);
    assert.deepEqual(plegLines(published.diagnostics).slice(0, 2), PLEG_LINES.slice(0, 2));
  });
});
