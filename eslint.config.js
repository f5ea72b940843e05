// Lint rules for the whole workspace: TypeScript everywhere, Svelte in apps/web.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/.svelte-kit/',
      'apps/web/build/',
      'apps/cli/dist/',
      'data/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // better-sqlite3 stops such a statement before SQLite commits: a failed commit (full disk) is silent.
          selector:
            "CallExpression[callee.property.name='get'][callee.object.callee.property.name='returning']",
          message:
            'Use writtenRow(….returning().all(), …) from db/database.ts: .returning().get() can lose a write.',
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', 'apps/web/src/**/*.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // The UI is always served at the server's root (no `paths.base`), so plain paths are correct.
    rules: { 'svelte/no-navigation-without-resolve': 'off' },
  },
);
