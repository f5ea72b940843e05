// Live status against the real Superset (dev) and a real git server: after a sync and a commit nothing is edited;
// a chart renamed through Superset's API is named by the dashboard's superset-changes and marked on the hub,
// without a sync; a sync takes it in and the marks clear.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let api: ApiClient;
let superset: SupersetClient;
let environment: Environment;
let customers: string;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  server = await startTestServer();
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
  await Promise.all([server?.close(), superset?.close()]);
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
});
