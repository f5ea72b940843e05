// A server that falls silent (a long pause, a network partition) while running a queued task, and goes on once
// another server has taken the task over: its run's checkpoint, progress and end are not recorded, so the task
// shows the new run's, and ends as the new run ends (PostgreSQL, in-process servers, beat 0.2 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TaskDetail } from '@superset-git/contracts';
import { postgresAdminUrl } from '../../support/test-database.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const KIND = 'test.silent-run';
const BEAT = 0.2;

describe.runIf(postgresAdminUrl())('a run that goes on after its task was taken over', () => {
  let silent: TestServer;
  let other: TestServer;
  let endSilentRun: () => void = () => undefined;
  let endOtherRun: () => void = () => undefined;

  beforeAll(async () => {
    // One task at a time: while its paused run holds that slot, the task taken back is run by the other server.
    silent = await startTestServer({
      config: { serverId: 'paused', jobConcurrency: 1, taskHeartbeatSeconds: BEAT },
    });
    silent.services.tasks.define(KIND, z.object({}), async (_input, context) => {
      context.checkpoint({ by: 'paused, before the pause' });
      await new Promise<void>((resolve) => (endSilentRun = resolve));
      context.checkpoint({ by: 'paused, after the pause' });
      context.progress(0.9);
      return { by: 'paused' };
    });
    // The paused server stops saying it runs its tasks; its work goes on.
    silent.services.tasks.stopWatching();
  });
  afterAll(async () => {
    endSilentRun();
    endOtherRun();
    await other?.close();
    await silent?.close();
  });

  it('cannot write over the run that took over, nor end the task', async () => {
    const task = await silent.services.tasks.enqueue({ kind: KIND, title: 'Paused', createdBy: 1 }, {});
    const detail = (): Promise<TaskDetail> => silent.services.tasks.detail(task.id);
    await expect
      .poll(async () => (await detail()).result, { timeout: 10_000 })
      .toEqual({
        by: 'paused, before the pause',
      });
    // Started only now, so the first run is surely the paused server's.
    other = await startTestServer({
      dataDir: silent.dataDir,
      config: { serverId: 'awake', taskHeartbeatSeconds: BEAT },
    });
    other.services.tasks.define(KIND, z.object({}), async (_input, context) => {
      context.checkpoint({ by: 'awake' });
      await new Promise<void>((resolve) => (endOtherRun = resolve));
      return { by: 'awake' };
    });
    await expect.poll(async () => (await detail()).result, { timeout: 10_000 }).toEqual({ by: 'awake' });
    expect((await detail()).log.map((line) => line.message)).toContain(
      'Taken over by server awake; running it again from the start.',
    );
    endSilentRun();
    await expect
      .poll(async () => (await detail()).log.map((line) => line.message), { timeout: 10_000 })
      .toContain(
        'Server paused went on after falling silent, but the task is no longer its run: what that run does is not recorded.',
      );
    expect(await detail()).toMatchObject({ state: 'RUNNING', result: { by: 'awake' }, finishedAt: null });
    endOtherRun();
    await expect.poll(async () => (await detail()).state, { timeout: 10_000 }).toBe('SUCCESS');
    expect((await detail()).result).toEqual({ by: 'awake' });
  });
});
