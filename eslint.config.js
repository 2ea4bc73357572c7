// Lint rules for the whole repository: ESLint's and typescript-eslint's recommended sets, with the
// type-checked rules on the TypeScript sources, and Prettier's config last so that no rule here
// argues with the formatter about layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Installed packages, run-time data and generated output, as in .gitignore.
    ignores: ['node_modules/', 'data/', 'test-output/', 'bench-output/', 'coverage/', 'dist/'],
  },
  {
    linterOptions: {
      // A disable comment that no longer silences anything is removed, not left to mislead.
      reportUnusedDisableDirectives: 'error',
    },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A leading underscore marks a binding kept on purpose: Express knows an error handler by its
      // four parameters, xstate passes actions two, and a rest sibling drops keys from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // async marks a function that fulfils a Promise-returning contract (Kysely's migration
      // provider, work handed to the group committer) even when it has nothing to await.
      '@typescript-eslint/require-await': 'off',
      // Comments quote names as people type them, with the full-width space (U+3000) in them.
      'no-irregular-whitespace': ['error', { skipComments: true }],
    },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringContaining, ...) are typed any by
    // design, and the tests read HTTP response bodies as loose JSON to assert on their shape.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // A migration works on the schema as it was when it was written, not on today's Database
    // type, so it takes Kysely<any> (as Kysely's documentation does).
    files: ['db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The rich-chat simulator's page scripts run in the browser, untyped and unbundled.
    files: ['src/demo/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Plain JavaScript run by Node: this config and the checkpoint worker thread.
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
