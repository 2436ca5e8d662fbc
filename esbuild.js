// Bundles the two processes of the extension (and the CLI) from one package.
// The language server and the CLI do not mark 'vscode' external on purpose:
// an accidental vscode import there fails the build.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the format of VS Code's esbuild problem matcher. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
  // client-node is ESM-only and reads import.meta.url; give the CJS bundle a stand-in.
  // Bundled libraries sniff `navigator` for browsers; VS Code's extension host logs a
  // PendingMigrationError on every such access, and we never run in a browser.
  define: { 'import.meta.url': 'importMetaUrl', navigator: 'undefined' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/client/extension.ts' },
    outdir: 'dist',
    // ws loads these optional native add-ons only when present.
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
  },
  { ...common, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { 'kubelog-scan': 'src/cli/kubelogScan.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
  },
];

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
