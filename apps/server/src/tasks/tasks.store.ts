// Tasks and their log lines in the database.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or } from 'drizzle-orm';
import type { Task, TaskLogLevel, TaskLogLine, TaskState } from '@superset-git/contracts';
import { writtenRow, type Db } from '../db/database.ts';
import type { tasks } from '../db/postgres-schema.ts';
import type { JobRef } from './task-queue.ts';

type TaskRow = typeof tasks.$inferSelect;

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: row.state,
    progress: row.progress,
    error: row.error,
    result: row.resultJson === null ? null : (JSON.parse(row.resultJson) as unknown),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** What `update` changes of a task. */
export type TaskChanges = Partial<{
  state: TaskState;
  progress: number | null;
  error: string | null;
  result: unknown;
  startedAt: string;
  finishedAt: string;
}>;

/** The columns a change sets: the result is stored as JSON. */
function columnsOf(values: TaskChanges) {
  const { result, ...rest } = values;
  return result === undefined ? rest : { ...rest, resultJson: JSON.stringify(result) };
}

/** One run of a task: the server running it, and when that run began (the claim's time). */
export interface TaskRun {
  owner: string;
  startedAt: string | null;
}

/** An unfinished task nobody runs any more, as `TasksStore.abandoned` finds it. */
export interface AbandonedTask {
  id: number;
  owner: string | null;
  heartbeatAt: string | null;
  /** Its job in a shared queue, when it was queued there. */
  job: JobRef | null;
}

const abandonedColumns = (t: Db['t']) => ({
  id: t.tasks.id,
  owner: t.tasks.owner,
  heartbeatAt: t.tasks.heartbeatAt,
  jobId: t.tasks.jobId,
  jobQueue: t.tasks.jobQueue,
});

function withJob({
  jobId,
  jobQueue,
  ...row
}: Omit<AbandonedTask, 'job'> & { jobId: string | null; jobQueue: string | null }): AbandonedTask {
  return { ...row, job: jobId && jobQueue ? { id: jobId, queue: jobQueue } : null };
}

export class TasksStore {
  constructor(private readonly db: Db) {}

  async create(values: {
    kind: string;
    title: string;
    createdBy: number | null;
    owner: string;
    /** Its job in a shared queue, when it is queued there. */
    job: JobRef | null;
  }): Promise<Task> {
    const { orm, t } = this.db;
    const { job, ...rest } = values;
    const row = {
      ...rest,
      jobId: job?.id ?? null,
      jobQueue: job?.queue ?? null,
      state: 'PENDING' as const,
      heartbeatAt: new Date().toISOString(),
    };
    return toTask(writtenRow(await orm.insert(t.tasks).values(row).returning(), 'The task'));
  }

