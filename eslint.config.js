// Lint for the whole repository: `npm run lint` (eslint .).
// The import boundaries of DESIGN §2 are enforced by the local rule in scripts/eslint-boundaries.js.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/eslint-boundaries.js';

const codeFiles = '**/*.{ts,tsx,mts,cts,js,mjs,cjs}';

export default defineConfig([
  globalIgnores(['**/node_modules/', 'dist/', 'out/', 'coverage/', 'release/', 'test-results/', '.vite/']),

  js.configs.recommended,
  // Not the type-checked variant: lint stays fast and needs no project service.
  tseslint.configs.recommended,

  {
    files: [codeFiles],
    plugins: { boundaries },
    rules: {
      'boundaries/import-boundaries': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Services report through results and the audit log; a stray console.log is a leftover.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },

  // Where each file runs decides its globals.
  {
    files: ['electron/**', 'scripts/**', 'e2e/**', '*.{js,mjs,cjs,ts,mts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },

  // The command line and the build scripts talk to a terminal.
  {
    files: ['electron/cli/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
]);
