// Tasks and their log lines in the database.
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Task, TaskLogLevel, TaskLogLine, TaskState } from '@superset-git/contracts';
import { writtenRow, type Db } from '../db/database.ts';
import { taskLogs, tasks } from '../db/schema.ts';

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

export class TasksStore {
  constructor(private readonly db: Db) {}

  create(values: { kind: string; title: string; createdBy: number | null }): Task {
    return toTask(
      writtenRow(
        this.db
          .insert(tasks)
          .values({ ...values, state: 'PENDING' })
          .returning()
          .all(),
        'The task',
      ),
    );
  }

  get(id: number): Task | undefined {
    const row = this.db.select().from(tasks).where(eq(tasks.id, id)).get();
    return row ? toTask(row) : undefined;
  }

  recent(limit: number): Task[] {
    return this.db.select().from(tasks).orderBy(desc(tasks.id)).limit(limit).all().map(toTask);
  }

  /** The newest tasks of one kind, newest first. */
  recentOfKind(kind: string, limit: number): Task[] {
    return this.db
      .select()
      .from(tasks)
      .where(eq(tasks.kind, kind))
      .orderBy(desc(tasks.id))
      .limit(limit)
      .all()
      .map(toTask);
  }

  update(
    id: number,
    values: Partial<{
      state: TaskState;
      progress: number | null;
      error: string | null;
      result: unknown;
      startedAt: string;
      finishedAt: string;
    }>,
  ): Task {
    const { result, ...rest } = values;
    const set = result === undefined ? rest : { ...rest, resultJson: JSON.stringify(result) };
    return toTask(
      writtenRow(this.db.update(tasks).set(set).where(eq(tasks.id, id)).returning().all(), `Task ${id}`),
    );
  }

  appendLog(taskId: number, seq: number, level: TaskLogLevel, message: string): TaskLogLine {
    const at = new Date().toISOString();
    this.db.insert(taskLogs).values({ taskId, seq, at, level, message }).run();
    return { seq, at, level, message };
  }

  log(taskId: number, afterSeq = 0): TaskLogLine[] {
    return this.db
      .select({ seq: taskLogs.seq, at: taskLogs.at, level: taskLogs.level, message: taskLogs.message })
      .from(taskLogs)
      .where(and(eq(taskLogs.taskId, taskId), gt(taskLogs.seq, afterSeq)))
      .orderBy(asc(taskLogs.seq))
      .all();
  }

  lastSeq(taskId: number): number {
    return (
      this.db
        .select({ seq: taskLogs.seq })
        .from(taskLogs)
        .where(eq(taskLogs.taskId, taskId))
        .orderBy(desc(taskLogs.seq))
        .limit(1)
        .get()?.seq ?? 0
    );
  }

  /** Ids of tasks that were pending or running, i.e. cut off by a stop. */
  unfinished(): number[] {
    return this.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(inArray(tasks.state, ['PENDING', 'RUNNING']))
      .all()
      .map((row) => row.id);
  }
}