  /** Says that `owner` still runs its unfinished tasks. */
  async heartbeat(owner: string, at: string): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .update(t.tasks)
      .set({ heartbeatAt: at })
      .where(and(eq(t.tasks.owner, owner), inArray(t.tasks.state, ['PENDING', 'RUNNING'])));
  }

  /**
   * Unfinished tasks that nobody runs any more: with `mine`, `owner`'s own (it has just started, so none of them
   * is running) and those of no owner; and always those whose server fell silent before `silentBefore`. A queued
   * task still waiting (PENDING with a job) is the queue's, whoever queued it.
   */
  async abandoned(
    owner: string,
    options: { mine: boolean; silentBefore: string },
  ): Promise<Array<AbandonedTask>> {
    const { orm, t } = this.db;
    const silent = and(ne(t.tasks.owner, owner), lt(t.tasks.heartbeatAt, options.silentBefore));
    const rows = await orm
      .select(abandonedColumns(t))
      .from(t.tasks)
      .where(
        and(
          or(eq(t.tasks.state, 'RUNNING'), and(eq(t.tasks.state, 'PENDING'), isNull(t.tasks.jobId))),
          options.mine ? or(eq(t.tasks.owner, owner), isNull(t.tasks.owner), silent) : silent,
        ),
      );
    return rows.map(withJob);
  }

  /** Queued tasks no server has started since before `before`, oldest first (at most `limit`). */
  async waitingSince(before: string, limit: number): Promise<AbandonedTask[]> {
    const { orm, t } = this.db;
    const rows = await orm
      .select(abandonedColumns(t))
      .from(t.tasks)
      .where(and(eq(t.tasks.state, 'PENDING'), isNotNull(t.tasks.jobId), lt(t.tasks.createdAt, before)))
      .orderBy(asc(t.tasks.id))
      .limit(limit);
    return rows.map(withJob);
  }

  /**
   * Marks a waiting task as looked after by this server, only when nobody touched it since `seen` (its heartbeat
   * then): of two servers finding one lost job, one puts it back.
   */
  async touchWaiting(id: number, seen: string | null, at: string): Promise<boolean> {
    const { orm, t } = this.db;
    const rows = await orm
      .update(t.tasks)
      .set({ heartbeatAt: at })
      .where(
        and(
          eq(t.tasks.id, id),
          eq(t.tasks.state, 'PENDING'),
          seen === null ? isNull(t.tasks.heartbeatAt) : eq(t.tasks.heartbeatAt, seen),
        ),
      )
      .returning({ id: t.tasks.id });
    return rows.length > 0;
  }

  /**
   * Puts a running task whose server stopped back to PENDING, for the queue to hand to another server; false
   * when it ended or another server got there first.
   */
  async requeue(id: number, owner: string | null, at: string): Promise<boolean> {
    const { orm, t } = this.db;
    const rows = await orm
      .update(t.tasks)
      .set({ state: 'PENDING', heartbeatAt: at })
      .where(
        and(
          eq(t.tasks.id, id),
          eq(t.tasks.state, 'RUNNING'),
          owner === null ? isNull(t.tasks.owner) : eq(t.tasks.owner, owner),
        ),
      )
      .returning({ id: t.tasks.id });
    return rows.length > 0;
  }

  /** Marks a waiting queued task RUNNING on `owner`; undefined when it is not waiting (ended, or taken). */
  async claim(id: number, owner: string, at: string): Promise<Task | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .update(t.tasks)
      .set({ state: 'RUNNING', owner, heartbeatAt: at, startedAt: at })
      .where(and(eq(t.tasks.id, id), eq(t.tasks.state, 'PENDING')))
      .returning();
    return row ? toTask(row) : undefined;
  }

  /** Ends an unfinished task as FAILED; answers false when it had ended meanwhile (another server got there). */
  async failUnfinished(id: number, error: string, finishedAt: string): Promise<boolean> {
    const { orm, t } = this.db;
    const rows = await orm
      .update(t.tasks)
      .set({ state: 'FAILED', error, finishedAt })
      .where(and(eq(t.tasks.id, id), inArray(t.tasks.state, ['PENDING', 'RUNNING'])))
      .returning({ id: t.tasks.id });
    return rows.length > 0;
  }

  async get(id: number): Promise<Task | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.tasks).where(eq(t.tasks.id, id));
    return row ? toTask(row) : undefined;
  }

  async recent(limit: number): Promise<Task[]> {
    const { orm, t } = this.db;
    return (await orm.select().from(t.tasks).orderBy(desc(t.tasks.id)).limit(limit)).map(toTask);
  }

  /** The newest tasks of one kind, newest first. */
  async recentOfKind(kind: string, limit: number): Promise<Task[]> {
    const { orm, t } = this.db;
    const rows = await orm
      .select()
      .from(t.tasks)
      .where(eq(t.tasks.kind, kind))
      .orderBy(desc(t.tasks.id))
      .limit(limit);
    return rows.map(toTask);
  }

  async update(id: number, values: TaskChanges): Promise<Task> {
    const { orm, t } = this.db;
    return toTask(
      writtenRow(
        await orm.update(t.tasks).set(columnsOf(values)).where(eq(t.tasks.id, id)).returning(),
        `Task ${id}`,
      ),
    );
  }

  /**
   * Like `update`, for one run of a task: only while it is RUNNING on `run.owner` since `run.startedAt`. A run
   * whose server fell silent and whose task another server took over (a long pause, a network partition) cannot
   * write over the new run's state, checkpoint or end; undefined then.
   */
  async updateRun(id: number, run: TaskRun, values: TaskChanges): Promise<Task | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .update(t.tasks)
      .set(columnsOf(values))
      .where(
        and(
          eq(t.tasks.id, id),
          eq(t.tasks.state, 'RUNNING'),
          eq(t.tasks.owner, run.owner),
          run.startedAt === null ? isNull(t.tasks.startedAt) : eq(t.tasks.startedAt, run.startedAt),
        ),
      )
      .returning();
    return row ? toTask(row) : undefined;
  }

  async appendLog(
    taskId: number,
    seq: number,
    level: TaskLogLevel,
    message: string,
    at = new Date().toISOString(),
  ): Promise<TaskLogLine> {
    const { orm, t } = this.db;
    await orm.insert(t.taskLogs).values({ taskId, seq, at, level, message });
    return { seq, at, level, message };
  }

  async log(taskId: number, afterSeq = 0): Promise<TaskLogLine[]> {
    const { orm, t } = this.db;
    const { taskLogs } = t;
    return orm
      .select({ seq: taskLogs.seq, at: taskLogs.at, level: taskLogs.level, message: taskLogs.message })
      .from(taskLogs)
      .where(and(eq(taskLogs.taskId, taskId), gt(taskLogs.seq, afterSeq)))
      .orderBy(asc(taskLogs.seq));
  }

  async lastSeq(taskId: number): Promise<number> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select({ seq: t.taskLogs.seq })
      .from(t.taskLogs)
      .where(eq(t.taskLogs.taskId, taskId))
      .orderBy(desc(t.taskLogs.seq))
      .limit(1);
    return row?.seq ?? 0;
  }
}
