// A sync-all cut off by a crash (the server process killed with SIGKILL mid-run, against the real dev Superset)
// is carried on after a restart on the same data dir: on SQLite by the next sync-all of the same environment, on
// PostgreSQL by the queue handing the same task to the restarted server. What the interrupted run finished is not
// synced again, and in the end every dashboard is committed.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardPage, Environment, SyncAllResult, TaskDetail } from '@superset-git/contracts';
import { supersetDev } from '../../superset-instances.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { postgresAdminUrl } from '../../support/test-database.ts';
import { FOLDER_ID_FILE } from '../../../apps/server/src/dashboard-repos/repos-folder-id.ts';

const CONCURRENCY = '3';
let server: ServerProcess | undefined;
let releaseLock: (() => void) | undefined;

const start = (dataDir?: string) =>
  startServerProcess({
    ...(dataDir ? { dataDir } : {}),
    env: { SUPERSET_GIT_SYNC_ALL_CONCURRENCY: CONCURRENCY },
  });

async function waitFor(
  process: ServerProcess,
  taskId: number,
  until: (task: TaskDetail) => boolean,
): Promise<TaskDetail> {
  for (;;) {
    const task = await process.call<TaskDetail>('GET', `/api/tasks/${taskId}`);
    if (until(task)) return task;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Titles of the dashboards a run's log says it synced (and committed). */
const committedTitles = (task: TaskDetail) =>
  task.log.flatMap((line) => {
    const match = /^\[[\d,]+ of [\d,]+\] '(.+)': \d+ file\(s\) written, \d+ removed, committed$/.exec(
      line.message,
    );
    return match ? [match[1]!] : [];
  });

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
}, 200_000);
afterAll(async () => {
  await server?.stop();
  releaseLock?.();
});

describe('sync-all after a crash (real server process, kill -9, real Superset)', () => {
  it('skips what the interrupted run synced, says so, and commits every dashboard in the end', async () => {
    const info = supersetDev();
    server = await start();
    const environment = await server.call<Environment>('POST', '/api/environments', {
      name: 'dev',
      url: info.url,
      username: info.username,
      password: info.password,
    });
    const route = `/api/environments/${environment.id}/sync-all`;
    const first = await server.call<{ taskId: number }>('POST', route, { commitMessage: 'As in dev' });
    // Killed once a good part, but not all, is done.
    const cut = await waitFor(server, first.taskId, (task) => committedTitles(task).length >= 30);
    await server.kill('SIGKILL');
    const dataDir = server.dataDir;
    server = await start(dataDir);

    const settled = (item: TaskDetail) => item.state === 'SUCCESS' || item.state === 'FAILED';
    let task: TaskDetail;
    let doneBefore: string[];
    if (postgresAdminUrl()) {
      // On PostgreSQL the task waits in the shared queue: the restarted server takes it over itself and carries it
      // on from its checkpoint.
      task = await waitFor(server, first.taskId, settled);
      const all = task.log.map((line) => line.message);
      const takenAt = all.findIndex((line) => line.startsWith('Taken over by server '));
      expect(takenAt, all.slice(-5).join('\n')).toBeGreaterThan(0);
      expect(all[takenAt - 1]).toMatch(
        /stopped while running this task; the next free server runs it again \(attempt 2 of 3\)\.$/,
      );
      doneBefore = committedTitles({ ...task, log: task.log.slice(0, takenAt) });
      task = { ...task, log: task.log.slice(takenAt + 1) };
    } else {
      const interrupted = await server.call<TaskDetail>('GET', `/api/tasks/${first.taskId}`);
      expect(interrupted.state).toBe('FAILED');
      expect(interrupted.error).toContain('the server stopped while this task was running');
      doneBefore = committedTitles(interrupted);
      const second = await server.call<{ taskId: number }>('POST', route, { commitMessage: 'As in dev' });
      task = await waitFor(server, second.taskId, settled);
    }
    expect(doneBefore.length).toBeGreaterThanOrEqual(committedTitles(cut).length);
    expect(task.state, task.error ?? '').toBe('SUCCESS');
    const result = task.result as SyncAllResult;
    const lines = task.log.map((line) => line.message);
    // The setting came from SUPERSET_GIT_SYNC_ALL_CONCURRENCY.
    expect(lines[0]).toMatch(/^\d+ dashboard\(s\) in dev, 3 synced at a time$/);
    const resuming = lines
      .map((line) =>
        /^Resuming: (\d+) of (\d+) already synced (?:by the interrupted run \(task (\d+)\)|before this task was taken over)$/.exec(
          line,
        ),
      )
      .find(Boolean);
    expect(resuming, lines.slice(0, 3).join('\n')).toBeTruthy();
    if (!postgresAdminUrl()) expect(Number(resuming![3])).toBe(first.taskId);
    // "of M" is the count Superset gave when the run began (other test files may add or delete a dashboard).
    expect(Number(resuming![2]), lines.at(-1)).toBeGreaterThan(100);
    // Every dashboard the interrupted run logged as committed is skipped, none of them synced again.
    expect(Number(resuming![1])).toBeGreaterThanOrEqual(doneBefore.length);
    const resumedTitles = lines.flatMap((line) => {
      const match = /^\[[\d,]+ of [\d,]+\] '(.+)' was synced by the interrupted run$/.exec(line);
      return match ? [match[1]!] : [];
    });
    expect(resumedTitles).toEqual(expect.arrayContaining(doneBefore));
    expect(committedTitles(task).filter((title) => doneBefore.includes(title))).toEqual([]);
    expect(result.resumed).toBe(resumedTitles.length);
    // Only the few in flight at the kill can have been synced without their line: at most one per worker.
    expect(result.resumed - doneBefore.length).toBeLessThanOrEqual(Number(CONCURRENCY));
    expect(result).toMatchObject({ failed: [], skipped: 0 });
    expect(result.synced + result.resumed).toBe(result.dashboards);

    // Every dashboard connected and committed, across both runs.
    const hub = await server.call<DashboardPage>(
      'GET',
      `/api/environments/${environment.id}/dashboards?pageSize=500`,
    );
    expect(hub.items.length, lines.at(-1)).toBe(result.dashboards);
    expect(hub.items.filter((item) => item.git === null || !item.git.clean)).toEqual([]);
    // One folder per dashboard, and nothing half made; on PostgreSQL the folder's own id file beside them.
    const folders = fs.readdirSync(`${dataDir}/repos`).filter((name) => name !== FOLDER_ID_FILE);
    expect(folders).toHaveLength(result.dashboards);
  }, 600_000);
});
