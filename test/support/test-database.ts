// Which database a test's server uses. By default the SQLite file in its data dir; in the PostgreSQL run
// (`npm run test:postgres`, whose global setup starts a throwaway cluster) a PostgreSQL database of its own per
// data dir, so that a restart on the same data dir finds the same database, as it would find the same file.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's `postgres` database (test/postgres-setup.ts); unset in the SQLite run. */
    postgresAdminUrl: string | undefined;
  }
}

/** The cluster of the PostgreSQL run, or undefined in the SQLite run. */
export function postgresAdminUrl(): string | undefined {
  if (process.env.SUPERSET_GIT_TEST_POSTGRES_URL) return process.env.SUPERSET_GIT_TEST_POSTGRES_URL;
  try {
    return inject('postgresAdminUrl') || undefined;
  } catch {
    return undefined; // outside vitest (the benchmarks)
  }
}

const created = new Map<string, Promise<string>>();

/** A new database on the cluster for this data dir (the same one again for the same dir). */
export function postgresDatabaseFor(dataDir: string, adminUrl: string): Promise<string> {
  const name = `sg_${crypto.createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 20)}`;
  let url = created.get(name);
  if (!url) {
    url = (async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } catch (error) {
        // 42P04: it exists already (another test process made it for this dir).
        if ((error as { code?: string }).code !== '42P04') throw error;
      } finally {
        await client.end();
      }
      const target = new URL(adminUrl);
      target.pathname = `/${name}`;
      return target.toString();
    })();
    created.set(name, url);
  }
  return url;
}

/** The server's SUPERSET_GIT_DATABASE_URL for this data dir: a database of its own in the PostgreSQL run. */
export async function testDatabaseUrl(dataDir: string): Promise<string | undefined> {
  const admin = postgresAdminUrl();
  return admin ? postgresDatabaseFor(dataDir, admin) : undefined;
}

/** Where a store test opens its database: the SQLite file in `dir`, or this dir's PostgreSQL database. */
export async function testDatabaseLocation(dir: string): Promise<{ file: string } | { url: string }> {
  const url = await testDatabaseUrl(dir);
  return url ? { url } : { file: path.join(dir, 'superset-git.db') };
}
