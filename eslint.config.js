// Lint rules for the whole workspace: TypeScript everywhere, Svelte in apps/web.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** One rule per folder: the workspace packages it may not import, nor reach by a relative path. */
function importBoundaries(forbidden) {
  return Object.entries(forbidden).map(([folder, packages]) => ({
    files: [`${folder}/*.ts`, `${folder}/*.svelte`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: packages.flatMap((name) => [name, `${name}/*`]),
              message: 'This import breaks the package graph in docs/architecture.md.',
            },
            {
              group: ['**/apps/*/src/**', '**/packages/*/src/**'],
              message: 'Import another workspace package by its name, not by a path into its sources.',
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/.svelte-kit/',
      'apps/web/build/',
      'apps/cli/dist/',
      'dist/',
      '.tmp/',
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
  // The package graph (docs/architecture.md): contracts <- git, superset, providers <- server; the web and the
  // CLI are clients of the API (api-client) and never reach into the server or the git engine.
  ...importBoundaries({
    'packages/contracts/src/**': ['@superset-git/*'],
    'packages/{git,superset,providers}/src/**': [
      '@superset-git/git',
      '@superset-git/superset',
      '@superset-git/providers',
      '@superset-git/server',
      '@superset-git/api-client',
    ],
    'packages/api-client/src/**': ['@superset-git/server', '@superset-git/git', '@superset-git/superset'],
    'apps/server/src/**': ['@superset-git/api-client', '@superset-git/cli', '@superset-git/web'],
    'apps/cli/src/**': ['@superset-git/server', '@superset-git/git', '@superset-git/providers'],
    'apps/web/src/**': [
      '@superset-git/server',
      '@superset-git/git',
      '@superset-git/superset',
      '@superset-git/providers',
    ],
  }),
  {
    files: ['**/*.svelte', '**/*.svelte.ts', 'apps/web/src/**/*.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // The UI is always served at the server's root (no `paths.base`), so plain paths are correct.
    rules: { 'svelte/no-navigation-without-resolve': 'off' },
  },
);
