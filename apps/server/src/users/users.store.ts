// Users table access.
import { asc, count, eq } from 'drizzle-orm';
import type { Role, User } from '@superset-git/contracts';
import { writtenRow, type Db } from '../db/database.ts';
import { users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, name: row.name, email: row.email, role: row.role };
}

export class UsersStore {
  constructor(private readonly db: Db) {}

  byUsername(username: string): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.username, username)).get();
  }

  byId(id: number): UserRow | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  list(): UserRow[] {
    return this.db.select().from(users).orderBy(asc(users.username)).all();
  }

  /** Inserts unless the username is taken (by a server starting at the same time); answers whether it did. */
  insertUnlessTaken(values: {
    username: string;
    name: string;
    email: string;
    role: Role;
    passwordHash: string;
  }): boolean {
    return this.db.insert(users).values(values).onConflictDoNothing().returning().all().length > 0;
  }

  count(): number {
    return this.db.select({ n: count() }).from(users).get()?.n ?? 0;
  }

  insert(values: {
    username: string;
    name: string;
    email: string;
    role: Role;
    passwordHash: string;
  }): UserRow {
    return writtenRow(this.db.insert(users).values(values).returning().all(), 'The user');
  }
}
