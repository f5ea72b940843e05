// Every dashboard of an environment into git at once (POST /api/environments/{id}/sync-all), against the real dev
// Superset with its 100+ dashboards: connected, synced and committed with progress; one connected through another
// environment is left alone; a second run connects nothing and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiTokenCreated,
  DashboardPage,
  Environment,
  SyncAllResult,
  TaskDetail,
} from '@superset-git/contracts';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import {
  addEnvironment,
  api,
  listenTestServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../support/test-server.ts';
import { runCli } from '../cli/cli-run.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';

let server: TestServer;
let caller: Caller;
let dev: Environment;
let elsewhere: string;
let releaseLock: (() => void) | undefined;

const post = <T>(url: string, body: unknown) => api<T>(server, 'POST', url, { ...caller, body });

beforeAll(async () => {
  // Its second run must find the seeded dashboards as the first left them: files that edit them wait.
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const info = supersetDev();
  server = await startTestServer();
  caller = await login(server);
  dev = await addEnvironment(server, caller, 'dev', info);
  const other = await addEnvironment(server, caller, 'dev-again', info);
  const client = clientFor(info);
  elsewhere = await dashboardUuid(client, 'customers');
  await client.close();
  expect(
    (await post(`/api/dashboards/${elsewhere}/repository`, { environmentId: other.id, mode: 'init' })).status,
  ).toBe(201);
}, 120_000);
afterAll(async () => {
  await server?.close();
  releaseLock?.();
});

describe('sync every dashboard of an environment (real Superset, 100+ dashboards)', () => {
  it('connects, syncs and commits each one with progress, leaving the one connected elsewhere alone', async () => {
    const url = `/api/environments/${dev.id}/sync-all`;
    const started = await post<{ taskId: number }>(url, { commitMessage: 'Everything as it is in dev' });
    expect(started.status).toBe(202);
    // A second start while the first runs would export everything twice: refused, naming the running task.
    const twice = await post<{ error: { message: string } }>(url, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(`already being synced (task ${started.body.taskId})`);
    await server.services.tasks.idle();
    const task = (await api<TaskDetail>(server, 'GET', `/api/tasks/${started.body.taskId}`, caller)).body;
    expect(task.state, task.error ?? '').toBe('SUCCESS');
    expect(task.progress).toBe(1);
    const result = task.result as SyncAllResult;
    expect(result.dashboards).toBeGreaterThan(100);
    expect(result).toMatchObject({
      connected: result.dashboards - 1,
      synced: result.dashboards - 1,
      committed: result.dashboards - 1,
      skipped: 1,
      failed: [],
    });
    expect(task.log.map((line) => line.message)).toContain(
      "'Customers' is connected through another environment; left alone",
    );

    const hub = await api<DashboardPage>(
      server,
      'GET',
      `/api/environments/${dev.id}/dashboards?pageSize=500`,
      caller,
    );
    expect(hub.body.items).toHaveLength(result.dashboards);
    const notConnected = hub.body.items.filter((item) => item.git === null);
    expect(notConnected).toEqual([]);
    const dirty = hub.body.items.filter((item) => item.uuid !== elsewhere && !item.git!.clean);
    expect(dirty).toEqual([]);

    // The hub keeps each repository's status until the repository changes: a switch shows at once.
    const extra = hub.body.items.find((item) => item.slug === 'extra-001')!;
    expect(extra.git!.branch).toBe('main');
    expect((await post(`/api/dashboards/${extra.uuid}/branches`, { name: 'feature' })).status).toBe(201);
    const switched = await post(`/api/dashboards/${extra.uuid}/switch`, {
      branch: 'feature',
      importIntoSuperset: false,
    });
    expect(switched.status).toBe(200);
    const again = await api<DashboardPage>(
      server,
      'GET',
      `/api/environments/${dev.id}/dashboards?search=extra-001`,
      caller,
    );
    expect(again.body.items.find((item) => item.uuid === extra.uuid)!.git!.branch).toBe('feature');
  }, 400_000);

  it('a second run, from the CLI with an API token, connects nothing and writes nothing', async () => {
    const token = (await post<ApiTokenCreated>('/api/auth/tokens', { name: 'pipeline' })).body.token;
    const run = await runCli(['sync', '--all', '--env', 'dev', '--json'], {
      SUPERSET_GIT_SERVER: await listenTestServer(server),
      SUPERSET_GIT_TOKEN: token,
    });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as SyncAllResult;
    expect(result).toMatchObject({ connected: 0, committed: 0, skipped: 1, failed: [] });
    expect(result.synced).toBe(result.dashboards - 1);
    // Progress on stderr, one line per dashboard; none wrote a file.
    expect(run.stderr).toContain("'Sales Overview': 0 file(s) written, 0 removed");
    expect(run.stderr).not.toMatch(/: [1-9]\d* file\(s\) written/);
  }, 400_000);
});
