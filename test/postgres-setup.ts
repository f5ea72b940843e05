// The PostgreSQL run's global setup: a throwaway cluster (Debian's PostgreSQL, initdb + pg_ctl in a temporary
// folder) that every test server of the run gets a database on; stopped and removed at the end.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '@superset-git/harness';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startPostgres();
  process.stderr.write(
    `PostgreSQL ready on port ${cluster.port} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  project.provide('postgresAdminUrl', cluster.url);
  return () => cluster.stop();
}
