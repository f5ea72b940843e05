// Which server runs each task, and what becomes of a task whose server stopped: every server says every few
// seconds that it still runs its tasks; one silent for six beats (or this server's own, at its start) has its tasks
// put back in the shared queue for the next free server when they are queued and have attempts left, and failed
// with the reason otherwise. A task only the servers sharing one repositories folder may run is put back by one of
// them; another server fails it only once none has for three times as long. A queued task cut off by the database
// going away is put back once it answers.
import type { TaskLogLevel } from '@superset-git/contracts';
import type { JobRef, TaskQueue } from './task-queue.ts';
import type { AbandonedTask, TasksStore } from './tasks.store.ts';

/** The error of a task cut off by a stop of the server. */
export const INTERRUPTED_ERROR =
  'Interrupted: the server stopped while this task was running. Start it again.';

/** Who runs tasks here, and how often it says it still does. */
export interface TaskOwnership {
  /** This server's name among the servers on one database (SUPERSET_GIT_SERVER_ID). */
  owner: string;
  /** How often the server says it still runs its tasks; one silent for 6 of these is taken for stopped. */
  heartbeatMs: number;
}

const SILENT_HEARTBEATS = 6;
/** How long a task of another repositories folder is left for the servers sharing that folder to put back. */
const OTHER_FOLDER_HEARTBEATS = 3 * SILENT_HEARTBEATS;
/** How many waiting tasks a beat looks at for a job lost between the queue and its server. */
const LOST_JOBS_PER_BEAT = 20;
/** How often a queued task cut off by the database going away checks whether it is back (for 10 min). */
const DATABASE_BACK_MS = 2_000;
const DATABASE_BACK_ATTEMPTS = 300;

type Note = (taskId: number, level: TaskLogLevel, message: string) => Promise<void>;

export class TaskOwners {
  private timer: NodeJS.Timeout | null = null;
  private readonly interruptedListeners: Array<(ids: number[]) => Promise<void>> = [];

  constructor(
    private readonly store: TasksStore,
    private readonly queue: TaskQueue,
    private readonly ownership: TaskOwnership,
    /** Writes a line in a task's log (and to its followers). */
    private readonly note: Note,
  ) {}

