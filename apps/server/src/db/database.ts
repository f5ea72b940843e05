// Opens the database, SQLite (the embedded default, WAL mode) or PostgreSQL (SUPERSET_GIT_DATABASE_URL), and applies
// pending migrations. The stores are written once against `Db`: its query builder and tables are PostgreSQL's
// types, so every query is awaited (no SQLite-only `.all()`/`.get()`/`.run()`), and on SQLite the same calls run
// on SQLite's tables, which have the same names, columns and JavaScript types.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { runtimePaths } from '../runtime-paths.ts';
import * as postgresSchema from './postgres-schema.ts';
import * as sqliteSchema from './sqlite-schema.ts';

export type Tables = typeof postgresSchema;
export type Orm = NodePgDatabase<Tables>;

export interface Db {
  /** The query builder; await each query. */
  readonly orm: Orm;
  /** The tables of this database's dialect. */
  readonly t: Tables;
  /** SQLite's own handle (null on PostgreSQL): for what only SQLite has, such as a WAL checkpoint. */
  readonly sqlite: Database.Database | null;
  close(): Promise<void>;
}

/** Where the database is: a SQLite file, or a PostgreSQL URL. */
export type DatabaseLocation = { file: string } | { url: string };

export async function openDatabase(location: DatabaseLocation): Promise<Db> {
  if ('url' in location) {
    const { openPostgres } = await import('./postgres-database.ts');
    return openPostgres(location.url);
  }
  return openSqlite(location.file);
}

function openSqlite(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const orm = drizzleSqlite(sqlite, { schema: sqliteSchema });
  migrateSqlite(orm, { migrationsFolder: runtimePaths().migrations.sqlite });
  return {
    // The same builder calls, awaited, run on SQLite: see the header.
    orm: orm as unknown as Orm,
    t: sqliteSchema as unknown as Tables,
    sqlite,
    close: async () => {
      sqlite.close();
    },
  };
}

/**
 * The row an INSERT or UPDATE … RETURNING wrote. Always the awaited array, never SQLite's `.returning().get()`:
 * better-sqlite3 then stops the statement after its first row, before SQLite commits, so a failed commit
 * (SQLITE_FULL on a full disk) is dropped silently and the caller holds a row that was never stored.
 */
export function writtenRow<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (!row) throw new Error(`${what} does not exist (any more).`);
  return row;
}

/** How many rows an awaited INSERT, UPDATE or DELETE without RETURNING changed, on either database. */
export function changedRows(result: unknown): number {
  const { changes, rowCount } = (result ?? {}) as { changes?: unknown; rowCount?: unknown };
  if (typeof changes === 'number') return changes;
  if (typeof rowCount === 'number') return rowCount;
  return 0;
}
