// `npm run test:postgres`: every test that runs a superset-git server, again with PostgreSQL as its store
// (a throwaway cluster from test/postgres-setup.ts, a database per server) instead of SQLite. `.ci/run` runs it
// after `npm test`. SG_SKIP_SUPERSET=1 leaves out the files that need a real Superset or a browser.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

const quickOnly = Boolean(process.env.SG_SKIP_SUPERSET);

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/server/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    exclude: [
      ...(base.test?.exclude ?? []),
      // These start PostgreSQL clusters of their own, whatever the store: once, in `npm test`, is enough.
      'test/server/db/postgres-store.test.ts',
      'test/server/shared-state/clone-on-demand.superset.test.ts',
      'test/server/shared-state/deploy-takeover.superset.test.ts',
      'test/server/shared-state/follow-remote.superset.test.ts',
      'test/server/shared-state/sync-takeover.superset.test.ts',
      ...(quickOnly ? ['**/*.superset.test.ts', '**/*.e2e.test.ts'] : []),
    ],
    globalSetup: [...(quickOnly ? [] : ['test/global-setup.ts']), 'test/postgres-setup.ts'],
  },
});
