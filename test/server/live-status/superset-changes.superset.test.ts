// Live status against the real Superset (dev) and a real git server: after a sync and a commit nothing is edited;
// a chart renamed through Superset's API is named by the dashboard's superset-changes and marked on the hub,
// without a sync; a sync takes it in and the marks clear.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Environment } from '@superset-git/contracts';
import { cloneRepository, commit, push, stage } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardTitle, dashboardUuid, renameDashboard } from '../../support/superset-admin.ts';
import { apiOf, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { tempDir, write } from '../../git/git-fixtures.ts';

let server: TestServer;
let api: ApiClient;
let superset: SupersetClient;
let environment: Environment;
let customers: string;
let releaseLock: (() => void) | undefined;
let remote: GitRemote;
const FETCH_INTERVAL_MS = 3000;

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer({
    config: { pluginConfig: { git: { backgroundFetchIntervalMs: FETCH_INTERVAL_MS } } },
  });
  api = apiOf(server, await login(server));
  environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  customers = await dashboardUuid(superset, 'customers');
  await api.POST('/api/dashboards/{uuid}/repository', {
    params: { path: { uuid: customers } },
    body: { environmentId: environment.id, mode: 'init' },
  });
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), superset?.close(), remote?.stop().catch(() => undefined)]);
  releaseLock?.();
});

const params = () => ({ params: { path: { uuid: customers } } });
const baselineFile = () =>
  path.join(server.dataDir, 'repos', customers, '.git', 'superset-git', 'superset-baseline.json');
const hubGit = async () => {
  const hub = await api.GET('/api/environments/{id}/dashboards', {
    params: { path: { id: environment.id }, query: { search: 'Customers' } },
  });
  return hub.items.find((item) => item.uuid === customers)?.git;
};

describe('live status: edits in Superset without a sync (real Superset dev)', () => {
  it('after sync and commit nothing is edited, and the hub says so', async () => {
    const task = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', params()));
    expect(task.state, JSON.stringify(task.log)).toBe('SUCCESS');
    await api.POST('/api/dashboards/{uuid}/commit', { ...params(), body: { message: 'As exported' } });
    const answer = await api.GET('/api/dashboards/{uuid}/superset-changes', params());
    expect(answer).toMatchObject({ basis: 'baseline', complete: true, changes: [], pollSeconds: 15 });
    expect(fs.existsSync(baselineFile())).toBe(true);
    expect(await hubGit()).toMatchObject({ clean: true, supersetEdited: false });
  });

  it('names a chart renamed through Superset’s API, with who changed it, and the hub marks the dashboard', async () => {
    const charts = await superset.json(
      { path: `/api/v1/dashboard/${customers}/charts`, action: 'list charts' },
      z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
    );
    const chart = charts.result[0]!;
    await superset.call({
      method: 'PUT',
      path: `/api/v1/chart/${chart.id}`,
      json: { slice_name: `${chart.slice_name} (live)` },
      action: 'rename a chart',
    });
    try {
      const answer = await api.GET('/api/dashboards/{uuid}/superset-changes', params());
      expect(answer.changes).toEqual([
        expect.objectContaining({
          type: 'chart',
          name: `${chart.slice_name} (live)`,
          changedBy: expect.any(String),
        }),
      ]);
      expect(Date.now() - Date.parse(answer.changes[0]!.changedOn)).toBeLessThan(5 * 60_000);
      // Not synced: the git status alone still says clean, the hub's mark says otherwise.
      expect(await hubGit()).toMatchObject({ clean: true, supersetEdited: true });
      // A repository synced before baselines existed: compared with its last sync, the chart is still named.
      fs.rmSync(baselineFile(), { force: true });
      const legacy = await api.GET('/api/dashboards/{uuid}/superset-changes', params());
      expect(legacy.basis).toBe('last-sync');
      expect(legacy.changes.map((change) => change.name)).toEqual([`${chart.slice_name} (live)`]);
      // The hub does not guess for such a repository.
      expect((await hubGit())?.supersetEdited ?? null).toBeNull();
    } finally {
      await superset.call({
        method: 'PUT',
        path: `/api/v1/chart/${chart.id}`,
        json: { slice_name: chart.slice_name },
        action: 'rename back',
      });
    }
    const task = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', params()));
    expect(task.state).toBe('SUCCESS');
    expect((await api.GET('/api/dashboards/{uuid}/superset-changes', params())).changes).toEqual([]);
    expect(await hubGit()).toMatchObject({ supersetEdited: false });
  });

  it('marks the dashboard on the hub when the dashboard itself is edited (its change time comes with the listing)', async () => {
    const title = await dashboardTitle(superset, customers);
    await renameDashboard(superset, customers, `${title} (edited live)`);
    try {
      expect(await hubGit()).toMatchObject({ clean: true, supersetEdited: true });
    } finally {
      await renameDashboard(superset, customers, title);
    }
    const task = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', params()));
    expect(task.state).toBe('SUCCESS');
    expect(await hubGit()).toMatchObject({ supersetEdited: false });
  });
});

