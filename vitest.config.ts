// The whole suite: unit tests beside the code, integration and browser tests under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/stress/ is `npm run test:stress` (vitest.stress.config.ts), test/compat/ `npm run test:compat`.
    exclude: ['**/node_modules/**', 'apps/web/**', 'test/stress/**', 'test/compat/**'],
    // SG_SKIP_SUPERSET=1 runs the quick tests alone while working on code that needs no Superset.
    globalSetup: process.env.SG_SKIP_SUPERSET ? [] : ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    // Browser and API tests poll real services (Superset, Chromium) on 2 busy cores: 1 s, the default, is too short.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 180_000,
    // Two cores: files that drive a real Superset or a browser are heavy, so at most two run at once.
    maxWorkers: 2,
    pool: 'forks',
  },
});
