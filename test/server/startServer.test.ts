import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  HoverRequest,
  MessageType,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { getRule } from '../../src/shared/logs/rules';
import { CLEAN_LOG, RUNTIME_TIMEOUT_LINE, PLEG_LINES, PLEG_LOG } from './fixtures';
import { startInProcess, type Harness } from './lspHarness';

function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function ruleDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => typeof d.code === 'string' && getRule(d.code) !== undefined);
}

function plegDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return ruleDiagnostics(diagnostics).filter((d) => getRule(String(d.code))?.category === 'pleg-unhealthy');
}

void describe('kubelog language server', () => {
  let lsp: Harness;
  before(async () => {
    lsp = await startInProcess();
  });
  after(async () => {
    await lsp.dispose();
  });

  void test('advertises hover, code actions and document symbols', () => {
    const caps = lsp.init.capabilities;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.codeActionProvider);
    assert.ok(caps.documentSymbolProvider);
  });

  void test('didOpen publishes one diagnostic per PLEG line with rule id, source and data', async () => {
    const published = await lsp.open('file:///logs/pleg.kubelog', PLEG_LOG);
    const pleg = plegDiagnostics(published.diagnostics);
    assert.deepEqual(
      pleg.map((d) => d.range.start.line),
      PLEG_LINES,
    );
    for (const d of pleg) {
      assert.equal(d.source, 'kubelog');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.deepEqual(d.data, { ruleId: d.code, line: d.range.start.line });
    }
    assert.equal(published.version, 1);
  });

  void test('routine lines (PLEG ContainerStarted events, node registration) get no diagnostic', async () => {
    const published = await lsp.open('file:///logs/clean.kubelog', CLEAN_LOG);
    assert.deepEqual(ruleDiagnostics(published.diagnostics), []);
  });

  void test('related information links the incident start and the neighbouring occurrences', async () => {
    const published = await lsp.open('file:///logs/related.kubelog', PLEG_LOG);
    const middle = plegDiagnostics(published.diagnostics).find((d) => d.range.start.line === PLEG_LINES[1]);
    assert.ok(middle?.relatedInformation, 'the middle PLEG line has related information');
    const lines = middle.relatedInformation.map((r) => r.location.range.start.line);
    assert.ok(lines.includes(PLEG_LINES[0]), 'links the previous occurrence / incident start');
    assert.ok(lines.includes(PLEG_LINES[2]), 'links the next occurrence');
    assert.ok(middle.relatedInformation.every((r) => r.location.uri === 'file:///logs/related.kubelog'));
  });

  void test('a PLEG summary names the longest "last seen active" gap', async () => {
    const published = await lsp.open('file:///logs/summary.kubelog', PLEG_LOG);
    const summary = published.diagnostics.find((d) => d.code === 'pleg-summary');
    assert.ok(summary, 'a pleg-summary diagnostic is published');
    assert.equal(summary.range.start.line, PLEG_LINES[0]);
    assert.match(messageText(summary), /6m57s/);
    assert.match(messageText(summary), /3 lines/);
  });

  void test('hover on a flagged line explains the rule and offers the copy command', async () => {
    await lsp.open('file:///logs/hover.kubelog', PLEG_LOG);
    const hover = await lsp.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///logs/hover.kubelog' },
      position: { line: PLEG_LINES[2], character: 80 },
    });
    assert.ok(hover, 'a hover is returned');
    const value = (hover.contents as MarkupContent).value;
    const rule = [...value.matchAll(/`([a-z0-9-]+)`/g)].map((m) => getRule(m[1])).find(Boolean);
    assert.ok(rule, 'the hover names a known rule id');
    assert.ok(value.includes(rule.explanation.slice(0, 40)), 'the hover contains the explanation');
    assert.ok(value.includes('What to do'));
    if (rule.commands.length > 0) {
      assert.match(value, /command:kubeNodeDoctor\.copyToClipboard\?/);
    }
    assert.match(value, /PLEG summary/);
  });

  void test('hover on a clean line, past the end, or on an unknown document returns null', async () => {
    await lsp.open('file:///logs/hover-clean.kubelog', PLEG_LOG);
    for (const [uri, line] of [
      ['file:///logs/hover-clean.kubelog', 0],
      ['file:///logs/hover-clean.kubelog', 500],
      ['file:///logs/never-opened.kubelog', 1],
    ] as const) {
      const hover = await lsp.client.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line, character: 0 },
      });
      assert.equal(hover, null);
    }
  });

  void test('code actions copy the suggested command and show all occurrences', async () => {
    const uri = 'file:///logs/actions.kubelog';
    const published = await lsp.open(uri, PLEG_LOG);
    const diagnostic = plegDiagnostics(published.diagnostics)[0];
    const actions = (await lsp.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const rule = getRule(String(diagnostic.code));
    assert.ok(rule);
    const copies = actions.filter((a) => a.command?.command === 'kubeNodeDoctor.copyToClipboard');
    assert.equal(copies.length, rule.commands.length);
    if (copies.length > 0) {
      assert.equal(copies.filter((a) => a.isPreferred).length, 1);
      // journald lines name the host, so `<node>` is filled in.
      for (const a of copies) {
        assert.ok(!String(a.command?.arguments?.[0]).includes('<node>'));
      }
    }
    const show = actions.find((a) => a.command?.command === 'kubeNodeDoctor.showRuleOccurrences');
    assert.ok(show, 'a show-all-occurrences action');
    const [argUri, position, locations] = show.command!.arguments as [
      string,
      unknown,
      { range: { start: { line: number } } }[],
    ];
    assert.equal(argUri, uri);
    assert.deepEqual(position, diagnostic.range.start);
    assert.deepEqual(
      locations.map((l) => l.range.start.line),
      PLEG_LINES,
    );
  });

  void test('document symbols list the PLEG summary and the incidents with counts', async () => {
    const uri = 'file:///logs/outline.kubelog';
    await lsp.open(uri, `${PLEG_LOG}\n${RUNTIME_TIMEOUT_LINE}`);
    const symbols = (await lsp.client.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.equal(symbols[0].name, 'PLEG summary');
    const plegIncident = symbols.find((s) => /×3$/.test(s.name));
    assert.ok(plegIncident, 'the three PLEG lines form one incident ×3');
    assert.equal(plegIncident.range.start.line, PLEG_LINES[0]);
    assert.equal(plegIncident.range.end.line, PLEG_LINES[2]);
    assert.match(plegIncident.detail ?? '', /07:56:04 → \S+ 07:59:04/);
    assert.ok(
      symbols.some((s) => s.range.start.line === 6),
      'the runtime timeout line is its own incident',
    );
  });

  void test('edits re-validate the new version', async () => {
    const uri = 'file:///logs/edit.kubelog';
    await lsp.open(uri, CLEAN_LOG);
    const after = await lsp.replace(uri, PLEG_LOG, 7);
    assert.equal(after.version, 7);
    assert.equal(plegDiagnostics(after.diagnostics).length, PLEG_LINES.length);
  });

  void test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///logs/close.kubelog';
    await lsp.open(uri, PLEG_LOG);
    const cleared = await lsp.close(uri);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

void describe('kubelog language server settings', () => {
  void test('disabling a rule and changing settings re-validates open documents', async () => {
    const lsp = await startInProcess();
    try {
      const uri = 'file:///logs/settings.kubelog';
      const first = await lsp.open(uri, PLEG_LOG);
      const ruleId = String(plegDiagnostics(first.diagnostics)[0].code);
      const revalidated = lsp.nextDiagnostics(uri);
      await lsp.changeSettings({ rules: { disabled: [ruleId] } });
      const second = await revalidated;
      assert.ok(!second.diagnostics.some((d) => d.code === ruleId), `${ruleId} is no longer reported`);
    } finally {
      await lsp.dispose();
    }
  });

  void test('severity overrides change the published severity', async () => {
    const probe = await startInProcess();
    let ruleId: string;
    try {
      ruleId = String(
        plegDiagnostics((await probe.open('file:///logs/p.kubelog', PLEG_LOG)).diagnostics)[0].code,
      );
    } finally {
      await probe.dispose();
    }
    const lsp = await startInProcess({ settings: { rules: { severityOverrides: { [ruleId]: 'hint' } } } });
    try {
      const published = await lsp.open('file:///logs/override.kubelog', PLEG_LOG);
      const flagged = published.diagnostics.filter((d) => d.code === ruleId);
      assert.equal(flagged.length, PLEG_LINES.length);
      assert.ok(flagged.every((d) => d.severity === DiagnosticSeverity.Hint));
    } finally {
      await lsp.dispose();
    }
  });

  void test('maxPerDocument caps diagnostics and says how many were left out', async () => {
    const lsp = await startInProcess({ settings: { diagnostics: { maxPerDocument: 2 } } });
    try {
      const published = await lsp.open('file:///logs/capped.kubelog', PLEG_LOG);
      assert.equal(ruleDiagnostics(published.diagnostics).length, 2);
      const note = published.diagnostics.find((d) => d.code === 'too-many-findings');
      assert.ok(note);
      assert.match(messageText(note), /^1 more finding/);
    } finally {
      await lsp.dispose();
    }
  });

  void test('bad settings produce a clear message and the server keeps working', async () => {
    const lsp = await startInProcess({
      settings: {
        rules: { disabled: ['no-such-rule'], severityOverrides: 'loud' },
        diagnostics: { maxPerDocument: 'lots' },
      },
    });
    try {
      const published = await lsp.open('file:///logs/bad-settings.kubelog', PLEG_LOG);
      assert.equal(plegDiagnostics(published.diagnostics).length, PLEG_LINES.length, 'defaults are used');
      const message = await lsp.messages.next();
      assert.equal(message.type, MessageType.Warning);
      assert.match(message.message, /no-such-rule/);
      assert.match(message.message, /maxPerDocument/);
      const hover = await lsp.client.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///logs/bad-settings.kubelog' },
        position: { line: PLEG_LINES[0], character: 60 },
      });
      assert.ok(hover, 'hover still answers');
    } finally {
      await lsp.dispose();
    }
  });

  void test('without workspace/configuration the server uses the defaults', async () => {
    const lsp = await startInProcess({ capabilities: {}, settings: { rules: { disabled: ['anything'] } } });
    try {
      const published = await lsp.open('file:///logs/no-config.kubelog', PLEG_LOG);
      assert.equal(plegDiagnostics(published.diagnostics).length, PLEG_LINES.length);
      assert.equal(lsp.configurationRequests, 0);
    } finally {
      await lsp.dispose();
    }
  });
});
