// Users table access.
import { asc, count, eq } from 'drizzle-orm';
import type { Role, User } from '@superset-git/contracts';
import { writtenRow, type Db } from '../db/database.ts';
import type { users } from '../db/postgres-schema.ts';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, name: row.name, email: row.email, role: row.role };
}

type NewUser = { username: string; name: string; email: string; role: Role; passwordHash: string };

export class UsersStore {
  constructor(private readonly db: Db) {}

  async byUsername(username: string): Promise<UserRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.users).where(eq(t.users.username, username));
    return row;
  }

  async byId(id: number): Promise<UserRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.users).where(eq(t.users.id, id));
    return row;
  }

  async list(): Promise<UserRow[]> {
    const { orm, t } = this.db;
    return orm.select().from(t.users).orderBy(asc(t.users.username));
  }

  /** Inserts unless the username is taken (by a server starting at the same time); answers whether it did. */
  async insertUnlessTaken(values: NewUser): Promise<boolean> {
    const { orm, t } = this.db;
    return (await orm.insert(t.users).values(values).onConflictDoNothing().returning()).length > 0;
  }

  async count(): Promise<number> {
    const { orm, t } = this.db;
    const [row] = await orm.select({ n: count() }).from(t.users);
    return row?.n ?? 0;
  }

  async insert(values: NewUser): Promise<UserRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.users).values(values).returning(), 'The user');
  }
}