  watch(): void {
    if (this.timer) return;
    let busy = false;
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.store
        .heartbeat(this.ownership.owner, new Date().toISOString())
        .then(() => this.settleAbandoned(false))
        .catch(() => undefined) // the database is away: the next beat tries again
        .finally(() => (busy = false));
    }, this.ownership.heartbeatMs);
    this.timer.unref();
  }

  stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onInterrupted(listener: (ids: number[]) => Promise<void>): void {
    this.interruptedListeners.push(listener);
  }

  /**
   * Puts back or fails the unfinished tasks nobody runs any more (with `mine`, this server's own, at its start);
   * answers how many were failed.
   */
  async settleAbandoned(mine: boolean): Promise<number> {
    const silentBefore = new Date(Date.now() - SILENT_HEARTBEATS * this.ownership.heartbeatMs).toISOString();
    const rows = await this.store.abandoned(this.ownership.owner, { mine, silentBefore });
    const failed: number[] = [];
    for (const row of rows) {
      if (this.leftToOthers(row, mine)) continue;
      if (row.job && this.queue.takes(row.job.queue)) {
        const next = await this.putBack(row.id, row.job, { owner: row.owner });
        if (next === 'gone') continue;
        if (next.again) {
          await this.note(
            row.id,
            'warn',
            `Server ${row.owner ?? '(unknown)'} stopped while running this task; the next free server runs it again (attempt ${next.attempt} of ${next.attempts}).`,
          );
          continue;
        }
      }
      // Only the server that ends it says so: two servers finding one silent task write one line.
      if (!(await this.store.failUnfinished(row.id, INTERRUPTED_ERROR, new Date().toISOString()))) continue;
      await this.note(row.id, 'error', 'The server stopped while this task was running.');
      failed.push(row.id);
    }
    if (failed.length > 0) for (const listener of this.interruptedListeners) await listener(failed);
    await this.putBackLostJobs(silentBefore);
    return failed.length;
  }

  /**
   * Jobs a server took from the queue and stopped before it started their task (a kill in between): the queue
   * would hand them out again only when they expire (23 h). One of this server's queues, taken before
   * `silentBefore` and still not started, is put back now.
   */
  private async putBackLostJobs(silentBefore: string): Promise<void> {
    if (!this.queue.shared) return;
    for (const row of await this.store.waitingSince(silentBefore, LOST_JOBS_PER_BEAT)) {
      if (!row.job || !this.queue.takes(row.job.queue)) continue;
      const taken = await this.queue.takenSince(row.job);
      if (!taken || taken.toISOString() >= silentBefore) continue;
      if (!(await this.store.touchWaiting(row.id, row.heartbeatAt, new Date().toISOString()))) continue;
      const next = await this.queue.retry(row.job);
      await this.note(
        row.id,
        'warn',
        next.again
          ? `The server that took this task from the queue stopped before starting it; the next free server runs it (attempt ${next.attempt} of ${next.attempts}).`
          : 'The server that took this task from the queue stopped before starting it, and its attempts are spent.',
      );
      if (
        !next.again &&
        (await this.store.failUnfinished(row.id, INTERRUPTED_ERROR, new Date().toISOString()))
      )
        for (const listener of this.interruptedListeners) await listener([row.id]);
    }
  }

  /**
   * Whether to leave `row` alone for now: it waits in the queue of another repositories folder, whose servers put
   * it back, and this server fails it only once none did for `OTHER_FOLDER_HEARTBEATS` (every one of them gone).
   */
  private leftToOthers(row: AbandonedTask, mine: boolean): boolean {
    if (!row.job || !this.queue.shared || this.queue.takes(row.job.queue)) return false;
    if (mine && row.owner === this.ownership.owner) return false;
    const gone = Date.now() - OTHER_FOLDER_HEARTBEATS * this.ownership.heartbeatMs;
    return row.heartbeatAt !== null && Date.parse(row.heartbeatAt) > gone;
  }

  /**
   * A queued task cut off by the database going away: once it answers again, the task goes back to the queue
   * (`queued-again`) and says why; `gone` when another server took it over meanwhile; `failed` when its attempts
   * are spent or the database stays away for 10 min (the caller records the failure).
   */
  async rerunWhenDatabaseBack(
    taskId: number,
    job: JobRef,
    message: string,
  ): Promise<'queued-again' | 'gone' | 'failed'> {
    let requeued = false;
    for (let attempt = 0; attempt < DATABASE_BACK_ATTEMPTS; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, DATABASE_BACK_MS));
      try {
        const next = await this.putBack(taskId, job, requeued ? null : { owner: this.ownership.owner });
        if (next === 'gone') return 'gone';
        requeued = true;
        if (!next.again) return 'failed';
        await this.note(
          taskId,
          'warn',
          `${message}. The database is back: the task runs again from the start (attempt ${next.attempt} of ${next.attempts}).`,
        );
        return 'queued-again';
      } catch {
        // still away: try again in a moment
      }
    }
    return 'failed';
  }

  /**
   * Sets a RUNNING task of `from.owner` back to PENDING and its job back in the queue. Only the server that wins
   * the task's conditional update puts the job back (one stop, one attempt): `gone` when it lost. `from` null:
   * the task was set back already, by an earlier try that failed after it.
   */
  private async putBack(
    taskId: number,
    job: JobRef,
    from: { owner: string | null } | null,
  ): Promise<'gone' | { again: boolean; attempt: number; attempts: number }> {
    if (from && !(await this.store.requeue(taskId, from.owner, new Date().toISOString()))) return 'gone';
    return this.queue.retry(job);
  }
}
