// The one place that says "one at a time" for long operations: a subject (an environment's sync-all or drift
// check, a dashboard's deploy into an environment, a dashboard's merge waiting for a person) is held by at most one task
// across every server on the database, and a second request is refused naming the task that holds it. Writes to
// one repository are serialized further down, by the git engine's queue per repository.
import crypto from 'node:crypto';
import type { Task } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';
import type { OperationLockRow, OperationLocksStore } from './operation-locks.store.ts';
import type { TaskContext, TaskRunner, TaskSpec } from './task-runner.ts';

export interface OperationHolder {
  taskId: number;
  /** What holds it, for the refusal: "Deployment 12", "task 40". */
  what: string;
}

export const operationSubject = {
  syncAll: (environmentId: number) => `environment ${environmentId}: sync-all`,
  deploy: (dashboardUuid: string, environmentId: number) =>
    `dashboard ${dashboardUuid}: deploy into environment ${environmentId}`,
  merge: (dashboardUuid: string) => `dashboard ${dashboardUuid}: merge awaiting resolution`,
  driftCheck: (environmentId: number) => `environment ${environmentId}: drift check`,
};

export class OperationLocks {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly store: OperationLocksStore,
  ) {
    // A queued task lets go of its hold where its work ends, which may be another server than the one it began on.
    tasks.onJobEnd(async (job) => {
      if (job.hold) await this.store.release(job.hold.subject, job.hold.token);
    });
  }

  /** Lets go holds left by servers that stopped; call once at start. */
  async releaseAbandoned(): Promise<number> {
    return this.store.releaseAbandoned();
  }

  /** Lets go what these tasks held: their server stopped while they ran (TaskRunner.onInterrupted). */
  async releaseTasks(taskIds: number[]): Promise<void> {
    await this.store.releaseTasks(taskIds);
  }

  async holder(subject: string): Promise<OperationHolder | undefined> {
    const row = await this.store.get(subject);
    return row ? holderOf(row) : undefined;
  }

  /** Refuses (409) while the subject is held; `busy` says so in the caller's words. */
  async assertFree(subject: string, busy: (holder: OperationHolder) => string): Promise<void> {
    const holder = await this.holder(subject);
    if (holder) throw new AppError('CONFLICT', busy(holder));
  }

  /**
   * Starts a task that holds the subject until its work ends (refused while another task holds it, on this
   * server or any other on the database).
   */
  async start<T>(
    subject: string,
    options: { spec: TaskSpec; what?: string; busy: (holder: OperationHolder) => string },
    work: (context: TaskContext) => Promise<T>,
  ): Promise<Task> {
    return this.holding(subject, options, (token) =>
      this.tasks.start(options.spec, async (context) => {
        try {
          return await work(context);
        } finally {
          await this.store.release(subject, token).catch(() => undefined);
        }
      }),
    );
  }

  /**
   * Queues a task (TaskRunner.enqueue) that holds the subject until its work ends, on whichever server runs it;
   * refused while another task holds it. A task taken over after its server stopped keeps the hold.
   */
  async enqueue(
    subject: string,
    options: { spec: TaskSpec; what?: string; busy: (holder: OperationHolder) => string },
    input: unknown,
  ): Promise<Task> {
    return this.holding(subject, options, (token) =>
      this.tasks.enqueue(options.spec, input, { subject, token }),
    );
  }

  private async holding(
    subject: string,
    options: { what?: string; busy: (holder: OperationHolder) => string },
    begin: (token: string) => Promise<Task>,
  ): Promise<Task> {
    // Held before the task's row is written, so a second request meanwhile is refused too.
    const token = crypto.randomUUID();
    const starting = { token, taskId: null, what: options.what ?? 'a task that is starting' };
    if (!(await this.store.take(subject, starting))) {
      const holder = await this.holder(subject);
      throw new AppError('CONFLICT', options.busy(holder ?? { taskId: 0, what: starting.what }));
    }
    let task: Task;
    try {
      task = await begin(token);
    } catch (error) {
      await this.store.release(subject, token).catch(() => undefined);
      throw error;
    }
    await this.store.setTask(subject, token, task.id, options.what ?? `task ${task.id}`);
    return task;
  }

  /** Holds the subject past the end of a task's work (a pull waiting for its conflicts to be resolved). */
  async hold(subject: string, holder: OperationHolder): Promise<void> {
    await this.store.put(subject, { token: crypto.randomUUID(), taskId: holder.taskId, what: holder.what });
  }

  /** Lets the subject go and answers who held it. */
  async release(subject: string): Promise<OperationHolder | undefined> {
    const row = await this.store.release(subject);
    return row ? holderOf(row) : undefined;
  }
}

function holderOf(row: OperationLockRow): OperationHolder {
  return { taskId: row.taskId ?? 0, what: row.what };
}
