#!/usr/bin/env node
'use strict';
// Activation time of Kube Node Doctor as the real editor logged it: from the extension host's
// "ExtensionService#_doActivateExtension kube-node-doctor…" line to the extension's own
// "Kube Node Doctor activated" line. Usage: node activation-time.js <code-server user-data-dir>
const fs = require('fs');
const path = require('path');

function logFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? logFiles(p) : e.name.endsWith('.log') ? [p] : [];
  });
}
const stamp = (line) => Date.parse(line.slice(0, 23).replace(' ', 'T'));
let started, activated, event;
for (const file of logFiles(path.join(process.argv[2] || '.', 'logs'))) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /_doActivateExtension kube-node-doctor\.kube-node-doctor, .*activationEvent: '([^']+)'/.exec(
      line,
    );
    if (m && started === undefined) [started, event] = [stamp(line), m[1]];
    if (/\] Kube Node Doctor activated$/.test(line) && activated === undefined) activated = stamp(line);
  }
}
if (started === undefined || activated === undefined) {
  console.log('activation not found in the logs (was the extension activated?)');
} else {
  console.log(`activated by ${event}`);
  console.log(`METRIC activation_ui_ms=${activated - started}`);
}
