// The stores are written once for both databases, so SQLite's and PostgreSQL's tables must not drift apart: the
// same tables, columns, nullability, keys and defaults, and the same indexes.
import { getTableConfig as pgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as postgres from '../../../apps/server/src/db/postgres-schema.ts';
import * as sqlite from '../../../apps/server/src/db/sqlite-schema.ts';

type Shape = { columns: string[]; indexes: string[]; foreignKeys: number };

function shape(config: ReturnType<typeof pgTableConfig> | ReturnType<typeof sqliteTableConfig>): Shape {
  return {
    columns: config.columns
      .map((column) =>
        [
          column.name,
          column.notNull ? 'not null' : 'null',
          column.primary ? 'pk' : '',
          // SQLite's integer keys count as defaulted (the rowid); keys are compared as keys.
          column.hasDefault && !column.primary ? 'default' : '',
        ]
          .filter(Boolean)
          .join(' '),
      )
      .sort(),
    indexes: config.indexes
      .map((index) => `${index.config.name} ${index.config.unique ? 'unique' : ''}`)
      .sort(),
    foreignKeys: config.foreignKeys.length,
  };
}

describe('the SQLite and PostgreSQL schemas', () => {
  it('hold the same tables with the same columns, keys and indexes', () => {
    const names = Object.keys(sqlite).sort();
    expect(Object.keys(postgres).sort()).toEqual(names);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const mine = shape(sqliteTableConfig((sqlite as Record<string, SQLiteTable>)[name]!));
      const theirs = shape(pgTableConfig((postgres as Record<string, PgTable>)[name]!));
      expect(theirs, name).toEqual(mine);
    }
  });
});