describe('background fetch through the API (real git server)', () => {
  let sales: string;
  const salesParams = () => ({ params: { path: { uuid: sales } } });
  const credentials = () => ({ username: 'x', token: remote.token });
  const behind = async () => (await api.GET('/api/dashboards/{uuid}/status', salesParams())).git.behind;

  async function pushFromAnotherClone(url: string, text: string): Promise<void> {
    const { repo } = await cloneRepository({
      url,
      dir: path.join(tempDir(), 'other'),
      credentials: credentials(),
    });
    write(repo, 'NOTES.md', text);
    await stage(repo);
    await commit(repo, { message: text, author: { name: 'Bob', email: 'bob@example.com' } });
    await push(repo, { credentials: credentials() });
  }

  it('shows behind 1 after another clone pushes, without a pull, and fetches at most once per interval', async () => {
    sales = await dashboardUuid(superset, 'sales-overview');
    const gitServer = await api.POST('/api/git/servers', {
      body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
    });
    const url = remote.createRepository('sales-live');
    await api.POST('/api/dashboards/{uuid}/repository', {
      ...salesParams(),
      body: { environmentId: environment.id, mode: 'attach', gitServerId: gitServer.id, remoteUrl: url },
    });
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', salesParams()))).state).toBe(
      'SUCCESS',
    );
    await pushFromAnotherClone(url, 'one');
    expect(await behind()).toBe(0);

    const first = await api.POST('/api/dashboards/{uuid}/background-fetch', salesParams());
    expect(first).toMatchObject({ server: new URL(remote.url).host, error: null });
    expect(first.fetchedAt).not.toBeNull();
    expect(first.movedAt).toBe(first.fetchedAt);
    expect(await behind()).toBe(1);

    // Asked again at once: answered from the last fetch, the server is not asked.
    await pushFromAnotherClone(url, 'two');
    const again = await api.POST('/api/dashboards/{uuid}/background-fetch', salesParams());
    expect(again).toEqual(first);
    expect(await behind()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, FETCH_INTERVAL_MS));
    await api.POST('/api/dashboards/{uuid}/background-fetch', salesParams());
    expect(await behind()).toBe(2);
  });

  it('reports an unreachable git server quietly and keeps the counts and local work', async () => {
    await new Promise((resolve) => setTimeout(resolve, FETCH_INTERVAL_MS));
    await remote.stop();
    const answer = await api.raw.POST('/api/dashboards/{uuid}/background-fetch', salesParams());
    expect(answer.response.status).toBe(200);
    expect(answer.data!.error).toMatch(/Cannot reach the git server/);
    expect(answer.data!.error).not.toContain(remote.token);
    expect(await behind()).toBe(2);
    // Work that needs no git server goes on: a sync from Superset.
    const synced = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', salesParams()));
    expect(synced.state, JSON.stringify(synced.log)).toBe('SUCCESS');
  });
});
