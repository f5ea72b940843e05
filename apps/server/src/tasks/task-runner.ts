// Runs long work as tasks: state changes and log lines are stored and published live to subscribers.
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import type { Task, TaskDetail, TaskEvent, TaskLogLevel, TaskLogLine } from '@superset-git/contracts';
import { notFound } from '../http/app-error.ts';
import type { Redactor } from '../secrets/redactor.ts';
import {
  executeTask,
  type ExecutionDeps,
  type ExecutionOutcome,
  type TaskContext,
  type TaskExecution,
} from './task-execution.ts';
import type { JobOptions, JobPlace, JobRef, QueuedJob, TaskQueue } from './task-queue.ts';
import { TaskOwners, type TaskOwnership } from './task-owners.ts';
import type { TaskChanges, TasksStore } from './tasks.store.ts';

export type { TaskContext } from './task-execution.ts';

export interface TaskSpec {
  kind: string;
  title: string;
  createdBy: number | null;
}

/** The work of a queued task, as every server knows it by the task's kind. */
interface JobHandler {
  input: z.ZodType;
  work: (input: unknown, context: TaskContext) => Promise<unknown>;
  place: JobPlace;
  urgent: boolean;
}

export class TaskRunner {
  private readonly events = new EventEmitter();
  /** The work of each task this process runs, by task id; the others' events come from the database. */
  private readonly running = new Map<number, Promise<unknown>>();
  private readonly owners: TaskOwners;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly jobEndListeners: Array<(job: QueuedJob) => Promise<void>> = [];
  /** Queued jobs this process is taking on (from the queue handing it over to the end of its work). */
  private readonly jobsHere = new Set<Promise<void>>();
  /** Tasks queued here that have not been seen to end yet, wherever they run (for `idle`). */
  private readonly enqueued = new Set<number>();
  private readonly execution: ExecutionDeps;

  constructor(
    private readonly store: TasksStore,
    private readonly redactor: Redactor,
    private readonly ownership: TaskOwnership,
    private readonly queue: TaskQueue,
  ) {
    this.events.setMaxListeners(0);
    this.owners = new TaskOwners(store, queue, ownership, (taskId, level, message) =>
      this.note(taskId, level, message),
    );
    this.execution = {
      store,
      redactor,
      owner: ownership.owner,
      publish: (taskId, event) => this.publish(taskId, event),
      note: (taskId, level, message) => this.note(taskId, level, message),
      rerunWhenDatabaseBack: (taskId, job, message) =>
        this.owners.rerunWhenDatabaseBack(taskId, job, message),
    };
  }

  /**
   * Says how to run queued tasks of `kind`: from their stored input alone, on whichever server takes them, and
   * again from the start when a server running one stopped (so the work must be safe to repeat). `place` says
   * where it may run: work that reads or writes a dashboard's work tree runs only on the servers sharing the
   * repositories folder of the server it was asked of (`same-folder`, the default).
   */
  define<I>(
    kind: string,
    input: z.ZodType<I>,
    work: (input: I, context: TaskContext) => Promise<unknown>,
    { place = 'same-folder', urgent = false }: JobOptions = {},
  ): void {
    this.handlers.set(kind, { input, work: (value, context) => work(value as I, context), place, urgent });
  }

  /** Called when a queued task's work ended on this server (e.g. to let go of what it held). */
  onJobEnd(listener: (job: QueuedJob) => Promise<void>): void {
    this.jobEndListeners.push(listener);
  }

  /** Starts taking queued tasks, once every kind is defined. */
  async startQueue(): Promise<void> {
    await this.queue.work((job, ref) => {
      const taking = this.runJob(job, ref).finally(() => {
        this.jobsHere.delete(taking);
        this.enqueued.delete(job.taskId);
      });
      this.jobsHere.add(taking);
      return taking;
    });
  }

  /** Stops taking queued tasks, waits for the work running here, and lets go of the queue. */
  async shutdown(): Promise<void> {
    this.stopWatching();
    await this.queue.stop();
    await this.idleHere();
    await this.queue.close();
  }

  /**
   * Creates the task (PENDING) and queues its work: on PostgreSQL any server may run it, and another takes it
   * over when that server stops; `hold` is let go when the work ends, wherever it ran.
   */
  async enqueue(spec: TaskSpec, input: unknown, hold?: QueuedJob['hold']): Promise<Task> {
    const handler = this.handlers.get(spec.kind);
    if (!handler) throw new Error(`No work is defined for tasks of kind ${spec.kind}.`);
    const queue = this.queue.queueOf(handler.place);
    const job = this.queue.shared ? { id: crypto.randomUUID(), queue } : null;
    const task = await this.store.create({ ...spec, owner: this.ownership.owner, job });
    await this.queue.send(
      job ?? { queue, id: String(task.id) },
      { taskId: task.id, kind: spec.kind, input, ...(hold ? { hold } : {}) },
      handler.urgent,
    );
    this.enqueued.add(task.id);
    return task;
  }

