// `npm run test:stress`: the tests that take minutes (API fuzzing, injected faults, concurrent load), one file at
// a time so none skews another's figures. `.ci/run` runs them after `npm test`.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/stress/**/*.stress.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 600_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
