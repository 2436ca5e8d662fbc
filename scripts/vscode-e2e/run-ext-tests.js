#!/usr/bin/env node
'use strict';
// Run the extension's `vscode`-API integration tests (mocha, extensionTestsPath) inside code-server's real
// Node extension host: the job @vscode/test-electron does for desktop VS Code, without downloading anything.
//
// The server must be started with  --vscode-option enable-smoke-test-driver  (code-server 4.13x and later);
// without it the workbench ignores the `payload` URL query that carries extensionDevelopmentPath and
// extensionTestsPath. When the tests finish the workbench calls window.codeAutomationExit(code); every log
// line (extension host console, mocha's reporter) goes through window.codeAutomationLog(type, args).
//
// Usage: node run-ext-tests.js <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder>
//   extensionDevelopmentPath  folder with the extension's package.json (loaded from source, no .vsix needed)
//   extensionTestsPath        compiled test entry exporting run(): Promise<void> (".js" may be left off)
//   workspaceFolder           folder opened in the window the tests run in
//   Paths are on the server's file system (the same machine here); relative ones are resolved from cwd.
//
// Environment:
//   CS_BASE           server base URL (default http://127.0.0.1:8766)
//   TEST_TIMEOUT_MS   give up after this long (default 120000; a normal run takes 6-10 s)
//   OUT_DIR           where a screenshot goes if the run times out (default: the OS temp dir)
//   CHROMIUM          browser binary (default /usr/bin/chromium)
//   VERBOSE=1         keep the noisy [AgentHost] / [ChatModelSelection] lines
//
// Output: the forwarded log, "extension host exit code: N", then a last plain line "N passed, N failed"
// counted from mocha's spec-reporter summary ("N passing" / "N failing"). If the run fails without such a
// summary (crash before mocha, timeout) the run itself counts as 1 failure.
// Exit status: 0 when the extension host reports 0, 1 otherwise, 2 when the runner itself broke.

const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch {
    /* fall back to the tools folder from setup.sh */
  }
  const root =
    process.env.VSC_E2E_ROOT ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'vscode-e2e');
  return require(path.join(root, 'tools', 'node_modules', 'playwright-core'));
}
const { chromium } = loadPlaywright();

const args = process.argv.slice(2);
if (args.length !== 3) {
  console.error(
    'usage: node run-ext-tests.js <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder>',
  );
  process.exit(2);
}
const [devPath, testsPath, folder] = args.map((p) => path.resolve(p));
const base = (process.env.CS_BASE || 'http://127.0.0.1:8766').replace(/\/+$/, '');
const authority = new URL(base).host;
// The server maps vscode-remote://<its authority>/abs/path to /abs/path on its own disk.
const remote = (p) => `vscode-remote://${authority}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(devPath)],
  ['extensionTestsPath', remote(testsPath)],
];
const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const TIMEOUT = Number(process.env.TEST_TIMEOUT_MS || 120000);
// Shared with the UI tests (test/e2e/workbench.ts).
const CHROMIUM_ARGS = require('./chromium-args.json');

// mocha spec reporter summary, e.g. "  4 passing (425ms)", "  1 pending", "  1 failing"
const counts = { passing: null, failing: 0, pending: 0 };
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
function scan(text) {
  for (const line of stripAnsi(text).split('\n')) {
    const m = /^\s*(\d+) (passing|failing|pending)(?: \([^)]*\))?\s*$/.exec(line);
    if (m) counts[m[2]] = Number(m[1]);
  }
}

function summarize(code) {
  let passedN = counts.passing ?? 0,
    failedN = counts.failing;
  if (counts.passing === null) console.log('(no mocha summary seen: use the spec reporter to get counts)');
  if (code !== 0 && failedN === 0) failedN = 1; // crash, timeout or error outside mocha: count the run
  if (counts.pending) console.log(`${counts.pending} pending`);
  console.log(`${passedN} passed, ${failedN} failed`);
}

// Ctrl-C / SIGTERM: Playwright's own handler would only close the browser and let the script carry on;
// exit instead (Playwright kills the browser on exit), so a calling shell script sees the interruption.
process.on('SIGINT', () => {
  console.error('interrupted');
  process.exit(130);
});
process.on('SIGTERM', () => {
  console.error('terminated');
  process.exit(143);
});

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-e2e-chromium-'));
  process.on('exit', () => fs.rmSync(profile, { recursive: true, force: true }));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  let code;
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    let resolveExit;
    const exited = new Promise((resolve) => {
      resolveExit = resolve;
    });
    // Must be exposed before the workbench loads; it looks for these functions on window.
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      // mocha's lines arrive as printf templates ('%s', '%d'), so format them like console.log would
      const line = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      scan(line);
      // The gallery (offline) and the account service log the same harmless errors on every start.
      const noise = /\[(AgentHost|ChatModelSelection)\]|^Canceled: Canceled|ENOTFOUND open-vsx\.org/;
      if (process.env.VERBOSE || !noise.test(line)) console.log(`[${type}]`, line);
    });
    await page.exposeFunction('codeAutomationExit', (exitCode) => resolveExit(exitCode));
    console.log('opening', url);
    await page.goto(url);
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), TIMEOUT);
    });
    code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 'timeout') {
      const shot = path.join(process.env.OUT_DIR || os.tmpdir(), 'ext-tests-timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      console.log(
        `timed out after ${TIMEOUT} ms waiting for the extension host (screenshot: ${shot}); ` +
          'was the server started with --vscode-option enable-smoke-test-driver?',
      );
    }
  } finally {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log('extension host exit code:', code);
  summarize(code);
  process.exit(code === 0 ? 0 : 1);
})().catch((e) => {
  console.error(e);
  summarize(-1);
  process.exit(2);
});
