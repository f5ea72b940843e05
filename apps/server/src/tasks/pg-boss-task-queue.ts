// The shared queue of several servers on one PostgreSQL database (pg-boss): each server takes jobs from it, a
// few at a time; a job whose server stopped is put back (with a growing delay) for the next free server.
import PgBoss from 'pg-boss';
import type { QueuedJob, TaskQueue } from './task-queue.ts';

const QUEUE = 'superset-git-tasks';
/** A task runs at most this many times: once, and twice more when servers running it stop. */
const ATTEMPTS = 3;
/** pg-boss fails a job still running after this long; ours end long before (it must stay under 24 h). */
const LONGEST_JOB_SECONDS = 23 * 3600;

export interface PgBossQueueOptions {
  /** How many queued tasks this server runs at once. */
  concurrency: number;
  /** Where pg-boss reports a failure of its own (a lost connection): the server's log. */
  onError: (error: Error) => void;
}

export class PgBossTaskQueue implements TaskQueue {
  readonly shared = true;
  private readonly boss: PgBoss;
  private workers: string[] = [];

  constructor(
    connectionString: string,
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
  }

  async open(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(QUEUE, {
      name: QUEUE,
      retryLimit: ATTEMPTS - 1,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: LONGEST_JOB_SECONDS,
      retentionDays: 7,
    });
  }

  async work(run: (job: QueuedJob, id: string) => Promise<void>): Promise<void> {
    for (let index = 0; index < this.options.concurrency; index += 1) {
      this.workers.push(
        await this.boss.work<QueuedJob>(
          QUEUE,
          { batchSize: 1, pollingIntervalSeconds: 0.5 },
          async ([job]) => {
            if (job) await run(job.data, job.id);
          },
        ),
      );
    }
  }

  async send(id: string, job: QueuedJob): Promise<void> {
    await this.boss.send(QUEUE, job, { id });
    // A free worker here starts it now instead of at its next poll.
    for (const worker of this.workers) this.boss.notifyWorker(worker);
  }

  async retry(id: string): Promise<{ again: boolean; attempt: number; attempts: number }> {
    await this.boss.fail(QUEUE, id, { message: 'the server running it stopped' });
    const job = await this.boss.getJobById(QUEUE, id);
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
