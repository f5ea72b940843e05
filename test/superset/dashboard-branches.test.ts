// Branches of a dashboard move Superset with them, and a pull that conflicts waits for a person: against the
// real Superset (dev) and a real git server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type {
  ApiError,
  CheckoutResult,
  DashboardRepoStatus,
  Environment,
  GitServer,
  TaskDetail,
} from '@superset-git/contracts';
import { cloneRepository, commit, push, stage } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { tempDir } from '../git/git-fixtures.ts';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { api, login, startTestServer, type Caller, type TestServer } from '../support/test-server.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';

let server: TestServer;
let caller: Caller;
let remote: GitRemote;
let superset: SupersetClient;
let uuid: string;
let chart: { id: number; slice_name: string };
let otherChart: { id: number; slice_name: string };

async function post<T>(url: string, body?: unknown) {
  return api<T>(server, 'POST', url, { ...caller, ...(body === undefined ? {} : { body }) });
}

async function runTask(url: string): Promise<TaskDetail> {
  const started = await post<{ taskId: number }>(url);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await server.services.tasks.idle();
  return (await api<TaskDetail>(server, 'GET', `/api/tasks/${started.body.taskId}`, caller)).body;
}

async function chartName(): Promise<string> {
  const answer = await superset.json(
    { path: `/api/v1/chart/${chart.id}`, action: 'read a chart' },
    z.object({ result: z.object({ slice_name: z.string() }) }),
  );
  return answer.result.slice_name;
}

const renameChart = (name: string) =>
  superset.call({
    method: 'PUT',
    path: `/api/v1/chart/${chart.id}`,
    json: { slice_name: name },
    action: 'rename a chart',
  });

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  caller = await login(server);
  const environment = (
    await post<Environment>('/api/environments', {
      name: 'dev',
      url: dev.url,
      username: dev.username,
      password: dev.password,
    })
  ).body;
  const gitServer = (
    await post<GitServer>('/api/git/servers', {
      name: 'Local',
      provider: 'generic',
      url: remote.url,
      token: remote.token,
    })
  ).body;
  uuid = await dashboardUuid(superset, 'web-traffic');
  const charts = await superset.json(
    { path: `/api/v1/dashboard/${uuid}/charts`, action: 'list charts' },
    z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
  );
  chart = charts.result[0]!;
  otherChart = charts.result[1]!;
  const url = remote.createRepository('web-traffic');
  expect(
    (
      await post(`/api/dashboards/${uuid}/repository`, {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl: url,
      })
    ).status,
  ).toBe(201);
  await runTask(`/api/dashboards/${uuid}/sync`);
  await post(`/api/dashboards/${uuid}/commit`, { message: 'Web Traffic as exported' });
  expect((await runTask(`/api/dashboards/${uuid}/push`)).state).toBe('SUCCESS');
}, 400_000);
afterAll(async () => {
  if (chart) await renameChart(chart.slice_name).catch(() => undefined);
  if (otherChart)
    await superset
      .call({
        method: 'PUT',
        path: `/api/v1/chart/${otherChart.id}`,
        json: { slice_name: otherChart.slice_name },
        action: 'rename back',
      })
      .catch(() => undefined);
  await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
  releaseLock?.();
});

