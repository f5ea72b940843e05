// Branches of a dashboard move Superset with them, and a pull that conflicts waits for a person: against the
// real Superset (dev) and a real git server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type {
  CommitPage,
  ConflictVersions,
  ApiError,
  BranchSwitchResult,
  DashboardRepoStatus,
  Environment,
  GitServer,
  TaskDetail,
} from '@superset-git/contracts';
import { cloneRepository, commit, pull as gitPull, push, stage, type Repo } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { dashboardIdOf, type SupersetClient } from '@superset-git/superset';
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
    const toRestyle = await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, {
      branch: 'restyle',
      verify: true,
    });
    expect(toRestyle.body).toMatchObject({ branch: 'restyle', imported: true, differences: [] });

    await renameChart(`${chart.slice_name} (restyled)`);
    await runTask(`/api/dashboards/${uuid}/sync`);
    expect((await post(`/api/dashboards/${uuid}/commit`, { message: 'Restyle' })).status).toBe(201);

    const toMain = await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, {
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
    await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, { branch: 'restyle' });
    expect(await chartName()).toBe(`${chart.slice_name} (restyled)`);
    await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, { branch: 'main' });
    expect(await chartName()).toBe(chart.slice_name);
  });

  it('never loses uncommitted Superset edits: refuses to switch, or keeps them on a safety branch', async () => {
    await renameChart(`${chart.slice_name} (unsaved idea)`);
    const refused = await post<ApiError>(`/api/dashboards/${uuid}/switch`, { branch: 'restyle' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });
    expect(await chartName()).toBe(`${chart.slice_name} (unsaved idea)`);

    const kept = await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, {
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
    await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, { branch: 'main' });
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
      const switched = await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, {
        branch: 'restyle',
      });
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
    expect(
      (await post<BranchSwitchResult>(`/api/dashboards/${uuid}/switch`, { branch: 'main' })).status,
    ).toBe(200);
  });

  it('import puts the current commit into Superset on purpose, over edits made there', async () => {
    await renameChart(`${chart.slice_name} (scribble)`);
    const imported = await runTask(`/api/dashboards/${uuid}/import`);
    expect(imported.state, JSON.stringify(imported.log)).toBe('SUCCESS');
    expect(await chartName()).toBe(chart.slice_name);
  });

  it('restores an earlier version as a new commit, into Superset too; refuses over uncommitted edits', async () => {
    const original = await chartName();
    const earlier = (await api<CommitPage>(server, 'GET', `/api/dashboards/${uuid}/history?limit=1`, caller))
      .body.items[0]!.oid;
    await renameChart(`${original} (to be undone)`);
    const refusedStart = await post<{ taskId: number }>(`/api/dashboards/${uuid}/restore`, { ref: earlier });
    await server.services.tasks.idle();
    const refused = (await api<TaskDetail>(server, 'GET', `/api/tasks/${refusedStart.body.taskId}`, caller))
      .body;
    expect(refused.error).toMatch(/commit them first/);
    expect(await chartName()).toBe(`${original} (to be undone)`);
    await runTask(`/api/dashboards/${uuid}/sync`);
    expect((await post(`/api/dashboards/${uuid}/commit`, { message: 'A rename to undo' })).status).toBe(201);

    const started = await post<{ taskId: number }>(`/api/dashboards/${uuid}/restore`, { ref: earlier });
    expect(started.status).toBe(202);
    await server.services.tasks.idle();
    const restored = (await api<TaskDetail>(server, 'GET', `/api/tasks/${started.body.taskId}`, caller)).body;
    expect(restored.state, restored.error ?? '').toBe('SUCCESS');
    expect(await chartName()).toBe(original);
    const history = (await api<CommitPage>(server, 'GET', `/api/dashboards/${uuid}/history?limit=2`, caller))
      .body;
    expect(history.items.map((item) => item.subject)).toEqual([
      `Restore the version of ${earlier}`,
      'A rename to undo',
    ]);
    const again = await post<{ taskId: number }>(`/api/dashboards/${uuid}/restore`, { ref: earlier });
    await server.services.tasks.idle();
    const nothing = (await api<TaskDetail>(server, 'GET', `/api/tasks/${again.body.taskId}`, caller)).body;
    expect(nothing.error).toMatch(/already at that version/);
  });

  it('deletes a branch but not the current one, and asks for force when it holds unmerged commits', async () => {
    expect((await post(`/api/dashboards/${uuid}/branches`, { name: 'scratch' })).status).toBe(201);
    const current = (await api<DashboardRepoStatus>(server, 'GET', `/api/dashboards/${uuid}/status`, caller))
      .body.git.branch!;
    const own = await api<ApiError>(
      server,
      'DELETE',
      `/api/dashboards/${uuid}/branches?name=${current}`,
      caller,
    );
    expect(own.status).toBe(409);
    expect(own.body.error).toMatchObject({ code: 'GIT_BRANCH_IS_CURRENT', message: /current branch/ });
    const deleted = await api<{ backupRef: string }>(
      server,
      'DELETE',
      `/api/dashboards/${uuid}/branches?name=scratch`,
      caller,
    );
    expect(deleted.status).toBe(200);
    const names = (
      await api<{ items: Array<{ name: string }> }>(server, 'GET', `/api/dashboards/${uuid}/branches`, caller)
    ).body.items.map((branch) => branch.name);
    expect(names).not.toContain('scratch');
  });

  describe('pull: Superset follows, and waits while a conflict is open', () => {
    const credentials = () => ({ username: 'x', token: remote.token });
    let other: Repo;
    const dashboardTitle = async () =>
      (
        await superset.json(
          { path: `/api/v1/dashboard/${uuid}`, action: 'read the dashboard' },
          z.object({ result: z.object({ dashboard_title: z.string() }) }),
        )
      ).result.dashboard_title;
    const setTitle = async (title: string) =>
      superset.call({
        method: 'PUT',
        path: `/api/v1/dashboard/${await dashboardIdOf(superset, uuid)}`,
        json: { dashboard_title: title },
        action: 'retitle',
      });
    /** Someone else changes the dashboard's title in their clone and pushes. */
    async function theyRetitle(title: string) {
      await gitPull(other, { credentials: credentials(), author: { name: 'Other', email: 'o@example.com' } });
      const file = path.join(other.path, 'dashboard.yaml');
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace(/^dashboard_title: .*$/m, `dashboard_title: ${title}`),
      );
      await stage(other);
      await commit(other, {
        message: `Their title: ${title}`,
        author: { name: 'Other', email: 'o@example.com' },
      });
      await push(other, { credentials: credentials() });
    }
    /** And we change the same line, in Superset, then sync and commit it. */
    async function weRetitle(title: string) {
      await setTitle(title);
      await runTask(`/api/dashboards/${uuid}/sync`);
      expect((await post(`/api/dashboards/${uuid}/commit`, { message: `My title: ${title}` })).status).toBe(
        201,
      );
    }
    let original = '';

    beforeAll(async () => {
      original = await dashboardTitle();
      expect((await runTask(`/api/dashboards/${uuid}/push`)).state).toBe('SUCCESS');
      other = (
        await cloneRepository({
          url: `${remote.url}/web-traffic.git`,
          dir: path.join(tempDir(), 'other'),
          credentials: credentials(),
        })
      ).repo;
    });
    afterAll(async () => {
      await setTitle(original).catch(() => undefined);
    });

    it('a pull without conflicts imports what it brought into Superset', async () => {
      await theyRetitle('Web Traffic (from a teammate)');
      const pulled = await runTask(`/api/dashboards/${uuid}/pull`);
      expect(pulled.state, JSON.stringify(pulled.log)).toBe('SUCCESS');
      expect(await dashboardTitle()).toBe('Web Traffic (from a teammate)');
      expect(pulled.log.map((line) => line.message)).toContainEqual(
        expect.stringMatching(/^Imported \d+ object\(s\) into dev$/),
      );
    });

    it('refuses to pull over Superset edits that are not committed, and loses nothing', async () => {
      await setTitle('Web Traffic (unsaved)');
      const refused = await runTask(`/api/dashboards/${uuid}/pull`);
      expect(refused.state).toBe('FAILED');
      expect(refused.error).toMatch(/commit them first/);
      expect(await dashboardTitle()).toBe('Web Traffic (unsaved)');
      await setTitle('Web Traffic (from a teammate)');
      await runTask(`/api/dashboards/${uuid}/sync`);
    });

    it('a conflict waits for a person, nothing imported; keeping mine keeps Superset as it is', async () => {
      await theyRetitle('Web Traffic (theirs)');
      await weRetitle('Web Traffic (mine)');
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
      const sides = await api<ConflictVersions>(
        server,
        'GET',
        `/api/dashboards/${uuid}/conflicts/file?path=dashboard.yaml`,
        caller,
      );
      expect(sides.body.mine).toMatch(/^dashboard_title: Web Traffic \(mine\)$/m);
      expect(sides.body.theirs).toMatch(/^dashboard_title: Web Traffic \(theirs\)$/m);
      expect(sides.body.base).toMatch(/^dashboard_title: Web Traffic \(from a teammate\)$/m);
      expect(sides.body.merged).toMatch(/^<<<<<<< .*\ndashboard_title: Web Traffic \(mine\)\n=======\n/m);
      const noConflict = `/api/dashboards/${uuid}/conflicts/file?path=charts/nothing.yaml`;
      expect((await api(server, 'GET', noConflict, caller)).status).toBe(400);
      expect(await dashboardTitle()).toBe('Web Traffic (mine)');
      expect((await post(`/api/dashboards/${uuid}/merge/continue`)).status).toBe(409);
      const resolve = { path: 'dashboard.yaml', resolution: 'mine' };
      expect((await post(`/api/dashboards/${uuid}/conflicts/resolve`, resolve)).status).toBe(200);
      expect((await post(`/api/dashboards/${uuid}/merge/continue`)).status).toBe(201);
      const finished = await api<TaskDetail>(server, 'GET', `/api/tasks/${pulled.id}`, caller);
      expect(finished.body.state).toBe('SUCCESS');
      expect(await dashboardTitle()).toBe('Web Traffic (mine)');
      expect((await runTask(`/api/dashboards/${uuid}/push`)).state).toBe('SUCCESS');
    });

    it('taking theirs imports their version into Superset once the merge is continued', async () => {
      await theyRetitle('Web Traffic (theirs again)');
      await weRetitle('Web Traffic (mine again)');
      const pulled = await runTask(`/api/dashboards/${uuid}/pull`);
      expect(pulled.state).toBe('AWAITING_INPUT');
      const resolve = { path: 'dashboard.yaml', resolution: 'theirs' };
      expect((await post(`/api/dashboards/${uuid}/conflicts/resolve`, resolve)).status).toBe(200);
      expect(await dashboardTitle()).toBe('Web Traffic (mine again)');
      expect((await post(`/api/dashboards/${uuid}/merge/continue`)).status).toBe(201);
      expect(await dashboardTitle()).toBe('Web Traffic (theirs again)');
      const state = await api<DashboardRepoStatus>(server, 'GET', `/api/dashboards/${uuid}/status`, caller);
      expect(state.body.git.clean).toBe(true);
    });
  });
});
