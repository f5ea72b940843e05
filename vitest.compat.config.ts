// `npm run test:compat`: the core journeys against real Superset 4.1, 5.0, 6.0 and 6.1, deploys between releases,
// Superset's own example dashboards and dashboards edited in Superset's own editor. `.ci/run` runs it after
// `npm test` and `npm run test:stress`.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/compat/**/*.compat.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['test/compat/compat-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 1_800_000,
  },
});
