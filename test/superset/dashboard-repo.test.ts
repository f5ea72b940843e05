// A dashboard in git through the API, against the real Superset (dev) and a real git server: connect to an
// empty remote, sync, see changes by object, commit, re-sync with no edit (clean), rename a chart in Superset
// (one file, one line), push, and the hub's git column.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type {
  ApiError,
  DashboardCommitDetail,
  DashboardPage,
  DashboardRepo,
  DashboardRepoStatus,
  Environment,
  DashboardFileDiff,
  GitServer,
  TaskDetail,
} from '@superset-git/contracts';
import { cloneRepository, log } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { api, login, startTestServer, type Caller, type TestServer } from '../support/test-server.ts';
import { tempDir } from '../git/git-fixtures.ts';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';

let server: TestServer;
let caller: Caller;
let remote: GitRemote;
let superset: SupersetClient;
let environment: Environment;
let gitServer: GitServer;
let customers: string;
let github: ProviderFake | undefined;

async function runTask(url: string): Promise<TaskDetail> {
  const started = await api<{ taskId: number }>(server, 'POST', url, caller);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await server.services.tasks.idle();
  return (await api<TaskDetail>(server, 'GET', `/api/tasks/${started.body.taskId}`, caller)).body;
}

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  caller = await login(server);
  environment = (
    await api<Environment>(server, 'POST', '/api/environments', {
      ...caller,
      body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
    })
  ).body;
  gitServer = (
    await api<GitServer>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
    })
  ).body;
  customers = await dashboardUuid(superset, 'customers');
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), remote?.stop(), superset?.close(), github?.close()]);
  releaseLock?.();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a dashboard in git (real Superset dev, real git server)', () => {
  it('connects to an empty remote, syncs, and reports each change with its object', async () => {
    const url = remote.createRepository('customers');
    const connected = await api(server, 'POST', `/api/dashboards/${customers}/repository`, {
      ...caller,
      body: { environmentId: environment.id, mode: 'attach', gitServerId: gitServer.id, remoteUrl: url },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    const task = await runTask(`/api/dashboards/${customers}/sync`);
    expect(task.state, JSON.stringify(task.log)).toBe('SUCCESS');
    const state = (
      await api<DashboardRepoStatus>(server, 'GET', `/api/dashboards/${customers}/status`, caller)
    ).body;
    expect(state.git.branch).toBe('main');
    const byType = (type: string) => state.changes.filter((change) => change.objectType === type);
    expect(byType('dashboard')).toEqual([
      expect.objectContaining({ path: 'dashboard.yaml', changeType: 'added', objectName: 'Customers' }),
    ]);
    expect(byType('chart').length).toBeGreaterThan(0);
    expect(byType('dataset')[0]?.objectName).toBeTruthy();
    expect(byType('database')[0]?.objectName).toBe('examples');
    expect(state.repo.lastSyncAt).not.toBeNull();
  });

  it('commits as the signed-in user, and a second sync with no edit leaves it clean', async () => {
    const committed = await api<{ oid: string }>(server, 'POST', `/api/dashboards/${customers}/commit`, {
      ...caller,
      body: { message: 'Customers as exported' },
    });
    expect(committed.status).toBe(201);
    const history = await api<{ items: Array<{ oid: string; author: { name: string } }> }>(
      server,
      'GET',
      `/api/dashboards/${customers}/history?limit=5`,
      caller,
    );
    expect(history.body.items[0]).toMatchObject({
      oid: committed.body.oid,
      author: { name: 'Administrator' },
    });
    await runTask(`/api/dashboards/${customers}/sync`);
    const state = (
      await api<DashboardRepoStatus>(server, 'GET', `/api/dashboards/${customers}/status`, caller)
    ).body;
    expect(state.changes).toEqual([]);
    expect(state.git.clean).toBe(true);
  });

  it('shows a chart renamed in Superset as one changed file with a one-line diff', async () => {
    const charts = await superset.json(
      { path: `/api/v1/dashboard/${customers}/charts`, action: 'list charts' },
      z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
    );
    const chart = charts.result[0]!;
    await superset.call({
      method: 'PUT',
      path: `/api/v1/chart/${chart.id}`,
      json: { slice_name: `${chart.slice_name} renamed` },
      action: 'rename a chart',
    });
    try {
      await runTask(`/api/dashboards/${customers}/sync`);
      const state = (
        await api<DashboardRepoStatus>(server, 'GET', `/api/dashboards/${customers}/status`, caller)
      ).body;
      expect(state.changes).toEqual([
        expect.objectContaining({
          changeType: 'modified',
          objectType: 'chart',
          objectName: `${chart.slice_name} renamed`,
          summary: [`renamed '${chart.slice_name}' → '${chart.slice_name} renamed'`],
        }),
      ]);
      const diff = await api<DashboardFileDiff>(
        server,
        'GET',
        `/api/dashboards/${customers}/diff?path=${encodeURIComponent(state.changes[0]!.path)}`,
        caller,
      );
      const changed = diff.body.patch.split('\n').filter((line) => /^[-+][^-+]/.test(line));
      expect(changed).toEqual([
        `-slice_name: ${chart.slice_name}`,
        `+slice_name: ${chart.slice_name} renamed`,
      ]);
      expect(diff.body).toMatchObject({ objectType: 'chart', summary: state.changes[0]!.summary });
      expect(diff.body.before).toMatch(new RegExp(`^slice_name: ${escapeRegExp(chart.slice_name)}$`, 'm'));
      expect(diff.body.after).toMatch(
        new RegExp(`^slice_name: ${escapeRegExp(chart.slice_name)} renamed$`, 'm'),
      );
    } finally {
      await superset.call({
        method: 'PUT',
        path: `/api/v1/chart/${chart.id}`,
        json: { slice_name: chart.slice_name },
        action: 'rename back',
      });
    }
  });

  it('pushes to the git server, and the hub shows branch and state', async () => {
    const renamed = await api<{ oid: string }>(server, 'POST', `/api/dashboards/${customers}/commit`, {
      ...caller,
      body: { message: 'Rename a chart' },
    });
    const detail = await api<DashboardCommitDetail>(
      server,
      'GET',
      `/api/dashboards/${customers}/commits/${renamed.body.oid}`,
      caller,
    );
    expect(detail.body.files).toEqual([
      expect.objectContaining({
        objectType: 'chart',
        summary: [expect.stringMatching(/^renamed '.*' → '.* renamed'$/)],
      }),
    ]);
    const pushed = await runTask(`/api/dashboards/${customers}/push`);
    expect(pushed.state, JSON.stringify(pushed.log)).toBe('SUCCESS');
    const { repo } = await cloneRepository({
      url: `${remote.url}/customers.git`,
      dir: path.join(tempDir(), 'check'),
      credentials: { username: 'x', token: remote.token },
    });
    expect((await log(repo)).items.map((item) => item.subject)).toEqual([
      'Rename a chart',
      'Customers as exported',
      'Initialize repository',
    ]);
    const hub = await api<DashboardPage>(
      server,
      'GET',
      `/api/environments/${environment.id}/dashboards?search=Customers`,
      caller,
    );
    expect(hub.body.items.find((item) => item.uuid === customers)?.git).toMatchObject({
      branch: 'main',
      clean: true,
      ahead: 0,
      behind: 0,
    });
  });

  it('refuses to clone a repository that holds another dashboard, and connects nothing', async () => {
    const salesUuid = await dashboardUuid(superset, 'sales-overview');
    const answer = await api<ApiError>(server, 'POST', `/api/dashboards/${salesUuid}/repository`, {
      ...caller,
      body: {
        environmentId: environment.id,
        mode: 'clone',
        gitServerId: gitServer.id,
        remoteUrl: `${remote.url}/customers.git`,
      },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/another dashboard/);
    expect((await api(server, 'GET', `/api/dashboards/${salesUuid}/repository`, caller)).status).toBe(404);
  });

  it('init can create the remote on GitHub first (a local server answering as GitHub’s REST docs, backed by the real git server)', async () => {
    github = await startProviderFake(
      'github',
      { [remote.token]: { login: 'alice', scopes: ['repo'] } },
      { gitRemote: remote },
    );
    const onGitHub = await api<GitServer>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'GitHub fake', provider: 'github', url: github.url, token: remote.token },
    });
    expect(onGitHub.status, JSON.stringify(onGitHub.body)).toBe(201);
    const extra = await dashboardUuid(superset, 'extra-001');
    const connect = () =>
      api<DashboardRepo & ApiError>(server, 'POST', `/api/dashboards/${extra}/repository`, {
        ...caller,
        body: {
          environmentId: environment.id,
          mode: 'init',
          gitServerId: onGitHub.body.id,
          createRemote: { name: 'extra-dash' },
        },
      });
    const connected = await connect();
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    expect(connected.body.remoteUrl).toBe(`${remote.url}/alice-extra-dash.git`);
    expect(github.requests.find((request) => request.path === '/user/repos')?.body).toMatchObject({
      name: 'extra-dash',
      private: true,
    });
    expect((await runTask(`/api/dashboards/${extra}/push`)).state).toBe('SUCCESS');
    const { repo } = await cloneRepository({
      url: connected.body.remoteUrl!,
      dir: path.join(tempDir(), 'created'),
      credentials: { username: 'x', token: remote.token },
    });
    expect((await log(repo)).items.map((item) => item.subject)).toEqual(['Initialize repository']);

    // The name is taken now: GitHub's refusal comes back, and no repository is left behind.
    await api(server, 'DELETE', `/api/dashboards/${extra}/repository?deleteRepository=true`, caller);
    const again = await connect();
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/name already exists/);
    expect((await api(server, 'GET', `/api/dashboards/${extra}/repository`, caller)).status).toBe(404);
  });
});
