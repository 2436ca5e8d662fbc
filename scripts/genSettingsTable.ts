/** Writes the settings tables into README.md (`npm run docs:settings`). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderSettingsTable, replaceSettingsTable } from './settingsTable';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = replaceSettingsTable(readme, renderSettingsTable(manifest.contributes.configuration));
if (updated === undefined) {
  process.stderr.write(`${readmePath}: markers <!-- settings:start --> / <!-- settings:end --> not found\n`);
  process.exit(2);
}
if (updated !== readme) {
  fs.writeFileSync(readmePath, updated);
}
process.stdout.write('README settings table written\n');
