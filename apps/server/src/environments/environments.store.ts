// Environments table access.
import { asc, eq, sql } from 'drizzle-orm';
import { changedRows, writtenRow, type Db } from '../db/database.ts';
import type { environments } from '../db/postgres-schema.ts';

export type EnvironmentRow = typeof environments.$inferSelect;
export type EnvironmentValues = Omit<typeof environments.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export class EnvironmentsStore {
  constructor(private readonly db: Db) {}

  async list(): Promise<EnvironmentRow[]> {
    const { orm, t } = this.db;
    return orm.select().from(t.environments).orderBy(asc(t.environments.name));
  }

  async byId(id: number): Promise<EnvironmentRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.environments).where(eq(t.environments.id, id));
    return row;
  }

  /** Names are unique regardless of case: "Prod" and "prod" would be confused by people. */
  async byName(name: string): Promise<EnvironmentRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select()
      .from(t.environments)
      .where(sql`lower(${t.environments.name}) = lower(${name})`);
    return row;
  }

  async insert(values: EnvironmentValues): Promise<EnvironmentRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.environments).values(values).returning(), 'The environment');
  }

  async update(id: number, values: Partial<EnvironmentValues>): Promise<EnvironmentRow> {
    const { orm, t } = this.db;
    return writtenRow(
      await orm
        .update(t.environments)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(t.environments.id, id))
        .returning(),
      `Environment ${id}`,
    );
  }

  /** The test's result; the version it read, when it read one (a test that cannot reach Superset keeps the last). */
  async setLastTest(id: number, json: string, supersetVersion: string | null): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .update(t.environments)
      .set({ lastTestJson: json, ...(supersetVersion ? { supersetVersion } : {}) })
      .where(eq(t.environments.id, id));
  }

  async delete(id: number): Promise<boolean> {
    const { orm, t } = this.db;
    return changedRows(await orm.delete(t.environments).where(eq(t.environments.id, id))) > 0;
  }
}
