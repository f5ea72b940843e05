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
          // The stores run on SQLite and PostgreSQL alike (db/database.ts): every query is awaited instead.
          selector:
            "CallExpression[arguments.length=0][callee.property.name=/^(all|get|run)$/][callee.object.type='CallExpression']",
          message: 'Await the query instead: .all()/.get()/.run() exist only on SQLite (see db/database.ts).',
        },
      ],
    },
  },
  // The database is awaited everywhere (SQLite or PostgreSQL): a write nobody awaits can be lost or fail unseen.
  {
    files: ['apps/server/src/**/*.ts', 'test/server/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
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
