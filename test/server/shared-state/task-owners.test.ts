// Tasks on several servers sharing one database: each server ends only its own tasks, the task of a server that
// fell silent is failed by another with the reason, and a task's live log can be followed from any server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEvent } from '@superset-git/contracts';
import { INTERRUPTED_ERROR } from '../../../apps/server/src/tasks/task-owners.ts';
import { apiOf } from '../../support/api.ts';
import { postgresAdminUrl } from '../../support/test-database.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../../support/test-server.ts';

/** Work that runs until `end` is called. */
function held(): { work: Promise<void>; end: (error?: Error) => void } {
  let end!: (error?: Error) => void;
  const work = new Promise<void>((resolve, reject) => {
    end = (error) => (error ? reject(error) : resolve());
  });
  return { work, end };
}

describe('tasks of two servers on one database', () => {
  let a: TestServer;
  let b: TestServer;
  const open: Array<() => void> = [];
  beforeAll(async () => {
    const beat = { taskHeartbeatSeconds: 0.2 };
    a = await startTestServer({ config: { serverId: 'server-a', ...beat } });
    b = await startTestServer({ dataDir: a.dataDir, config: { serverId: 'server-b', ...beat } });
  });
  afterAll(async () => {
    for (const end of open) end();
    await b?.close();
    await a?.close();
  });

  it("leaves a live server's task running, and fails the task of a server that fell silent, saying why", async () => {
    const alive = held();
    const silent = held();
    open.push(alive.end, silent.end);
    const running = await a.services.tasks.start(
      { kind: 'demo', title: 'Alive', createdBy: 1 },
      () => alive.work,
    );
    // Another server starting on the database must not take A's running task for one cut off by a stop.
    const restarted = await startTestServer({ dataDir: a.dataDir, config: { serverId: 'server-c' } });
    await restarted.close();
    const api = apiOf(b, await login(b));
    expect((await api.GET('/api/tasks/{id}', { params: { path: { id: running.id } } })).state).toBe(
      'RUNNING',
    );
    a.services.tasks.stopWatching(); // A stops saying it runs its tasks, as a killed server would
    const abandoned = await a.services.tasks.start(
      { kind: 'demo', title: 'Silent', createdBy: 1 },
      () => silent.work,
    );
    await expect
      .poll(
        async () => (await api.GET('/api/tasks/{id}', { params: { path: { id: abandoned.id } } })).state,
        {
          timeout: 10_000,
        },
      )
      .toBe('FAILED');
    const detail = await api.GET('/api/tasks/{id}', { params: { path: { id: abandoned.id } } });
    expect(detail.error).toBe(INTERRUPTED_ERROR);
    expect(detail.log.at(-1)?.message).toBe('The server stopped while this task was running.');
  });

  it('streams the live log of a task run by one server to a browser on the other', async () => {
    const other = await startTestServer({ dataDir: a.dataDir, config: { serverId: 'server-d' } });
    try {
      const next = held();
      open.push(next.end);
      const task = await other.services.tasks.start(
        { kind: 'demo', title: 'Talk', createdBy: 1 },
        async (ctx) => {
          ctx.log('first line');
          await next.work;
          ctx.log('second line');
          ctx.progress(0.5);
          return { said: 2 };
        },
      );
      const url = await listenTestServer(b);
      const { cookie } = await login(b);
      const response = await fetch(`${url}/api/tasks/${task.id}/events`, { headers: { cookie } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      const events: TaskEvent[] = [];
      let text = '';
      const readUntil = async (done: () => boolean) => {
        while (!done()) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          text += decoder.decode(value, { stream: true });
          const blocks = text.split('\n\n');
          text = blocks.pop()!;
          for (const block of blocks) {
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (data) events.push(JSON.parse(data.slice(6)) as TaskEvent);
          }
        }
      };
      const lines = () => events.flatMap((event) => (event.type === 'log' ? [event.line.message] : []));
      await readUntil(() => lines().includes('first line'));
      next.end(); // the work goes on on the other server now
      const resumed = Date.now();
      await readUntil(() => events.some((event) => event.type === 'state' && event.task.state === 'SUCCESS'));
      // On PostgreSQL the database tells the follower the task changed: without that word it reads every 10 s.
      if (postgresAdminUrl()) expect(Date.now() - resumed).toBeLessThan(5_000);
      expect(lines()).toEqual(['first line', 'second line']);
      const last = events.at(-1);
      expect(last?.type === 'state' && last.task).toMatchObject({ state: 'SUCCESS', result: { said: 2 } });
    } finally {
      await other.close();
    }
  });
});
