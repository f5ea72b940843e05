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

/** Who runs tasks here, and how often it says it still does. */
export interface TaskOwnership {
  /** This server's name among the servers on one database (SUPERSET_GIT_SERVER_ID). */
  owner: string;
  /** How often the server says it still runs its tasks; one silent for 6 of these is taken for stopped. */
  heartbeatMs: number;
}

const SILENT_HEARTBEATS = 6;

export class TaskRunner {
  private readonly events = new EventEmitter();
  /** The work of each task this process runs, by task id; the others' events come from the database. */
  private readonly running = new Map<number, Promise<unknown>>();
  private watch: NodeJS.Timeout | null = null;
  private readonly interruptedListeners: Array<(ids: number[]) => Promise<void>> = [];

  constructor(
    private readonly store: TasksStore,
    private readonly redactor: Redactor,
    private readonly ownership: TaskOwnership,
  ) {
    this.events.setMaxListeners(0);
  }

  /**
   * Marks tasks cut off by the previous stop of this server as FAILED, so none silently disappears, and those of
   * another server on the same database that fell silent.
   */
  async recoverInterrupted(): Promise<number> {
    return this.failAbandoned(true);
  }

  /** Says every few seconds that this server still runs its tasks, and fails those of servers that stopped. */
  watchOwners(): void {
    if (this.watch) return;
    let busy = false;
    this.watch = setInterval(() => {
      if (busy) return;
      busy = true;
      this.store
        .heartbeat(this.ownership.owner, new Date().toISOString())
        .then(() => this.failAbandoned(false))
        .catch(() => undefined) // the database is away: the next beat tries again
        .finally(() => (busy = false));
    }, this.ownership.heartbeatMs);
    this.watch.unref();
  }

  /** Whether this process runs the task (its events are published here), rather than another server. */
  runsHere(taskId: number): boolean {
    return this.running.has(taskId);
  }

