// Word from the database that a task changed (PostgreSQL's LISTEN on the channel the migration 0005 triggers
// announce each stored log line and state change on), so a server following a task another server runs reads it
// when it changed instead of polling. One connection per server; when it drops it is made again, and followers
// poll meanwhile.
import { EventEmitter } from 'node:events';
import pg from 'pg';

const CHANNEL = 'superset_git_tasks';
const RECONNECT_MS = [500, 1_000, 2_000, 5_000, 10_000];

export interface TaskChangeNotices {
  /** Whether notices arrive now: a follower may then wait long between reads. */
  readonly live: boolean;
  /** Starts listening; a database that does not answer yet is tried again in the background. */
  open(): Promise<void>;
  /** Calls `listener` when the task changed; answers how to stop. */
  on(taskId: number, listener: () => void): () => void;
  close(): Promise<void>;
}

/** SQLite: no notices; followers poll. */
export const NO_TASK_CHANGE_NOTICES: TaskChangeNotices = {
  live: false,
  open: () => Promise.resolve(),
  on: () => () => undefined,
  close: () => Promise.resolve(),
};

export class PostgresTaskChangeNotices implements TaskChangeNotices {
  private readonly events = new EventEmitter();
  private client: pg.Client | null = null;
  private closed = false;
  private failures = 0;
  live = false;

  constructor(
    private readonly connectionString: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.events.setMaxListeners(0);
  }

  /** Connects and listens; a failure now is retried in the background like a drop later. */
  async open(): Promise<void> {
    await this.connect();
  }

  on(taskId: number, listener: () => void): () => void {
    const channel = String(taskId);
    this.events.on(channel, listener);
    return () => this.events.off(channel, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live = false;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'superset-git task notices',
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.live = false;
      // Said once per outage, not at every try to connect again.
      if (error && this.failures === 0) this.onError(error);
      void client.end().catch(() => undefined);
      this.later();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.events.emit(message.payload);
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.failures = 0;
      this.live = true;
      // Changes made while no notice could arrive: every follower reads once now.
      for (const name of this.events.eventNames()) this.events.emit(name);
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private later(): void {
    if (this.closed) return;
    const delay = RECONNECT_MS[Math.min(this.failures, RECONNECT_MS.length - 1)]!;
    this.failures += 1;
    setTimeout(() => void this.connect(), delay).unref();
  }
}