  private async runJob(job: QueuedJob, ref: JobRef): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const [firstSeq, before] = await Promise.all([
      this.store.lastSeq(job.taskId),
      this.store.get(job.taskId),
    ]);
    // Started before (by a server that stopped): this run takes it over. A job lost on its way never started.
    const taken = Boolean(before?.startedAt);
    const ran = await this.execute({
      taskId: job.taskId,
      firstSeq,
      work: async (context) => {
        if (taken)
          context.log(`Taken over by server ${this.ownership.owner}; running it again from the start.`);
        if (!handler)
          throw new Error(`This server does not know tasks of kind ${job.kind}; is it an older version?`);
        const input = handler.input.safeParse(job.input);
        if (!input.success) throw new Error(`The queued task's input is not valid: ${input.error.message}`);
        return handler.work(input.data, context);
      },
      // Only a task still waiting is taken: one that ended or that another server runs is left alone.
      begin: () => this.store.claim(job.taskId, this.ownership.owner, new Date().toISOString()),
      job: this.queue.shared ? ref : null,
    });
    if (ran === 'ended')
      for (const listener of this.jobEndListeners) await listener(job).catch(() => undefined);
  }

  /**
   * Deals with tasks cut off by the previous stop of this server, so none silently disappears, and with those of
   * another server on the same database that fell silent (TaskOwners.settleAbandoned).
   */
  async recoverInterrupted(): Promise<number> {
    return this.owners.settleAbandoned(true);
  }

  /** Says every few seconds that this server still runs its tasks, and settles those of servers that stopped. */
  watchOwners(): void {
    this.owners.watch();
  }

  stopWatching(): void {
    this.owners.stopWatching();
  }

  /** Called with the ids of tasks failed because their server stopped (e.g. to fail their deployments). */
  onInterrupted(listener: (ids: number[]) => Promise<void>): void {
    this.owners.onInterrupted(listener);
  }

  /** Appends a line to a task's log from outside its work (whoever runs it). */
  private async note(taskId: number, level: TaskLogLevel, message: string): Promise<void> {
    const line = await this.store.appendLog(taskId, (await this.store.lastSeq(taskId)) + 1, level, message);
    this.publish(taskId, { type: 'log', line });
  }

  /** This server's name among those on the database (SUPERSET_GIT_SERVER_ID). */
  get serverId(): string {
    return this.ownership.owner;
  }

  /** Whether this process runs the task (its events are published here), rather than another server. */
  runsHere(taskId: number): boolean {
    return this.running.has(taskId);
  }

  /**
   * Creates the task (PENDING) and starts the work on the next tick; the answer does not wait for it.
   * Log lines, progress and checkpoints reach followers at once and are stored in order behind the work, which
   * never waits for them; the task's end is stored after all of them.
   */
  async start<T>(spec: TaskSpec, work: (context: TaskContext) => Promise<T>): Promise<Task> {
    const task = await this.store.create({ ...spec, owner: this.ownership.owner, job: null });
    void this.execute({
      taskId: task.id,
      firstSeq: 0,
      work,
      begin: () => this.store.update(task.id, { state: 'RUNNING', startedAt: new Date().toISOString() }),
      job: null,
    });
    return task;
  }

  /** Runs a task's work here (see executeTask), known as running here until it ends. */
  private async execute<T>(run: TaskExecution<T>): Promise<ExecutionOutcome> {
    const execution = executeTask(this.execution, run);
    const { taskId } = run;
    this.running.set(taskId, execution);
    return await execution.finally(() => this.running.delete(taskId));
  }

  /** Finishes a task that waited for a person, once they decided. */
  async settle(taskId: number, state: 'SUCCESS' | 'FAILED', message: string): Promise<void> {
    await this.note(taskId, state === 'FAILED' ? 'warn' : 'info', this.redactor.redact(message));
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

  /** Waits for every task started or queued by this runner to end, wherever it runs (for tests). */
  async idle(): Promise<void> {
    for (;;) {
      await this.idleHere();
      for (const id of this.enqueued) {
        const task = await this.store.get(id);
        if (!task || (task.state !== 'PENDING' && task.state !== 'RUNNING')) this.enqueued.delete(id);
      }
      if (this.enqueued.size === 0 && this.running.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits for the work running in this process. */
  private async idleHere(): Promise<void> {
    while (this.running.size > 0 || this.jobsHere.size > 0)
      await Promise.allSettled([...this.running.values(), ...this.jobsHere]);
  }

  private async transition(id: number, values: TaskChanges): Promise<void> {
    this.publish(id, { type: 'state', task: await this.store.update(id, values) });
  }

  private publish(taskId: number, event: TaskEvent): void {
    this.events.emit(`task:${taskId}`, event);
  }
}