describe('branches of a dashboard (real Superset dev, real git server)', () => {
  it('switching branch imports that version into Superset, and back', async () => {
    expect((await post(`/api/dashboards/${uuid}/branches`, { name: 'restyle' })).status).toBe(201);
    const toRestyle = await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, {
      branch: 'restyle',
      verify: true,
    });
    expect(toRestyle.body).toMatchObject({ branch: 'restyle', imported: true, differences: [] });

    await renameChart(`${chart.slice_name} (restyled)`);
    await runTask(`/api/dashboards/${uuid}/sync`);
    expect((await post(`/api/dashboards/${uuid}/commit`, { message: 'Restyle' })).status).toBe(201);

    const toMain = await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, {
      branch: 'main',
      verify: true,
    });
    // Only the one chart that differs between the branches is imported, and Superset then matches main.
    expect(toMain.body, JSON.stringify(toMain.body)).toMatchObject({
      branch: 'main',
      imported: true,
      importedObjects: 1,
      differences: [],
    });
    expect(await chartName()).toBe(chart.slice_name);
    await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, { branch: 'restyle' });
    expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
    await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, { branch: 'main' });
    expect(await chartName()).toBe(chart.slice_name);
  });

  it('never loses uncommitted Superset edits: refuses to switch, or keeps them on a safety branch', async () => {
    await renameChart(`${chart.slice_name} (unsaved idea)`);
    const refused = await post<ApiError>(`/api/dashboards/${uuid}/checkout`, { branch: 'restyle' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });
    expect(await chartName()).toBe(`${chart.slice_name} (unsaved idea)`);

    const kept = await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, {
      branch: 'restyle',
      uncommitted: 'safety-branch',
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.safetyBranch).toMatch(/^safety\//);
    expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
    const history = await api<{ items: Array<{ subject: string }> }>(
      server,
      'GET',
      `/api/dashboards/${uuid}/history?ref=${encodeURIComponent(kept.body.safetyBranch!)}&limit=1`,
      caller,
    );
    expect(history.body.items[0]?.subject).toBe('Uncommitted edits before switching to restyle');
    await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, { branch: 'main' });
  });

  it('an edit in Superset to a chart the switch does not touch stays there, as git carries local changes', async () => {
    const rename = (name: string) =>
      superset.call({
        method: 'PUT',
        path: `/api/v1/chart/${otherChart.id}`,
        json: { slice_name: name },
        action: 'rename another chart',
      });
    await rename(`${otherChart.slice_name} (draft)`);
    try {
      const switched = await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, { branch: 'restyle' });
      expect(switched.status, JSON.stringify(switched.body)).toBe(200);
      expect(switched.body).toMatchObject({ branch: 'restyle', importedObjects: 1, safetyBranch: null });
      expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
      await runTask(`/api/dashboards/${uuid}/sync`);
      const state = await api<DashboardRepoStatus>(server, 'GET', `/api/dashboards/${uuid}/status`, caller);
      expect(state.body.changes).toEqual([
        expect.objectContaining({ objectType: 'chart', objectName: `${otherChart.slice_name} (draft)` }),
      ]);
    } finally {
      await rename(otherChart.slice_name);
    }
    await runTask(`/api/dashboards/${uuid}/sync`);
    expect((await post<CheckoutResult>(`/api/dashboards/${uuid}/checkout`, { branch: 'main' })).status).toBe(
      200,
    );
  });

  it('a pull that conflicts waits for a person; keeping mine and continuing finishes it', async () => {
    // Someone else changes the dashboard description and pushes.
    const other = (
      await cloneRepository({
        url: `${remote.url}/web-traffic.git`,
        dir: path.join(tempDir(), 'other'),
        credentials: { username: 'x', token: remote.token },
      })
    ).repo;
    const theirs = path.join(other.path, 'dashboard.yaml');
    fs.writeFileSync(
      theirs,
      fs.readFileSync(theirs, 'utf8').replace(/^description: .*$/m, 'description: Theirs'),
    );
    await stage(other);
    await commit(other, {
      message: 'Their description',
      author: { name: 'Other', email: 'other@example.com' },
    });
    await push(other, { credentials: { username: 'x', token: remote.token } });
    // And we change the same line.
    const mine = path.join(server.dataDir, 'repos', uuid, 'dashboard.yaml');
    fs.writeFileSync(mine, fs.readFileSync(mine, 'utf8').replace(/^description: .*$/m, 'description: Mine'));
    await post(`/api/dashboards/${uuid}/commit`, { message: 'My description' });

    const pulled = await runTask(`/api/dashboards/${uuid}/pull`);
    expect(pulled.state).toBe('AWAITING_INPUT');
    const conflicts = await api<{ merging: boolean; conflicts: Array<{ path: string }> }>(
      server,
      'GET',
      `/api/dashboards/${uuid}/conflicts`,
      caller,
    );
    expect(conflicts.body).toEqual({
      merging: true,
      conflicts: [{ path: 'dashboard.yaml', kind: 'both-modified' }],
    });
    expect((await post(`/api/dashboards/${uuid}/merge/continue`)).status).toBe(409);
    expect(
      (
        await post(`/api/dashboards/${uuid}/conflicts/resolve`, {
          path: 'dashboard.yaml',
          resolution: 'mine',
        })
      ).status,
    ).toBe(200);
    expect((await post(`/api/dashboards/${uuid}/merge/continue`)).status).toBe(201);
    expect(fs.readFileSync(mine, 'utf8')).toMatch(/^description: Mine$/m);
    const finished = await api<TaskDetail>(server, 'GET', `/api/tasks/${pulled.id}`, caller);
    expect(finished.body.state).toBe('SUCCESS');
  });
});
