// Lint: typescript-eslint's type-checked rules plus the layering of ARCHITECTURE.md.
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const impureForCore = [
  { name: 'vscode', message: 'src/shared is the pure core: no vscode.' },
  { name: '@kubernetes/client-node', message: 'src/shared is the pure core: no client-node.' },
  { name: 'vscode-languageserver', message: 'src/shared is the pure core: no LSP runtime.' },
  { name: 'vscode-languageclient', message: 'src/shared is the pure core: no LSP runtime.' },
  { name: 'fs', message: 'src/shared does no I/O.' },
  { name: 'node:fs', message: 'src/shared does no I/O.' },
  { name: 'child_process', message: 'src/shared does no I/O.' },
  { name: 'node:child_process', message: 'src/shared does no I/O.' },
  { name: 'net', message: 'src/shared does no I/O.' },
  { name: 'node:net', message: 'src/shared does no I/O.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'out-integration/**', 'node_modules/**', '.bin/**', '.kwok/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'all'],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: impureForCore, patterns: ['**/client/**', '**/server/**', 'vscode-languageserver/*'] },
      ],
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The language server runs outside VS Code.' },
            { name: '@kubernetes/client-node', message: 'The server does not talk to the cluster.' },
          ],
          patterns: ['**/client/**'],
        },
      ],
    },
  },
  {
    files: ['src/node/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/node and src/cli run outside VS Code (CLI and host-side helpers).' },
            { name: '@kubernetes/client-node', message: 'Only src/client/k8s imports client-node.' },
          ],
          patterns: ['**/client/**', '**/server/**'],
        },
      ],
    },
  },
  {
    files: ['src/client/**'],
    ignores: ['src/client/k8s/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@kubernetes/client-node', message: 'Only src/client/k8s imports client-node.' }],
          patterns: ['**/server/**'],
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      // Fakes implement promise-returning ports without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
