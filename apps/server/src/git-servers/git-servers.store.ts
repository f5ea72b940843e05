// git_servers table access.
import { asc, eq, sql } from 'drizzle-orm';
import { changedRows, writtenRow, type Db } from '../db/database.ts';
import type { gitServers } from '../db/postgres-schema.ts';

export type GitServerRow = typeof gitServers.$inferSelect;
export type GitServerValues = Omit<typeof gitServers.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export class GitServersStore {
  constructor(private readonly db: Db) {}

  async list(): Promise<GitServerRow[]> {
    const { orm, t } = this.db;
    return orm.select().from(t.gitServers).orderBy(asc(t.gitServers.name));
  }

  async byId(id: number): Promise<GitServerRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.gitServers).where(eq(t.gitServers.id, id));
    return row;
  }

  async byName(name: string): Promise<GitServerRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select()
      .from(t.gitServers)
      .where(sql`lower(${t.gitServers.name}) = lower(${name})`);
    return row;
  }

  async insert(values: GitServerValues): Promise<GitServerRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.gitServers).values(values).returning(), 'The git server');
  }

  async update(id: number, values: Partial<GitServerValues>): Promise<GitServerRow> {
    const { orm, t } = this.db;
    return writtenRow(
      await orm
        .update(t.gitServers)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(t.gitServers.id, id))
        .returning(),
      `Git server ${id}`,
    );
  }

  async setLastTest(id: number, json: string): Promise<void> {
    const { orm, t } = this.db;
    await orm.update(t.gitServers).set({ lastTestJson: json }).where(eq(t.gitServers.id, id));
  }

  async delete(id: number): Promise<boolean> {
    const { orm, t } = this.db;
    return changedRows(await orm.delete(t.gitServers).where(eq(t.gitServers.id, id))) > 0;
  }
}
