// "Check drift now" through the API against two real Superset instances (test-dev → test-prod): a run started on
// request is a task with progress that names what drifted, a second one meanwhile is refused, and the
// environment's last run (dashboards, drifted, duration) is what the hub reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev, supersetProd } from '../../superset-instances.ts';
import {
  clientFor,
  dashboardId,
  dashboardUuid,
  deleteDashboardsAndCharts,
  exportNormalized,
  idsOf,
} from '../../support/superset-admin.ts';
import { apiOf, expectStatus, refusal, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

const EDITED = 'Revenue (edited on prod, checked now)';

let server: TestServer;
let api: ApiClient;
/** A second server on the same database (and data dir): one check at a time holds across servers. */
let other: TestServer;
let otherApi: ApiClient;
let dev: SupersetClient;
let prod: SupersetClient;
let prodEnv: Environment;
let uuid: string;
let chartUuids: string[];
let firstChart: { uuid: string; name: string };

const checkNow = () =>
  api.raw.POST('/api/environments/{id}/drift-check', { params: { path: { id: prodEnv.id } } });

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  // No schedule: every run here is one started on request.
  server = await startTestServer();
  api = apiOf(server, await login(server));
  other = await startTestServer({ dataDir: server.dataDir, config: { serverId: 'second-server' } });
  otherApi = apiOf(other, await login(other));
  const environment = (name: string, info: typeof devInfo) =>
    api.POST('/api/environments', {
      body: { name, url: info.url, username: info.username, password: info.password },
    });
  const devEnv = await environment('dev', devInfo);
  prodEnv = await environment('prod', prodInfo);
  uuid = await dashboardUuid(dev, 'sales-overview');
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: devEnv.id, mode: 'init' },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
  await api.raw.POST('/api/dashboards/{uuid}/commit', {
    params: { path: { uuid } },
    body: { message: 'Sales Overview' },
  });
  const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
  const charts = [...tree]
    .filter(([path]) => path.startsWith('charts/'))
    .map(([, text]) => ({
      uuid: text.match(/^uuid: (.*)$/m)![1]!,
      name: text.match(/^slice_name: (.*)$/m)![1]!,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  chartUuids = charts.map((chart) => chart.uuid);
  firstChart = charts[0]!;
  await deleteDashboardsAndCharts(prod, [uuid], chartUuids);
}, 400_000);
afterAll(async () => {
  await deleteDashboardsAndCharts(prod, [uuid], chartUuids).catch(() => {});
  await other?.close();
  await Promise.all([server?.close(), dev?.close(), prod?.close()]);
  releaseLock?.();
}, 120_000);

describe('checking drift now on prod (test-dev → test-prod)', () => {
  it('before any deploy prod has nothing to check and no last run', async () => {
    const status = await api.GET('/api/environments/{id}/drift-check', {
      params: { path: { id: prodEnv.id } },
    });
    expect(status).toEqual({ live: 0, everyMinutes: null, running: null, last: null });
  });

  it('a run on request is a task saying how far it got; a second one meanwhile is refused with 409', async () => {
    await api.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
    });
    await server.services.tasks.idle();
    const started = checkNow();
    await started;
    const again = await refusal(
      api.POST('/api/environments/{id}/drift-check', { params: { path: { id: prodEnv.id } } }),
    );
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/drift check of prod is already running/);
    const elsewhere = await refusal(
      otherApi.POST('/api/environments/{id}/drift-check', { params: { path: { id: prodEnv.id } } }),
    );
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.message).toMatch(/^A drift check of prod is already running \(task \d+/);
    const task = await runTask(api, started);
    expect(task.state).toBe('SUCCESS');
    const lines = task.log.map((line) => line.message);
    expect(lines).toContain('checked 1/1 dashboards');
    expect(lines.at(-1)).toMatch(
      /^1 dashboard\(s\) checked on prod in [\d.]+ s: 0 drifted, 0 could not be compared\.$/,
    );

    const status = await api.GET('/api/environments/{id}/drift-check', {
      params: { path: { id: prodEnv.id } },
    });
    expect(status).toMatchObject({ live: 1, running: null, last: { checked: 1, drifted: 0, failed: 0 } });
    expect(status.last!.durationMs).toBeGreaterThan(0);
    const state = await api.GET('/api/environments/{id}/deploy-state', {
      params: { path: { id: prodEnv.id }, query: { dashboards: uuid } },
    });
    expect(state.items[0]!.lastCheck).toMatchObject({ objects: [], error: null });
  });

  it('a chart edited on prod is named in the run and counted as drifted in the last run', async () => {
    const [chartId] = [...(await idsOf(prod, 'chart', [firstChart.uuid])).values()];
    await prod.call({
      method: 'PUT',
      path: `/api/v1/chart/${chartId}`,
      json: { slice_name: EDITED },
      action: 'edit on prod',
    });
    const task = await runTask(api, checkNow());
    const lines = task.log.map((line) => line.message);
    expect(lines).toContain(`'Sales Overview' drifted: chart ${EDITED}`);
    expect(lines.at(-1)).toMatch(/: 1 drifted, 0 could not be compared\.$/);
    const status = await api.GET('/api/environments/{id}/drift-check', {
      params: { path: { id: prodEnv.id } },
    });
    expect(status.last).toMatchObject({ checked: 1, drifted: 1, failed: 0 });
    const state = await api.GET('/api/environments/{id}/deploy-state', {
      params: { path: { id: prodEnv.id }, query: { dashboards: uuid } },
    });
    expect(state.items[0]!.lastCheck!.objects).toEqual([
      { objectType: 'chart', uuid: firstChart.uuid, name: EDITED, kind: 'different' },
    ]);
  });

  it('a viewer may read the last run but not start one', async () => {
    await api.POST('/api/users', {
      body: {
        username: 'viewer-drift',
        name: 'Viewer',
        email: 'viewer@example.com',
        password: 'viewer-password-1',
        role: 'viewer',
      },
    });
    const viewer = apiOf(server, await login(server, 'viewer-drift', 'viewer-password-1'));
    const status = await viewer.GET('/api/environments/{id}/drift-check', {
      params: { path: { id: prodEnv.id } },
    });
    expect(status.last).toMatchObject({ drifted: 1 });
    const refused = await refusal(
      viewer.POST('/api/environments/{id}/drift-check', { params: { path: { id: prodEnv.id } } }),
    );
    expect(refused.status).toBe(403);
  });
});
