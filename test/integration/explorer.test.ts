// The cluster explorer inside the real extension host against the harness's `incidents` scenario:
// the Describe Node command (what the tree's inline action runs) opens the explorer's read-only
// document, whose header and summary come from the explorer's live model of the cluster.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionUnderTest } from './extension';

/** Runs Describe Node the way the tree does (with the node element) until the model has the node. */
async function describeNode(name: string, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    await vscode.commands.executeCommand('kubeNodeDoctor.describeNode', {
      kind: 'node',
      id: `e2e/${name}`,
      name,
    });
    const document = vscode.window.activeTextEditor?.document;
    if (document?.uri.scheme === 'knd-describe' && document.uri.path === `/node/${name}.yaml`) {
      last = document.getText();
      if (last.includes(`Node ${name} —`)) {
        return last;
      }
    }
    // Not connected yet, or the first list has not arrived: the explorer connects on activation.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `Describe Node ${name} did not show the node within ${timeoutMs} ms; last text: ${last.slice(0, 300)}`,
  );
}

/** Runs the harness's kubectl against the harness (the reference peer of these checks). */
function kubectl(...args: string[]): string {
  const binary = path.join(extensionUnderTest().extensionPath, '.bin', 'kubectl');
  return execFileSync(binary, ['--kubeconfig', process.env.KUBECONFIG!, ...args], { encoding: 'utf8' });
}

/** The node's Ready status as the API server has it. */
function readyStatus(node: string): string {
  return kubectl('get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}');
}

suite('cluster explorer against the harness', function () {
  this.timeout(150_000); // the first list after activation, and the controller's 40 s grace period
  suiteSetup(async function () {
    if (!process.env.KUBECONFIG) {
      this.skip();
    } // no harness: reported as pending, never as passed
    await extensionUnderTest().activate();
  });

  test('a PLEG node is NotReady with the PLEG reason', async () => {
    const text = await describeNode('node-pleg');
    assert.match(text, /^# Node node-pleg — NotReady \(error\)$/m);
    assert.match(text, /^# Summary: NotReady · PLEG 6m57s/m);
  });

  test('a node whose Lease stopped is Unknown with its heartbeat lost', async () => {
    // The node lifecycle controller flips Ready to Unknown 40 s after the scenario starts; the
    // Describe document is fetched once, so wait for the API server first.
    const deadline = Date.now() + 120_000;
    while (readyStatus('node-heartbeat-lost') !== 'Unknown') {
      assert.ok(Date.now() < deadline, 'node-heartbeat-lost turns Ready=Unknown within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    const text = await describeNode('node-heartbeat-lost');
    assert.match(text, /^# Node node-heartbeat-lost — NotReady \(unknown\)$/m);
    assert.match(text, /^# Summary: Unknown · heartbeat lost/m);
  });

  test('a node whose kubelet posts Ready is Ready', async () => {
    assert.equal(readyStatus('node-healthy-1'), 'True');
    const text = await describeNode('node-healthy-1');
    // Its level may carry warnings (e.g. kwok leaves nodeInfo.osImage empty): the state is what counts here.
    assert.match(text, /^# Node node-healthy-1 — Ready \((ok|warning)\)$/m);
    assert.match(text, /^# Summary: Ready\b/m);
  });

  test('describing a node again shows it afresh, not the text of the first time', async () => {
    const first = await describeNode('node-healthy-1');
    const label = `knd-e2e/described-at=t${Date.now()}`; // not all digits: YAML would quote it
    assert.ok(!first.includes(label.replace('=', ': ')));
    kubectl('label', 'node', 'node-healthy-1', label);
    try {
      const deadline = Date.now() + 30_000;
      let text = first;
      // VS Code updates an open virtual document asynchronously after the provider's change event.
      while (!text.includes(label.replace('=', ': '))) {
        assert.ok(Date.now() < deadline, `the second Describe shows the new label; last text: ${text}`);
        text = await describeNode('node-healthy-1');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      kubectl('label', 'node', 'node-healthy-1', `${label.split('=')[0]}-`);
    }
  });
});
