// Runs long work as tasks: state changes and log lines are stored and published live to subscribers.
import { EventEmitter } from 'node:events';
import type { Task, TaskEvent, TaskLogLevel } from '@superset-git/contracts';
import type { Redactor } from '../secrets/redactor.ts';
import type { TasksRepository } from './tasks.repository.ts';

export interface TaskContext {
  taskId: number;
  log(message: string, level?: TaskLogLevel): void;
  /** 0..1 */
  progress(fraction: number): void;
  /** Ends the task in AWAITING_INPUT instead of SUCCESS: a person must decide (e.g. resolve conflicts). */
  awaitInput(reason: string): void;
}

export interface TaskSpec {
  kind: string;
  title: string;
  createdBy: number | null;
}

export class TaskRunner {
  private readonly events = new EventEmitter();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly repository: TasksRepository,
    private readonly redactor: Redactor,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Marks tasks cut off by the previous stop as FAILED, so none silently disappears. */
  recoverInterrupted(): number {
    const ids = this.repository.unfinished();
    for (const id of ids) {
      const seq = this.repository.lastSeq(id) + 1;
      this.repository.appendLog(id, seq, 'error', 'The server stopped while this task was running.');
      this.repository.update(id, {
        state: 'FAILED',
        error: 'Interrupted: the server stopped while this task was running. Start it again.',
        finishedAt: new Date().toISOString(),
      });
    }
    return ids.length;
  }

  /** Creates the task (PENDING) and starts the work on the next tick; the answer does not wait for it. */
  start<T>(spec: TaskSpec, work: (context: TaskContext) => Promise<T>): Task {
    const task = this.repository.create(spec);
    let seq = 0;
    let awaiting: string | null = null;
    const context: TaskContext = {
      taskId: task.id,
      log: (message, level = 'info') => {
        seq += 1;
        const line = this.repository.appendLog(task.id, seq, level, this.redactor.redact(message));
        this.publish(task.id, { type: 'log', line });
      },
      awaitInput: (reason) => {
        awaiting = reason;
      },
      progress: (fraction) => {
        const clamped = Math.max(0, Math.min(1, fraction));
        this.publish(task.id, {
          type: 'state',
          task: this.repository.update(task.id, { progress: clamped }),
        });
      },
    };
    const execution = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      this.transition(task.id, { state: 'RUNNING', startedAt: new Date().toISOString() });
      try {
        const result = await work(context);
        if (awaiting !== null) {
          context.log(awaiting, 'warn');
          this.transition(task.id, { state: 'AWAITING_INPUT', result: result ?? null });
          return;
        }
        this.transition(task.id, {
          state: 'SUCCESS',
          progress: 1,
          result: result ?? null,
          finishedAt: new Date().toISOString(),
        });
      } catch (error) {
        const message = this.redactor.redact(error instanceof Error ? error.message : String(error));
        context.log(message, 'error');
        this.transition(task.id, { state: 'FAILED', error: message, finishedAt: new Date().toISOString() });
      }
    })();
    this.running.add(execution);
    void execution.finally(() => this.running.delete(execution));
    return task;
  }

  /** Finishes a task that waited for a person, once they decided. */
  settle(taskId: number, state: 'SUCCESS' | 'FAILED', message: string): void {
    const line = this.repository.appendLog(
      taskId,
      this.repository.lastSeq(taskId) + 1,
      state === 'FAILED' ? 'warn' : 'info',
      this.redactor.redact(message),
    );
    this.publish(taskId, { type: 'log', line });
    this.transition(taskId, {
      state,
      ...(state === 'FAILED' ? { error: message } : { progress: 1 }),
      finishedAt: new Date().toISOString(),
    });
  }

  subscribe(taskId: number, listener: (event: TaskEvent) => void): () => void {
    const channel = `task:${taskId}`;
    this.events.on(channel, listener);
    return () => this.events.off(channel, listener);
  }

  /** Waits for every task started by this runner (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private transition(id: number, values: Parameters<TasksRepository['update']>[1]): void {
    this.publish(id, { type: 'state', task: this.repository.update(id, values) });
  }

  private publish(taskId: number, event: TaskEvent): void {
    this.events.emit(`task:${taskId}`, event);
  }
}
