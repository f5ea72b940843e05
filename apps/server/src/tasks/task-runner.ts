// Runs long work as tasks: state changes and log lines are stored and published live to subscribers.
import { EventEmitter } from 'node:events';
import type { Task, TaskDetail, TaskEvent, TaskLogLevel, TaskLogLine } from '@superset-git/contracts';
import { notFound } from '../http/app-error.ts';
import { DISK_FULL_MESSAGE, isDiskFull } from '../disk-full.ts';
import type { Redactor } from '../secrets/redactor.ts';
import type { TasksStore } from './tasks.store.ts';

export interface TaskContext {
  taskId: number;
  log(message: string, level?: TaskLogLevel): void;
  /** 0..1 */
  progress(fraction: number): void;
  /** Ends the task in AWAITING_INPUT instead of SUCCESS: a person must decide (e.g. resolve conflicts). */
  awaitInput(reason: string): void;
  /** Stores a partial result while the work runs: what a task cut off by a crash leaves for the next run. */
  checkpoint(result: unknown): void;
}

/** The error of a task cut off by a stop of the server. */
export const INTERRUPTED_ERROR =
  'Interrupted: the server stopped while this task was running. Start it again.';

/** How often, and how long, a failure that could not be stored is tried again (10 min). */
const FINISH_RETRY_MS = 5_000;
const FINISH_ATTEMPTS = 120;

export interface TaskSpec {
  kind: string;
  title: string;
  createdBy: number | null;
}

export class TaskRunner {
  private readonly events = new EventEmitter();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly store: TasksStore,
    private readonly redactor: Redactor,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Marks tasks cut off by the previous stop as FAILED, so none silently disappears. */
  recoverInterrupted(): number {
    const ids = this.store.unfinished();
    for (const id of ids) {
      const seq = this.store.lastSeq(id) + 1;
      this.store.appendLog(id, seq, 'error', 'The server stopped while this task was running.');
      this.store.update(id, {
        state: 'FAILED',
        error: INTERRUPTED_ERROR,
        finishedAt: new Date().toISOString(),
      });
    }
    return ids.length;
  }

  /** Creates the task (PENDING) and starts the work on the next tick; the answer does not wait for it. */
  start<T>(spec: TaskSpec, work: (context: TaskContext) => Promise<T>): Task {
    const task = this.store.create(spec);
    let seq = 0;
    let awaiting: string | null = null;
    const context: TaskContext = {
      taskId: task.id,
      log: (message, level = 'info') => {
        seq += 1;
        const text = this.redactor.redact(message);
        let line: TaskLogLine;
        try {
          line = this.store.appendLog(task.id, seq, level, text);
        } catch {
          // A database that cannot store the line (a full disk) must not fail the work: followers still see it.
          line = { seq, at: new Date().toISOString(), level, message: text };
        }
        this.publish(task.id, { type: 'log', line });
      },
      awaitInput: (reason) => {
        awaiting = reason;
      },
      checkpoint: (result) => {
        this.store.update(task.id, { result });
      },
      progress: (fraction) => {
        const clamped = Math.max(0, Math.min(1, fraction));
        this.publish(task.id, {
          type: 'state',
          task: this.store.update(task.id, { progress: clamped }),
        });
      },
    };
    const execution = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      try {
        this.transition(task.id, { state: 'RUNNING', startedAt: new Date().toISOString() });
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
        const message = isDiskFull(error)
          ? DISK_FULL_MESSAGE
          : this.redactor.redact(error instanceof Error ? error.message : String(error));
        this.finishFailed(task.id, message, seq + 1);
      }
    })();
    this.running.add(execution);
    void execution.finally(() => this.running.delete(execution));
    return task;
  }

  /**
   * Records a failure. When even that cannot be stored (the disk is full), it is tried again every few seconds
   * rather than taking the process down, so the task does not stay RUNNING once space is back.
   */
  private finishFailed(taskId: number, message: string, seq: number, attempt = 1, logged = false): void {
    if (!logged) {
      try {
        const line = this.store.appendLog(taskId, seq, 'error', message);
        this.publish(taskId, { type: 'log', line });
        logged = true;
      } catch {
        /* the line is the least of it; the state below is what matters */
      }
    }
    try {
      this.transition(taskId, { state: 'FAILED', error: message, finishedAt: new Date().toISOString() });
    } catch {
      if (attempt < FINISH_ATTEMPTS)
        setTimeout(
          () => this.finishFailed(taskId, message, logged ? seq : seq + 1, attempt + 1, logged),
          FINISH_RETRY_MS,
        ).unref();
    }
  }

  /** Finishes a task that waited for a person, once they decided. */
  settle(taskId: number, state: 'SUCCESS' | 'FAILED', message: string): void {
    const line = this.store.appendLog(
      taskId,
      this.store.lastSeq(taskId) + 1,
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

  recent(limit: number): Task[] {
    return this.store.recent(limit);
  }

  /** The newest tasks of one kind, newest first. */
  recentOfKind(kind: string, limit: number): Task[] {
    return this.store.recentOfKind(kind, limit);
  }

  /** A task; 404 when there is none. */
  get(id: number): Task {
    const task = this.store.get(id);
    if (!task) throw notFound(`Task ${id}`);
    return task;
  }

  detail(id: number): TaskDetail {
    return { ...this.get(id), log: this.store.log(id) };
  }

  /** Log lines after `afterSeq`. */
  log(id: number, afterSeq = 0): TaskLogLine[] {
    return this.store.log(id, afterSeq);
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

  private transition(id: number, values: Parameters<TasksStore['update']>[1]): void {
    this.publish(id, { type: 'state', task: this.store.update(id, values) });
  }

  private publish(taskId: number, event: TaskEvent): void {
    this.events.emit(`task:${taskId}`, event);
  }
}
