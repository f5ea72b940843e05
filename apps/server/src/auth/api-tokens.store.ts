// The api_tokens table: personal API tokens, kept by hash, with the prefix people recognise them by.
import { and, desc, eq } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { apiTokens } from '../db/schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export class ApiTokensStore {
  constructor(private readonly db: Db) {}

  insert(values: {
    userId: number;
    name: string;
    tokenHash: string;
    prefix: string;
    expiresAt: string | null;
  }): ApiTokenRow {
    return writtenRow(this.db.insert(apiTokens).values(values).returning().all(), 'The API token');
  }

  byHash(tokenHash: string): ApiTokenRow | undefined {
    return this.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get();
  }

  ofUser(userId: number): ApiTokenRow[] {
    return this.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(desc(apiTokens.createdAt))
      .all();
  }

  touch(id: number, lastUsedAt: string): void {
    this.db.update(apiTokens).set({ lastUsedAt }).where(eq(apiTokens.id, id)).run();
  }

  /** Answers whether the user had such a token. */
  delete(userId: number, id: number): boolean {
    return (
      this.db
        .delete(apiTokens)
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
        .run().changes > 0
    );
  }
}
