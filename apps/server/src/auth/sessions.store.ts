// The sessions table: one row per login, kept by the hash of the cookie's value.
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { sessions } from '../db/postgres-schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export class SessionsStore {
  constructor(private readonly db: Db) {}

  async insert(values: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void> {
    const { orm, t } = this.db;
    await orm.insert(t.sessions).values(values);
  }

  async byIdHash(idHash: string): Promise<SessionRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.sessions).where(eq(t.sessions.idHash, idHash));
    return row;
  }

  async extend(idHash: string, expiresAt: string): Promise<void> {
    const { orm, t } = this.db;
    await orm.update(t.sessions).set({ expiresAt }).where(eq(t.sessions.idHash, idHash));
  }

  async delete(idHash: string): Promise<void> {
    const { orm, t } = this.db;
    await orm.delete(t.sessions).where(eq(t.sessions.idHash, idHash));
  }

  async deleteExpired(now: string): Promise<void> {
    const { orm, t } = this.db;
    await orm.delete(t.sessions).where(lt(t.sessions.expiresAt, now));
  }
}
