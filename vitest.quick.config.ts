// `npm run test:quick`: what needs no Superset and no browser (unit tests beside the code, the git engine, the
// providers against local fakes, the server through Fastify's inject), for the edit-test loop. Files that need
// a real Superset end in `.superset.test.ts`, browser tests in `.e2e.test.ts`.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export default defineConfig({
  test: {
    ...base.test,
    exclude: [...(base.test?.exclude ?? []), '**/*.superset.test.ts', '**/*.e2e.test.ts'],
    globalSetup: [],
    maxWorkers: 4,
  },
});
