// The shared queues of several servers on one PostgreSQL database (pg-boss): one every server takes jobs from,
// and one per repositories folder that only the servers sharing that folder take from; each server runs a few
// jobs of each at a time. A job whose server stopped is put back (with a growing delay) for the next free server.
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { JobPlace, JobRef, QueuedJob, TaskQueue } from './task-queue.ts';

const ANY_SERVER_QUEUE = 'superset-git-tasks';
/** Any fixed number (not the migrations' one): the advisory lock held while queues are created. */
const QUEUES_LOCK = 0x5e7_620;
/** The queue of the servers sharing the repositories folder whose id (see repos-folder-id.ts) is `folderId`. */
export const folderQueue = (folderId: string) => `superset-git-tasks-folder-${folderId}`;
/** A task runs at most this many times: once, and twice more when servers running it stop. */
const ATTEMPTS = 3;
/** pg-boss fails a job still running after this long; ours end long before (it must stay under 24 h). */
const LONGEST_JOB_SECONDS = 23 * 3600;

export interface PgBossQueueOptions {
  /** How many queued tasks of each queue this server runs at once. */
  concurrency: number;
  /** The id of this server's repositories folder, the same for every server sharing it. */
  folderId: string;
  /** Where pg-boss reports a failure of its own (a lost connection): the server's log. */
  onError: (error: Error) => void;
}

export class PgBossTaskQueue implements TaskQueue {
  readonly shared = true;
  private readonly boss: PgBoss;
  private workers: string[] = [];
  private readonly queues: Record<JobPlace, string>;

  constructor(
    private readonly connectionString: string,
    private readonly options: PgBossQueueOptions,
  ) {
    this.boss = new PgBoss({
      connectionString,
      schema: 'pgboss',
      max: Math.max(2, options.concurrency),
      application_name: 'superset-git queue',
      schedule: false,
    });
    // Without a listener an error of pg-boss's own timers would end the process.
    this.boss.on('error', (error) => options.onError(error));
    this.queues = { 'any-server': ANY_SERVER_QUEUE, 'same-folder': folderQueue(options.folderId) };
  }

  async open(): Promise<void> {
    await this.boss.start();
    // Servers starting at once would create the same queues together, which deadlocks in PostgreSQL: one at a
    // time, and the next finds them there.
    const lock = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'superset-git queue',
    });
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [QUEUES_LOCK]);
      for (const queue of Object.values(this.queues)) {
        if (await this.boss.getQueue(queue)) continue;
        await this.boss.createQueue(queue, {
          name: queue,
          retryLimit: ATTEMPTS - 1,
          retryDelay: 2,
          retryBackoff: true,
          expireInSeconds: LONGEST_JOB_SECONDS,
          retentionDays: 7,
        });
      }
    } finally {
      await lock.end().catch(() => undefined);
    }
  }

  async work(run: (job: QueuedJob, ref: JobRef) => Promise<void>): Promise<void> {
    for (const queue of Object.values(this.queues))
      for (let index = 0; index < this.options.concurrency; index += 1) {
        this.workers.push(
          await this.boss.work<QueuedJob>(
            queue,
            { batchSize: 1, pollingIntervalSeconds: 0.5 },
            async ([job]) => {
              if (job) await run(job.data, { queue, id: job.id });
            },
          ),
        );
      }
  }

  queueOf(place: JobPlace): string {
    return this.queues[place];
  }

  async send({ queue, id }: JobRef, job: QueuedJob, urgent = false): Promise<void> {
    await this.boss.send(queue, job, { id, priority: urgent ? 1 : 0 });
    // A free worker here starts it now instead of at its next poll.
    for (const worker of this.workers) this.boss.notifyWorker(worker);
  }

  takes(queue: string): boolean {
    return Object.values(this.queues).includes(queue);
  }

  async takenSince({ queue, id }: JobRef): Promise<Date | null> {
    const job = await this.boss.getJobById(queue, id);
    return job?.state === 'active' ? new Date(job.startedOn) : null;
  }

  async retry({ queue, id }: JobRef): Promise<{ again: boolean; attempt: number; attempts: number }> {
    await this.boss.fail(queue, id, { message: 'the server running it stopped' });
    const job = await this.boss.getJobById(queue, id);
    return {
      again: job?.state === 'retry',
      attempt: (job?.retryCount ?? ATTEMPTS) + 2,
      attempts: ATTEMPTS,
    };
  }

  async stop(): Promise<void> {
    for (const worker of this.workers) await this.boss.offWork({ id: worker });
    this.workers = [];
  }

  async close(): Promise<void> {
    // Nothing runs here any more (TaskRunner.idle): no job of this server is failed on the way out.
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }
}
