// A server killed between taking a job from the PostgreSQL queue and starting its task leaves the job "active"
// in pg-boss, which would hand it out again only when it expires (23 h). A live server puts it back once it has
// waited six heartbeats, and runs it, saying so in the task's log.
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { openDatabase, type Db } from '../../../apps/server/src/db/database.ts';
import { TasksStore } from '../../../apps/server/src/tasks/tasks.store.ts';
import { postgresAdminUrl, testDatabaseUrl } from '../../support/test-database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const QUEUE = 'superset-git-tasks';
const KIND = 'test.lost-job';

describe.runIf(postgresAdminUrl())('a job whose server stopped between the queue and the task', () => {
  let live: TestServer | undefined;
  let ghost: PgBoss | undefined;
  let db: Db | undefined;
  afterAll(async () => {
    await live?.close();
    await ghost?.stop({ graceful: false, wait: true, close: true });
    await db?.close();
  });

  it('is put back by a live server and run, saying why', async () => {
    // The database with its schema and queues, as a first server left it.
    const first = await startTestServer({ config: { serverId: 'first' } });
    await first.close();
    const url = (await testDatabaseUrl(first.dataDir))!;
    db = await openDatabase({ url });
    // A server queues a task and takes its job from the queue, then is gone before it starts the task.
    const jobId = crypto.randomUUID();
    const task = await new TasksStore(db).create({
      kind: KIND,
      title: 'Lost between the queue and its server',
      createdBy: null,
      owner: 'gone',
      job: { id: jobId, queue: QUEUE },
    });
    ghost = new PgBoss({ connectionString: url, schema: 'pgboss', schedule: false, supervise: false });
    ghost.on('error', () => undefined);
    await ghost.start();
    await ghost.send(QUEUE, { taskId: task.id, kind: KIND, input: {} }, { id: jobId });
    const [taken] = await ghost.fetch(QUEUE);
    expect(taken?.id).toBe(jobId);

    live = await startTestServer({
      dataDir: first.dataDir,
      config: { serverId: 'live', taskHeartbeatSeconds: 0.2 },
    });
    live.services.tasks.define(KIND, z.object({}), async (_input, context) => {
      context.log(`ran on ${live!.services.tasks.serverId}`);
    });
    const state = async () => (await live!.services.tasks.get(task.id)).state;
    await expect.poll(state, { timeout: 20_000 }).toBe('SUCCESS');
    const lines = (await live.services.tasks.detail(task.id)).log.map((line) => line.message);
    expect(lines).toEqual([
      'The server that took this task from the queue stopped before starting it; the next free server runs it (attempt 2 of 3).',
      'ran on live',
    ]);
  });
});
