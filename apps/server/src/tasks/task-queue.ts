// Where queued tasks wait for a server to run them. On SQLite (one server) the server runs each at once; on
// PostgreSQL they wait in a shared queue that every server takes work from, so a task whose server stopped is
// taken over by another. Work on a dashboard's work tree waits in the queue of the servers sharing the
// repositories folder of the server that was asked, so it never runs where that work tree is not.

/** A task's work as the queue keeps it: what runs it is found by `kind` on whichever server takes it. */
export interface QueuedJob {
  taskId: number;
  kind: string;
  /** What the work needs, as stored data (a deployment's id), never objects of the server that queued it. */
  input: unknown;
  /** A one-at-a-time hold the task keeps until its work ends, on whichever server runs it. */
  hold?: { subject: string; token: string };
}

/** How a kind of queued task is run: where (see JobPlace), and before what. */
export interface JobOptions {
  place?: JobPlace;
  /**
   * Short work a person waits for (a push, a pull) is taken before long work queued earlier (syncs, which wait
   * on Superset's exports), so it does not wait for a whole backlog of them.
   */
  urgent?: boolean;
}

/**
 * Where a queued task may run: on any server (its work needs only the database, Superset and the git remote), or
 * only on a server sharing the repositories folder of the server that queued it (it reads or writes work trees).
 */
export type JobPlace = 'any-server' | 'same-folder';

/** A job in the queue: the queue's name (as the task row records it) and the job's id there. */
export interface JobRef {
  queue: string;
  id: string;
}

export interface TaskQueue {
  /** Whether other servers take jobs from it too (the task row then records the job). */
  readonly shared: boolean;
  /** Connects; jobs can be sent and put back from now on. */
  open(): Promise<void>;
  /** Starts taking jobs: `run` does one and never throws (the task records a failure). */
  work(run: (job: QueuedJob, ref: JobRef) => Promise<void>): Promise<void>;
  /** The name of the queue where jobs of `place` wait. */
  queueOf(place: JobPlace): string;
  /** Adds the job as `ref` says (a queue named by `queueOf`); an urgent one is taken before the others. */
  send(ref: JobRef, job: QueuedJob, urgent?: boolean): Promise<void>;
  /** Whether this server takes jobs from the queue named `queue` (and so may run a job put back there). */
  takes(queue: string): boolean;
  /** When a server took the job from the queue, while it has it (null: it waits, or it ended). */
  takenSince(ref: JobRef): Promise<Date | null>;
  /** Puts back a job whose server stopped while running it; false when its attempts are spent. */
  retry(ref: JobRef): Promise<{ again: boolean; attempt: number; attempts: number }>;
  /** Stops taking new jobs; those running go on (TaskRunner.idle waits for them). */
  stop(): Promise<void>;
  /** Lets go of the queue, once nothing runs. */
  close(): Promise<void>;
}

/** One server: a queued task runs at once, in this process. */
export class InProcessTaskQueue implements TaskQueue {
  readonly shared = false;
  private run: ((job: QueuedJob, ref: JobRef) => Promise<void>) | null = null;

  async open(): Promise<void> {
    return Promise.resolve();
  }

  async work(run: (job: QueuedJob, ref: JobRef) => Promise<void>): Promise<void> {
    this.run = run;
    return Promise.resolve();
  }

  queueOf(): string {
    return 'in-process';
  }

  async send(ref: JobRef, job: QueuedJob): Promise<void> {
    const run = this.run;
    if (!run) throw new Error('The task queue has not started.');
    // Taken on at once (TaskRunner.idle sees it), run on a later tick.
    void run(job, ref);
    return Promise.resolve();
  }

  takes(): boolean {
    return false;
  }

  async takenSince(): Promise<Date | null> {
    return Promise.resolve(null);
  }

  async retry(): Promise<{ again: boolean; attempt: number; attempts: number }> {
    // Nobody else takes this server's work: a task cut off by its stop is failed with the reason.
    return Promise.resolve({ again: false, attempt: 1, attempts: 1 });
  }

  async stop(): Promise<void> {
    this.run = null;
    return Promise.resolve();
  }

  async close(): Promise<void> {
    return Promise.resolve();
  }
}
