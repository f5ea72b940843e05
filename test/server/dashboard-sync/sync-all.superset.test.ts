// Every dashboard of an environment into git at once (POST /api/environments/{id}/sync-all), against the real dev
// Superset with its 100+ dashboards: connected, synced and committed with progress; one connected through another
// environment is left alone; a second run connects nothing and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment, SyncAllResult } from '@superset-git/contracts';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, expectStatus } from '../../support/api.ts';
import {
  addEnvironment,
  listenTestServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../../support/test-server.ts';
import { runCli } from '../../cli/cli-run.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let caller: Caller;
let api: ApiClient;
let dev: Environment;
let elsewhere: string;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  // Its second run must find the seeded dashboards as the first left them: files that edit them wait.
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const info = supersetDev();
  server = await startTestServer();
  caller = await login(server);
  api = apiOf(server, caller);
  dev = await addEnvironment(server, caller, 'dev', info);
  const other = await addEnvironment(server, caller, 'dev-again', info);
  const client = clientFor(info);
  elsewhere = await dashboardUuid(client, 'customers');
  await client.close();
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid: elsewhere } },
      body: { environmentId: other.id, mode: 'init' },
    }),
  );
}, 120_000);
afterAll(async () => {
  await server?.close();
  releaseLock?.();
});

describe('sync every dashboard of an environment (real Superset, 100+ dashboards)', () => {
  it('connects, syncs and commits each one with progress, leaving the one connected elsewhere alone', async () => {
    const started = await api.raw.POST('/api/environments/{id}/sync-all', {
      params: { path: { id: dev.id } },
      body: { commitMessage: 'Everything as it is in dev' },
    });
    expect(started.response.status).toBe(202);
    // A second start while the first runs would export everything twice: refused, naming the running task.
    const twice = await api.raw.POST('/api/environments/{id}/sync-all', {
      params: { path: { id: dev.id } },
      body: {},
    });
    expect(twice.response.status).toBe(409);
    expect(twice.error?.error.message).toContain(`already being synced (task ${started.data!.taskId})`);
    await server.services.tasks.idle();
    const task = await api.GET('/api/tasks/{id}', {
      params: { path: { id: started.data!.taskId } },
    });
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

    const hub = await api.raw.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: dev.id }, query: { pageSize: 500 } },
    });
    expect(hub.data!.items).toHaveLength(result.dashboards);
    // The one connected through another environment has its git status there, not on this hub.
    const notConnected = hub.data!.items.filter((item) => item.git === null);
    expect(notConnected.map((item) => item.uuid)).toEqual([elsewhere]);
    const dirty = hub.data!.items.filter((item) => item.uuid !== elsewhere && !item.git!.clean);
    expect(dirty).toEqual([]);

    // The hub keeps each repository's status until the repository changes: a switch shows at once.
    const extra = hub.data!.items.find((item) => item.slug === 'extra-001')!;
    expect(extra.git!.branch).toBe('main');
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', {
        params: { path: { uuid: extra.uuid! } },
        body: { name: 'feature' },
      }),
    );
    const switched = await api.raw.POST('/api/dashboards/{uuid}/switch', {
      params: { path: { uuid: extra.uuid! } },
      body: {
        branch: 'feature',
        importIntoSuperset: false,
      },
    });
    expect(switched.response.status).toBe(200);
    const again = await api.raw.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: dev.id }, query: { search: 'extra-001' } },
    });
    expect(again.data!.items.find((item) => item.uuid === extra.uuid)!.git!.branch).toBe('feature');
  }, 400_000);

  it('a second run, from the CLI with an API token, connects nothing and writes nothing', async () => {
    const token = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
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
