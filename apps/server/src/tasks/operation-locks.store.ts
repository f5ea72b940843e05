// operation_locks table access: a subject is held by one row, taken in one statement, so two servers asking at
// once cannot both get it.
import { and, eq, inArray, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { operationLocks } from '../db/postgres-schema.ts';

export type OperationLockRow = typeof operationLocks.$inferSelect;

export class OperationLocksStore {
  constructor(private readonly db: Db) {}

  /** Takes the subject unless it is held; answers whether it did. */
  async take(
    subject: string,
    hold: { token: string; taskId: number | null; what: string },
  ): Promise<boolean> {
    const { orm, t } = this.db;
    const rows = await orm
      .insert(t.operationLocks)
      .values({ subject, ...hold })
      .onConflictDoNothing()
      .returning({ subject: t.operationLocks.subject });
    return rows.length > 0;
  }

  /** Holds the subject whoever held it (a pull's hold becomes the merge's, waiting for a person). */
  async put(subject: string, hold: { token: string; taskId: number | null; what: string }): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .insert(t.operationLocks)
      .values({ subject, ...hold })
      .onConflictDoUpdate({
        target: t.operationLocks.subject,
        set: { ...hold, createdAt: new Date().toISOString() },
      });
  }

  async get(subject: string): Promise<OperationLockRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.operationLocks).where(eq(t.operationLocks.subject, subject));
    return row;
  }

  /** Names the task of a hold taken before its task was written. */
  async setTask(subject: string, token: string, taskId: number, what: string): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .update(t.operationLocks)
      .set({ taskId, what })
      .where(and(eq(t.operationLocks.subject, subject), eq(t.operationLocks.token, token)));
  }

  /** Says a hold is still in use (a lease: see repo-write-lock.ts). */
  async renew(subject: string, token: string, at: string): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .update(t.operationLocks)
      .set({ createdAt: at })
      .where(and(eq(t.operationLocks.subject, subject), eq(t.operationLocks.token, token)));
  }

  /** Lets the subject go: only the hold named `token` when given. Answers the hold let go. */
  async release(subject: string, token?: string): Promise<OperationLockRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .delete(t.operationLocks)
      .where(
        and(eq(t.operationLocks.subject, subject), token ? eq(t.operationLocks.token, token) : undefined),
      )
      .returning();
    return row;
  }

  /** Lets go what these tasks held (their server stopped while they ran). */
  async releaseTasks(taskIds: number[]): Promise<void> {
    if (taskIds.length === 0) return;
    const { orm, t } = this.db;
    await orm.delete(t.operationLocks).where(inArray(t.operationLocks.taskId, taskIds));
  }

  /**
   * Lets go holds nobody has any more: of a task that ended without letting go (its server stopped), of a task
   * that is gone, or taken a minute ago by a task that was never written.
   */
  async releaseAbandoned(): Promise<number> {
    const { orm, t } = this.db;
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    const holding = orm
      .select({ one: sql`1` })
      .from(t.tasks)
      .where(
        and(
          eq(t.tasks.id, t.operationLocks.taskId),
          inArray(t.tasks.state, ['PENDING', 'RUNNING', 'AWAITING_INPUT']),
        ),
      );
    const rows = await orm
      .delete(t.operationLocks)
      .where(
        or(
          and(isNull(t.operationLocks.taskId), lt(t.operationLocks.createdAt, minuteAgo)),
          and(sql`${t.operationLocks.taskId} is not null`, notExists(holding)),
        ),
      )
      .returning({ subject: t.operationLocks.subject });
    return rows.length;
  }
}
