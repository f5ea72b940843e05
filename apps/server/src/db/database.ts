// Opens the SQLite database in WAL mode and applies pending migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { runtimePaths } from '../runtime-paths.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: runtimePaths().migrations });
  return db;
}

/**
 * The row an INSERT or UPDATE … RETURNING wrote, from `.returning().all()`. Never `.returning().get()`:
 * better-sqlite3 then stops the statement after its first row, before SQLite commits, so a failed commit
 * (SQLITE_FULL on a full disk) is dropped silently and the caller holds a row that was never stored.
 */
export function writtenRow<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (!row) throw new Error(`${what} does not exist (any more).`);
  return row;
}
