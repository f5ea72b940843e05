// The api_tokens table: personal API tokens, kept by hash, with the prefix people recognise them by.
import { and, desc, eq } from 'drizzle-orm';
import { changedRows, writtenRow, type Db } from '../db/database.ts';
import type { apiTokens } from '../db/postgres-schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export class ApiTokensStore {
  constructor(private readonly db: Db) {}

  async insert(values: {
    userId: number;
    name: string;
    tokenHash: string;
    prefix: string;
    expiresAt: string | null;
  }): Promise<ApiTokenRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.apiTokens).values(values).returning(), 'The API token');
  }

  async byHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.apiTokens).where(eq(t.apiTokens.tokenHash, tokenHash));
    return row;
  }

  async ofUser(userId: number): Promise<ApiTokenRow[]> {
    const { orm, t } = this.db;
    return orm
      .select()
      .from(t.apiTokens)
      .where(eq(t.apiTokens.userId, userId))
      .orderBy(desc(t.apiTokens.createdAt));
  }

  async touch(id: number, lastUsedAt: string): Promise<void> {
    const { orm, t } = this.db;
    await orm.update(t.apiTokens).set({ lastUsedAt }).where(eq(t.apiTokens.id, id));
  }

  /** Answers whether the user had such a token. */
  async delete(userId: number, id: number): Promise<boolean> {
    const { orm, t } = this.db;
    const result = await orm
      .delete(t.apiTokens)
      .where(and(eq(t.apiTokens.id, id), eq(t.apiTokens.userId, userId)));
    return changedRows(result) > 0;
  }
}
