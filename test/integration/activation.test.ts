// Activation in the real extension host: lazy until asked, then fast, with every command registered.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { extensionUnderTest, manifest } from './extension';

suite('activation', () => {
  test('runs in a real VS Code extension host', () => {
    console.log(`vscode ${vscode.version} appHost ${vscode.env.appHost} node ${process.versions.node}`);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(typeof vscode.window.createTreeView, 'function');
  });

  test('stays inactive while nothing asks for it (no eager activation event)', () => {
    // This suite runs first; the runner opens a folder of plain files with no editor and the
    // Explorer view, so nothing the extension contributes has been touched yet.
    const events = manifest().activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activationEvents must not contain "*"');
    assert.ok(!events.includes('onStartupFinished'), 'activationEvents must not contain onStartupFinished');
    assert.equal(extensionUnderTest().isActive, false);
  });

  test('activates, and reports how long activation took', async () => {
    const ext = extensionUnderTest();
    const started = performance.now();
    await ext.activate();
    const took = performance.now() - started;
    // run-ext-tests.js forwards this line; scripts/vscode-e2e/e2e.sh reports it.
    console.log(`METRIC activation_ms=${took.toFixed(1)}`);
    assert.equal(ext.isActive, true);
  });

  test('registers every command the manifest contributes', async () => {
    const contributed = (manifest().contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    console.log(`${contributed.length} contributed commands`);
    assert.deepEqual(missing, []);
  });
});
