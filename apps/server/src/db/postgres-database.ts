// PostgreSQL as the store (SUPERSET_GIT_DATABASE_URL): a connection pool, and migrations that several servers
// starting at once apply exactly once (an advisory lock holds the others until the first is done).
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { runtimePaths } from '../runtime-paths.ts';
import type { Db } from './database.ts';
import { redactedDatabaseUrl } from './database-url.ts';
import * as postgresSchema from './postgres-schema.ts';

/** Any fixed number: the advisory lock of superset-git's migrations. */
const MIGRATION_LOCK = 0x5e7_61f;

export async function openPostgres(url: string, options: { connectTimeoutMs?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the database closed (a restart) is dropped by the pool; without a listener it would end the
  // process. The next query opens a new connection, or fails with its own reason.
  pool.on('error', () => undefined);
  try {
    await migrateOnce(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `Cannot use the PostgreSQL database at ${redactedDatabaseUrl(url)} (SUPERSET_GIT_DATABASE_URL): ` +
        describePostgresError(error),
      { cause: error },
    );
  }
  return {
    orm: drizzle(pool, { schema: postgresSchema }),
    t: postgresSchema,
    sqlite: null,
    close: () => pool.end(),
  };
}

async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder: runtimePaths().migrations.postgres });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** PostgreSQL's or the network's reason, said plainly. */
export function describePostgresError(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : String(cause);
  switch (code) {
    case 'ECONNREFUSED':
      return `nothing answers there (${text}). Is PostgreSQL running, on that host and port?`;
    case 'ENOTFOUND':
      return `the host is unknown (${text}).`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the login (${text}). Check the user and password in the URL.`;
    case '3D000':
      return `${text}. Create it first (createdb), or name an existing database in the URL.`;
    default:
      return text;
  }
}
