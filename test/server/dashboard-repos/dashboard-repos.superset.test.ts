// A dashboard in git through the API, against the real Superset (dev) and a real git server: connect to an
// empty remote, sync, see changes by object, commit, re-sync with no edit (clean), rename a chart in Superset
// (one file, one line), push, and the hub's git column.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Environment, GitServer } from '@superset-git/contracts';
import { cloneRepository, log } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, runTask, expectStatus } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { tempDir } from '../../git/git-fixtures.ts';
import { startProviderFake, type ProviderFake } from '../../support/provider-fakes.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let api: ApiClient;
let remote: GitRemote;
let superset: SupersetClient;
let environment: Environment;
let gitServer: GitServer;
let customers: string;
let github: ProviderFake | undefined;

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  api = apiOf(server, await login(server));
  environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  gitServer = await api.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
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
    const connected = await api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid: customers } },
      body: { environmentId: environment.id, mode: 'attach', gitServerId: gitServer.id, remoteUrl: url },
    });
    expect(connected.response.status, JSON.stringify(connected.data ?? connected.error)).toBe(201);
    const task = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/sync', {
        params: { path: { uuid: customers } },
      }),
    );
    expect(task.state, JSON.stringify(task.log)).toBe('SUCCESS');
    const state = await api.GET('/api/dashboards/{uuid}/status', {
      params: { path: { uuid: customers } },
    });
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

  it('commits as the signed-in user, authored by the Superset user, and a second sync with no edit leaves it clean', async () => {
    const committed = await api.raw.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid: customers } },
      body: { message: 'Customers as exported' },
    });
    expect(committed.response.status).toBe(201);
    const history = await api.raw.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid: customers }, query: { limit: 5 } },
    });
    expect(history.data!.items[0]).toMatchObject({
      oid: committed.data!.oid,
      author: { email: expect.stringMatching(/^superset-user-\d+@superset\.invalid$/) },
      committer: { name: 'Administrator' },
    });
    await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/sync', {
        params: { path: { uuid: customers } },
      }),
    );
    const state = await api.GET('/api/dashboards/{uuid}/status', {
      params: { path: { uuid: customers } },
    });
    expect(state.changes).toEqual([]);
    expect(state.git.clean).toBe(true);
  });

  it('finds a chart’s history by words of its name, as by its file', async () => {
    const charts = await superset.json(
      { path: `/api/v1/dashboard/${customers}/charts`, action: 'list charts' },
      z.object({ result: z.array(z.object({ slice_name: z.string() })) }),
    );
    const name = charts.result[0]!.slice_name;
    const byName = await api.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid: customers }, query: { object: name.toUpperCase() } },
    });
    expect(byName.items.length).toBeGreaterThan(0);
    const files = await api.GET('/api/dashboards/{uuid}/commits/{sha}', {
      params: { path: { uuid: customers, sha: byName.items[0]!.oid } },
    });
    const file = files.files.find((entry) => entry.objectName === name)!.path;
    const byFile = await api.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid: customers }, query: { path: file } },
    });
    expect(byName.items.map((item) => item.oid)).toEqual(byFile.items.map((item) => item.oid));
    const none = await api.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid: customers }, query: { object: 'no chart is called this' } },
    });
    expect(none.items).toEqual([]);
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
      await runTask(
        api,
        api.raw.POST('/api/dashboards/{uuid}/sync', {
          params: { path: { uuid: customers } },
        }),
      );
      const state = await api.GET('/api/dashboards/{uuid}/status', {
        params: { path: { uuid: customers } },
      });
      expect(state.changes).toEqual([
        expect.objectContaining({
          changeType: 'modified',
          objectType: 'chart',
          objectName: `${chart.slice_name} renamed`,
          summary: [`renamed '${chart.slice_name}' → '${chart.slice_name} renamed'`],
        }),
      ]);
      const diff = await api.raw.GET('/api/dashboards/{uuid}/diff', {
        params: { path: { uuid: customers }, query: { path: state.changes[0]!.path } },
      });
      const changed = diff.data!.patch.split('\n').filter((line) => /^[-+][^-+]/.test(line));
      expect(changed).toEqual([
        `-slice_name: ${chart.slice_name}`,
        `+slice_name: ${chart.slice_name} renamed`,
      ]);
      expect(diff.data).toMatchObject({ objectType: 'chart', summary: state.changes[0]!.summary });
      expect(diff.data!.before).toMatch(new RegExp(`^slice_name: ${escapeRegExp(chart.slice_name)}$`, 'm'));
      expect(diff.data!.after).toMatch(
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
    const renamed = await api.raw.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid: customers } },
      body: { message: 'Rename a chart' },
    });
    const detail = await api.raw.GET('/api/dashboards/{uuid}/commits/{sha}', {
      params: { path: { uuid: customers, sha: renamed.data!.oid } },
    });
    expect(detail.data!.files).toEqual([
      expect.objectContaining({
        objectType: 'chart',
        summary: [expect.stringMatching(/^renamed '.*' → '.* renamed'$/)],
      }),
    ]);
    const pushed = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/push', {
        params: { path: { uuid: customers } },
      }),
    );
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
    const hub = await api.raw.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: environment.id }, query: { search: 'Customers' } },
    });
    expect(hub.data!.items.find((item) => item.uuid === customers)?.git).toMatchObject({
      branch: 'main',
      clean: true,
      ahead: 0,
      behind: 0,
    });
  });

  it('refuses to clone a repository that holds another dashboard, and connects nothing', async () => {
    const salesUuid = await dashboardUuid(superset, 'sales-overview');
    const answer = await api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid: salesUuid } },
      body: {
        environmentId: environment.id,
        mode: 'clone',
        gitServerId: gitServer.id,
        remoteUrl: `${remote.url}/customers.git`,
      },
    });
    expect(answer.response.status).toBe(409);
    expect(answer.error!.error.message).toMatch(/another dashboard/);
    await expectStatus(
      404,
      api.raw.GET('/api/dashboards/{uuid}/repository', {
        params: { path: { uuid: salesUuid } },
      }),
    );
  });

  it('init can create the remote on GitHub first (a local server answering as GitHub’s REST docs, backed by the real git server)', async () => {
    github = await startProviderFake(
      'github',
      { [remote.token]: { login: 'alice', scopes: ['repo'] } },
      { gitRemote: remote },
    );
    const onGitHub = await api.raw.POST('/api/git/servers', {
      body: { name: 'GitHub fake', provider: 'github', url: github.url, token: remote.token },
    });
    expect(onGitHub.response.status, JSON.stringify(onGitHub.data ?? onGitHub.error)).toBe(201);
    const extra = await dashboardUuid(superset, 'extra-001');
    const connect = () =>
      api.raw.POST('/api/dashboards/{uuid}/repository', {
        params: { path: { uuid: extra } },
        body: {
          environmentId: environment.id,
          mode: 'init',
          gitServerId: onGitHub.data!.id,
          createRemote: { name: 'extra-dash' },
        },
      });
    const connected = await connect();
    expect(connected.response.status, JSON.stringify(connected.data ?? connected.error)).toBe(201);
    expect(connected.data!.remoteUrl).toBe(`${remote.url}/alice-extra-dash.git`);
    expect(github.requests.find((request) => request.path === '/user/repos')?.body).toMatchObject({
      name: 'extra-dash',
      private: true,
    });
    expect(
      (
        await runTask(
          api,
          api.raw.POST('/api/dashboards/{uuid}/push', {
            params: { path: { uuid: extra } },
          }),
        )
      ).state,
    ).toBe('SUCCESS');
    const { repo } = await cloneRepository({
      url: connected.data!.remoteUrl!,
      dir: path.join(tempDir(), 'created'),
      credentials: { username: 'x', token: remote.token },
    });
    expect((await log(repo)).items.map((item) => item.subject)).toEqual(['Initialize repository']);

    // The name is taken now: GitHub's refusal comes back, and no repository is left behind.
    await api.raw.DELETE('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid: extra }, query: { deleteRepository: 'true' } },
    });
    const again = await connect();
    expect(again.response.status).toBe(409);
    expect(again.error!.error.message).toMatch(/name already exists/);
    await expectStatus(
      404,
      api.raw.GET('/api/dashboards/{uuid}/repository', {
        params: { path: { uuid: extra } },
      }),
    );
  });
});
