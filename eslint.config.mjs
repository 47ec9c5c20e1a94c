// Lint rules that keep the architecture honest: the pure core, the worker, the protocol, the
// language server and the CLI never import the editor API, so they run the same in CI, the CLI and the tests.
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    { paths: [{ name: 'vscode', message: 'The pure core, worker, protocol and CLI must not import vscode.' }] },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'examples/**', '**/*.mjs', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**', 'src/worker/**', 'src/protocol/**', 'src/cli/**', 'src/jobs/**', 'src/server/**'],
    rules: noVscode,
  },
);