  stopWatching(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  /** Called with the ids of tasks failed because their server stopped (e.g. to fail their deployments). */
  onInterrupted(listener: (ids: number[]) => Promise<void>): void {
    this.interruptedListeners.push(listener);
  }

  private async failAbandoned(mine: boolean): Promise<number> {
    const silentBefore = new Date(Date.now() - SILENT_HEARTBEATS * this.ownership.heartbeatMs).toISOString();
    const ids = await this.store.abandoned(this.ownership.owner, { mine, silentBefore });
    const failed: number[] = [];
    for (const id of ids) {
      // Only the server that ends it says so: two servers finding one silent task write one line.
      if (!(await this.store.failUnfinished(id, INTERRUPTED_ERROR, new Date().toISOString()))) continue;
      const line = await this.store.appendLog(
        id,
        (await this.store.lastSeq(id)) + 1,
        'error',
        'The server stopped while this task was running.',
      );
      this.publish(id, { type: 'log', line });
      failed.push(id);
    }
    if (failed.length > 0) for (const listener of this.interruptedListeners) await listener(failed);
    return failed.length;
  }

  /**
   * Creates the task (PENDING) and starts the work on the next tick; the answer does not wait for it.
   * Log lines, progress and checkpoints reach followers at once and are stored in order behind the work, which
   * never waits for them; the task's end is stored after all of them.
   */
  async start<T>(spec: TaskSpec, work: (context: TaskContext) => Promise<T>): Promise<Task> {
    const task = await this.store.create({ ...spec, owner: this.ownership.owner });
    let current = task;
    let seq = 0;
    let awaiting: string | null = null;
    let writes: Promise<unknown> = Promise.resolve();
    const store = (write: () => Promise<unknown>) => {
      // A database that cannot store a line or a progress (a full disk) must not fail the work.
      writes = writes.then(write).catch(() => undefined);
    };
    const context: TaskContext = {
      taskId: task.id,
      log: (message, level = 'info') => {
        seq += 1;
        const line: TaskLogLine = {
          seq,
          at: new Date().toISOString(),
          level,
          message: this.redactor.redact(message),
        };
        store(() => this.store.appendLog(task.id, line.seq, line.level, line.message, line.at));
        this.publish(task.id, { type: 'log', line });
      },
      awaitInput: (reason) => {
        awaiting = reason;
      },
      checkpoint: (result) => {
        store(() => this.store.update(task.id, { result }));
      },
      progress: (fraction) => {
        const progress = Math.max(0, Math.min(1, fraction));
        current = { ...current, progress };
        store(() => this.store.update(task.id, { progress }));
        this.publish(task.id, { type: 'state', task: current });
      },
    };
    const transition = async (values: Parameters<TasksStore['update']>[1]) => {
      await writes;
      current = await this.store.update(task.id, values);
      this.publish(task.id, { type: 'state', task: current });
    };
    const execution = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      try {
        await transition({ state: 'RUNNING', startedAt: new Date().toISOString() });
        const result = await work(context);
        if (awaiting !== null) {
          context.log(awaiting, 'warn');
          await transition({ state: 'AWAITING_INPUT', result: result ?? null });
          return;
        }
        await transition({
          state: 'SUCCESS',
          progress: 1,
          result: result ?? null,
          finishedAt: new Date().toISOString(),
        });
      } catch (error) {
        const message = isDiskFull(error)
          ? DISK_FULL_MESSAGE
          : this.redactor.redact(error instanceof Error ? error.message : String(error));
        await writes;
        await this.finishFailed(task.id, message, seq + 1);
      }
    })();
    this.running.set(task.id, execution);
    void execution.finally(() => this.running.delete(task.id));
    return task;
  }

  /**
   * Records a failure. When even that cannot be stored (the disk is full), it is tried again every few seconds
   * rather than taking the process down, so the task does not stay RUNNING once space is back.
   */
  private async finishFailed(
    taskId: number,
    message: string,
    seq: number,
    attempt = 1,
    logged = false,
  ): Promise<void> {
    if (!logged) {
      try {
        const line = await this.store.appendLog(taskId, seq, 'error', message);
        this.publish(taskId, { type: 'log', line });
        logged = true;
      } catch {
        /* the line is the least of it; the state below is what matters */
      }
    }
    try {
      await this.transition(taskId, {
        state: 'FAILED',
        error: message,
        finishedAt: new Date().toISOString(),
      });
    } catch {
      if (attempt < FINISH_ATTEMPTS)
        setTimeout(
          () => void this.finishFailed(taskId, message, logged ? seq : seq + 1, attempt + 1, logged),
          FINISH_RETRY_MS,
        ).unref();
    }
  }

  /** Finishes a task that waited for a person, once they decided. */
  async settle(taskId: number, state: 'SUCCESS' | 'FAILED', message: string): Promise<void> {
    const line = await this.store.appendLog(
      taskId,
      (await this.store.lastSeq(taskId)) + 1,
      state === 'FAILED' ? 'warn' : 'info',
      this.redactor.redact(message),
    );
    this.publish(taskId, { type: 'log', line });
    await this.transition(taskId, {
      state,
      ...(state === 'FAILED' ? { error: message } : { progress: 1 }),
      finishedAt: new Date().toISOString(),
    });
  }

  async recent(limit: number): Promise<Task[]> {
    return await this.store.recent(limit);
  }

  /** The newest tasks of one kind, newest first. */
  async recentOfKind(kind: string, limit: number): Promise<Task[]> {
    return await this.store.recentOfKind(kind, limit);
  }

  /** A task; 404 when there is none. */
  async get(id: number): Promise<Task> {
    const task = await this.store.get(id);
    if (!task) throw notFound(`Task ${id}`);
    return task;
  }

  async detail(id: number): Promise<TaskDetail> {
    return { ...(await this.get(id)), log: await this.store.log(id) };
  }

  /** Log lines after `afterSeq`. */
  async log(id: number, afterSeq = 0): Promise<TaskLogLine[]> {
    return await this.store.log(id, afterSeq);
  }

  subscribe(taskId: number, listener: (event: TaskEvent) => void): () => void {
    const channel = `task:${taskId}`;
    this.events.on(channel, listener);
    return () => this.events.off(channel, listener);
  }

  /** Waits for every task started by this runner (used on shutdown and in tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async transition(id: number, values: Parameters<TasksStore['update']>[1]): Promise<void> {
    this.publish(id, { type: 'state', task: await this.store.update(id, values) });
  }

  private publish(taskId: number, event: TaskEvent): void {
    this.events.emit(`task:${taskId}`, event);
  }
}
