// Entry of the extension-host integration tier: code-server's real extension host loads this file
// through the workbench's `payload` URL (scripts/vscode-e2e/run-ext-tests.js) and awaits run().
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // The spec reporter's "N passing / N failing" summary is what run-ext-tests.js counts.
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30_000 });
  const only = process.env.KND_INTEGRATION_GREP;
  if (only) {
    mocha.grep(only);
  }
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'));
  for (const file of files.sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}
