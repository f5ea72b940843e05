// The one place that says "one at a time" for long operations: a subject (an environment's sync-all, a
// dashboard's deploy into an environment, a dashboard's merge waiting for a person) is held by at most one task,
// and a second request is refused naming the task that holds it. Writes to one repository are serialized
// further down, by the git engine's queue per repository.
import type { Task } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';
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
};

export class OperationLocks {
  private readonly held = new Map<string, OperationHolder>();

  constructor(private readonly tasks: TaskRunner) {}

  holder(subject: string): OperationHolder | undefined {
    return this.held.get(subject);
  }

  /** Refuses (409) while the subject is held; `busy` says so in the caller's words. */
  assertFree(subject: string, busy: (holder: OperationHolder) => string): void {
    const holder = this.held.get(subject);
    if (holder) throw new AppError('CONFLICT', busy(holder));
  }

  /** Starts a task that holds the subject until its work ends (refused while another task holds it). */
  async start<T>(
    subject: string,
    options: { spec: TaskSpec; what?: string; busy: (holder: OperationHolder) => string },
    work: (context: TaskContext) => Promise<T>,
  ): Promise<Task> {
    this.assertFree(subject, options.busy);
    // Held before the task's row is written, so a second request meanwhile is refused too.
    const starting: OperationHolder = { taskId: 0, what: options.what ?? 'a task that is starting' };
    this.held.set(subject, starting);
    let task: Task;
    try {
      task = await this.tasks.start(options.spec, async (context) => {
        try {
          return await work(context);
        } finally {
          this.release(subject, context.taskId);
        }
      });
    } catch (error) {
      if (this.held.get(subject) === starting) this.held.delete(subject);
      throw error;
    }
    if (this.held.get(subject) === starting)
      this.held.set(subject, { taskId: task.id, what: options.what ?? `task ${task.id}` });
    return task;
  }

  /** Holds the subject past the end of a task's work (a pull waiting for its conflicts to be resolved). */
  hold(subject: string, holder: OperationHolder): void {
    this.held.set(subject, holder);
  }

  /** Lets the subject go and answers who held it; only that task's hold when `taskId` is given. */
  release(subject: string, taskId?: number): OperationHolder | undefined {
    const holder = this.held.get(subject);
    if (!holder || (taskId !== undefined && holder.taskId !== taskId)) return undefined;
    this.held.delete(subject);
    return holder;
  }
}
