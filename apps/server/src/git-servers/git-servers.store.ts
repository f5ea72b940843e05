// git_servers table access.
import { asc, eq, sql } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { gitServers } from '../db/schema.ts';

export type GitServerRow = typeof gitServers.$inferSelect;
export type GitServerValues = Omit<typeof gitServers.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export class GitServersStore {
  constructor(private readonly db: Db) {}

  list(): GitServerRow[] {
    return this.db.select().from(gitServers).orderBy(asc(gitServers.name)).all();
  }

  byId(id: number): GitServerRow | undefined {
    return this.db.select().from(gitServers).where(eq(gitServers.id, id)).get();
  }

  byName(name: string): GitServerRow | undefined {
    return this.db
      .select()
      .from(gitServers)
      .where(sql`lower(${gitServers.name}) = lower(${name})`)
      .get();
  }

  insert(values: GitServerValues): GitServerRow {
    return writtenRow(this.db.insert(gitServers).values(values).returning().all(), 'The git server');
  }

  update(id: number, values: Partial<GitServerValues>): GitServerRow {
    return writtenRow(
      this.db
        .update(gitServers)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(gitServers.id, id))
        .returning()
        .all(),
      `Git server ${id}`,
    );
  }

  setLastTest(id: number, json: string): void {
    this.db.update(gitServers).set({ lastTestJson: json }).where(eq(gitServers.id, id)).run();
  }

  delete(id: number): boolean {
    return this.db.delete(gitServers).where(eq(gitServers.id, id)).run().changes > 0;
  }
}
