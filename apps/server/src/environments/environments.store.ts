// Environments table access.
import { asc, eq, sql } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { environments } from '../db/schema.ts';

export type EnvironmentRow = typeof environments.$inferSelect;
export type EnvironmentValues = Omit<typeof environments.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export class EnvironmentsStore {
  constructor(private readonly db: Db) {}

  list(): EnvironmentRow[] {
    return this.db.select().from(environments).orderBy(asc(environments.name)).all();
  }

  byId(id: number): EnvironmentRow | undefined {
    return this.db.select().from(environments).where(eq(environments.id, id)).get();
  }

  /** Names are unique regardless of case: "Prod" and "prod" would be confused by people. */
  byName(name: string): EnvironmentRow | undefined {
    return this.db
      .select()
      .from(environments)
      .where(sql`lower(${environments.name}) = lower(${name})`)
      .get();
  }

  insert(values: EnvironmentValues): EnvironmentRow {
    return writtenRow(this.db.insert(environments).values(values).returning().all(), 'The environment');
  }

  update(id: number, values: Partial<EnvironmentValues>): EnvironmentRow {
    return writtenRow(
      this.db
        .update(environments)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(environments.id, id))
        .returning()
        .all(),
      `Environment ${id}`,
    );
  }

  /** The test's result; the version it read, when it read one (a test that cannot reach Superset keeps the last). */
  setLastTest(id: number, json: string, supersetVersion: string | null): void {
    this.db
      .update(environments)
      .set({ lastTestJson: json, ...(supersetVersion ? { supersetVersion } : {}) })
      .where(eq(environments.id, id))
      .run();
  }

  delete(id: number): boolean {
    return this.db.delete(environments).where(eq(environments.id, id)).run().changes > 0;
  }
}
