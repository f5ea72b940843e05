// One run of a task's work: its log lines, progress and checkpoints stored in order behind the work (which never
// waits for them) and published live; its end stored after all of them, and only while the task is still this
// run's (another server may have taken it over); a database that goes away queues it again when it is back.
import type { Task, TaskEvent, TaskLogLevel, TaskLogLine } from '@superset-git/contracts';
import { unavailableReason } from '../db/database-errors.ts';
import { DISK_FULL_MESSAGE, isDiskFull } from '../disk-full.ts';
import type { Redactor } from '../secrets/redactor.ts';
import type { JobRef } from './task-queue.ts';
import type { TaskOwners } from './task-owners.ts';
import type { TaskChanges, TaskRun, TasksStore } from './tasks.store.ts';

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

/** How often, and how long, a failure that could not be stored is tried again (10 min). */
const FINISH_RETRY_MS = 5_000;
const FINISH_ATTEMPTS = 120;

/** What a run needs of the runner. */
export interface ExecutionDeps {
  store: TasksStore;
  redactor: Redactor;
  /** This server's name. */
  owner: string;
  publish(taskId: number, event: TaskEvent): void;
  /** Appends a line to the task's log from outside the run's own sequence. */
  note(taskId: number, level: TaskLogLevel, message: string): Promise<void>;
  rerunWhenDatabaseBack: TaskOwners['rerunWhenDatabaseBack'];
}

export type ExecutionOutcome = 'ended' | 'not-taken' | 'queued-again';

/** One run to make of a task's work. */
export interface TaskExecution<T> {
  taskId: number;
  /** Log lines continue after this one. */
  firstSeq: number;
  work: (context: TaskContext) => Promise<T>;
  /** Marks the task RUNNING for this run; answers nothing when the task is not this run's to take. */
  begin: () => Promise<Task | undefined>;
  /** The queued job the run comes from, when it was queued on a shared queue. */
  job: JobRef | null;
}

/**
 * Runs a task's work on the next tick, once `begin` marked it RUNNING. Answers how it went: `ended`, `not-taken`
 * (a queued task that ended or that another server runs), or `queued-again` (cut off by the database going
 * away, a queued task, `job`, runs again once it is back).
 */
export async function executeTask<T>(
  deps: ExecutionDeps,
  { taskId, firstSeq, work, begin, job }: TaskExecution<T>,
): Promise<ExecutionOutcome> {
  let current: Task | undefined;
  let seq = firstSeq;
  let awaiting: string | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  const store = (write: () => Promise<unknown>) => {
    // A database that cannot store a line or a progress (a full disk) must not fail the work.
    writes = writes.then(write).catch(() => undefined);
  };
  const context: TaskContext = {
    taskId,
    log: (message, level = 'info') => {
      seq += 1;
      const line: TaskLogLine = {
        seq,
        at: new Date().toISOString(),
        level,
        message: deps.redactor.redact(message),
      };
      store(() => deps.store.appendLog(taskId, line.seq, line.level, line.message, line.at));
      deps.publish(taskId, { type: 'log', line });
    },
    awaitInput: (reason) => {
      awaiting = reason;
    },
    checkpoint: (result) => {
      store(() => ownWrite({ result }));
    },
    progress: (fraction) => {
      const progress = Math.max(0, Math.min(1, fraction));
      if (current) {
        current = { ...current, progress };
        deps.publish(taskId, { type: 'state', task: current });
      }
      store(() => ownWrite({ progress }));
    },
  };
  // This run's writes of the task's state, checkpoint and progress hold only while the task is still this run's:
  // once another server took it over (this one fell silent), they are dropped.
  let run: TaskRun | null = null;
  let fenced = false;
  const ownWrite = async (values: TaskChanges) => {
    const written = run ? await deps.store.updateRun(taskId, run, values) : undefined;
    if (run && !written) {
      run = null;
      fenced = true;
      await deps
        .note(
          taskId,
          'warn',
          `Server ${deps.owner} went on after falling silent, but the task is no longer its run: what that run does is not recorded.`,
        )
        .catch(() => undefined);
    }
    return written;
  };
  const transition = async (values: TaskChanges) => {
    await writes;
    const written = await ownWrite(values);
    if (!written) return;
    current = written;
    deps.publish(taskId, { type: 'state', task: current });
  };
  await new Promise((resolve) => setImmediate(resolve));
  try {
    current = await begin();
    if (!current) return 'not-taken';
    run = { owner: deps.owner, startedAt: current.startedAt };
    deps.publish(taskId, { type: 'state', task: current });
    const result = await work(context);
    if (awaiting !== null) {
      context.log(awaiting, 'warn');
      await transition({ state: 'AWAITING_INPUT', result: result ?? null });
      return 'ended';
    }
    await transition({
      state: 'SUCCESS',
      progress: 1,
      result: result ?? null,
      finishedAt: new Date().toISOString(),
    });
    return 'ended';
  } catch (error) {
    const unavailable = unavailableReason(error);
    const message = isDiskFull(error)
      ? DISK_FULL_MESSAGE
      : unavailable !== null
        ? `The database could not be reached: ${unavailable}`
        : deps.redactor.redact(error instanceof Error ? error.message : String(error));
    await writes;
    if (unavailable !== null && job !== null) {
      const rerun = await deps.rerunWhenDatabaseBack(taskId, job, message);
      if (rerun !== 'failed') return rerun === 'queued-again' ? 'queued-again' : 'not-taken';
    }
    if (!fenced) await finishFailed(deps, taskId, message, seq + 1, run);
    // A failure to begin (the database away) leaves a task this run never took.
    return current ? 'ended' : 'not-taken';
  }
}

/**
 * Records a failure. When even that cannot be stored (the disk is full), it is tried again every few seconds
 * rather than taking the process down, so the task does not stay RUNNING once space is back.
 */
export async function finishFailed(
  deps: ExecutionDeps,
  taskId: number,
  message: string,
  seq: number,
  run: TaskRun | null,
  attempt = 1,
  logged = false,
): Promise<void> {
  if (!logged) {
    try {
      const line = await deps.store.appendLog(taskId, seq, 'error', message);
      deps.publish(taskId, { type: 'log', line });
      logged = true;
    } catch {
      /* the line is the least of it; the state below is what matters */
    }
  }
  try {
    const failed = { state: 'FAILED' as const, error: message, finishedAt: new Date().toISOString() };
    // A run's failure holds only while the task is still that run's (see `updateRun`).
    const task = run
      ? await deps.store.updateRun(taskId, run, failed)
      : await deps.store.update(taskId, failed);
    if (task) deps.publish(taskId, { type: 'state', task });
  } catch {
    if (attempt < FINISH_ATTEMPTS)
      setTimeout(
        () => void finishFailed(deps, taskId, message, logged ? seq : seq + 1, run, attempt + 1, logged),
        FINISH_RETRY_MS,
      ).unref();
  }
}
