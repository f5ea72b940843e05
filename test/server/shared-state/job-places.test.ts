// Work on a dashboard's work tree, queued on PostgreSQL, runs only on servers sharing the repositories folder of
// the server it was asked of: when that server falls silent, one sharing its folder runs the task again, and a
// server with a folder of its own never does; it fails the task, saying why, only once no server of that folder
// has taken it over for a long while (every one of them gone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TaskDetail } from '@superset-git/contracts';
import { INTERRUPTED_ERROR } from '../../../apps/server/src/tasks/task-owners.ts';
import { postgresAdminUrl, testDatabaseUrl } from '../../support/test-database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const KIND = 'test.work-tree';
/** Seconds between beats: a server silent for six is taken for stopped. */
const BEAT = 0.2;

describe.runIf(postgresAdminUrl())('queued work on a work tree, with two repositories folders', () => {
  let first: TestServer;
  let sameFolder: TestServer;
  let ownFolder: TestServer;
  /**
   * A task's first run on `first` lasts until the end of the file, as on a server that is no longer heard from
   * (its queue workers go on, so it may also be the one of its folder that runs the task again).
   */
  const endFirst: Array<() => void> = [];
  const heldOnFirst = new Set<number>();

  const defineOn = (server: TestServer) =>
    server.services.tasks.define(KIND, z.object({}), async (_input, context) => {
      context.log(`ran on ${server.services.tasks.serverId}`);
      if (server !== first || heldOnFirst.has(context.taskId)) return;
      heldOnFirst.add(context.taskId);
      await new Promise<void>((resolve) => endFirst.push(resolve));
    });
  const detail = (id: number): Promise<TaskDetail> => first.services.tasks.detail(id);
  const ranOn = async (id: number) =>
    (await detail(id)).log.flatMap((line) => (line.message.startsWith('ran on ') ? [line.message] : []));

  beforeAll(async () => {
    const beat = { taskHeartbeatSeconds: BEAT };
    first = await startTestServer({ config: { serverId: 'folder-x-1', ...beat } });
    sameFolder = await startTestServer({
      dataDir: first.dataDir,
      config: { serverId: 'folder-x-2', ...beat },
    });
    ownFolder = await startTestServer({
      config: { serverId: 'folder-y', databaseUrl: (await testDatabaseUrl(first.dataDir))!, ...beat },
    });
    for (const server of [first, sameFolder, ownFolder]) defineOn(server);
    // The first server stops saying it runs its tasks, as a killed one would; its queue workers go on.
    first.services.tasks.stopWatching();
  });
  afterAll(async () => {
    for (const end of endFirst) end();
    await ownFolder?.close();
    await sameFolder?.close();
    await first?.close();
  });

  it('is run again by a server of its folder, never by the one with its own', async () => {
    const task = await first.services.tasks.enqueue({ kind: KIND, title: 'On X', createdBy: 1 }, {});
    await expect.poll(() => ranOn(task.id), { timeout: 10_000 }).toEqual(['ran on folder-x-1']);
    await expect.poll(async () => (await detail(task.id)).state, { timeout: 20_000 }).toBe('SUCCESS');
    const log = (await detail(task.id)).log.map((line) => line.message);
    const runs = await ranOn(task.id);
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatch(/^ran on folder-x-[12]$/);
    expect(log).toContain(
      'Server folder-x-1 stopped while running this task; the next free server runs it again (attempt 2 of 3).',
    );
    expect(log).toContainEqual(
      expect.stringMatching(/^Taken over by server folder-x-[12]; running it again from the start\.$/),
    );
  });

  it('is failed with the reason by the other server once no server of its folder is left', async () => {
    await sameFolder.close();
    const task = await first.services.tasks.enqueue({ kind: KIND, title: 'On X alone', createdBy: 1 }, {});
    await expect.poll(() => ranOn(task.id), { timeout: 10_000 }).toEqual(['ran on folder-x-1']);
    const silentSince = Date.now();
    // Twelve beats: long past the six after which a server of its own folder would have put it back.
    await new Promise((resolve) => setTimeout(resolve, 12 * BEAT * 1000));
    expect((await detail(task.id)).state).toBe('RUNNING');
    await expect.poll(async () => (await detail(task.id)).state, { timeout: 20_000 }).toBe('FAILED');
    expect(Date.now() - silentSince).toBeGreaterThanOrEqual(18 * BEAT * 1000 - 500);
    const failed = await detail(task.id);
    expect(failed.error).toBe(INTERRUPTED_ERROR);
    expect(await ranOn(task.id)).toEqual(['ran on folder-x-1']);
  });
});
