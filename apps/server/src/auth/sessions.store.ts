// The sessions table: one row per login, kept by the hash of the cookie's value.
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { sessions } from '../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export class SessionsStore {
  constructor(private readonly db: Db) {}

  insert(values: { idHash: string; userId: number; csrfToken: string; expiresAt: string }): void {
    this.db.insert(sessions).values(values).run();
  }

  byIdHash(idHash: string): SessionRow | undefined {
    return this.db.select().from(sessions).where(eq(sessions.idHash, idHash)).get();
  }

  extend(idHash: string, expiresAt: string): void {
    this.db.update(sessions).set({ expiresAt }).where(eq(sessions.idHash, idHash)).run();
  }

  delete(idHash: string): void {
    this.db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
  }

  deleteExpired(now: string): void {
    this.db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  }
}
