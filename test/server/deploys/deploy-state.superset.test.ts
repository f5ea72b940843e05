// What a target environment's hub shows, through the API against two real Superset instances (test-dev →
// test-prod): the plan's per-object changes, the version live on prod, drift after an edit made on prod, and the
// live version moving back on rollback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@superset-git/contracts';
import { createTag, openRepo } from '@superset-git/git';
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
import { apiOf, expectStatus, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { commitOnBranch } from '../../support/repo-edits.ts';

let server: TestServer;
let api: ApiClient;
let dev: SupersetClient;
let prod: SupersetClient;
let devEnv: Environment;
let prodEnv: Environment;
let uuid: string;
let chartUuid: string;

const CHART = 'Revenue by region';
const RENAMED = 'Revenue per region';

async function deploy(ref: string, dryRun: boolean) {
  const answer = await api.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { environmentId: prodEnv.id, ref, dryRun },
  });
  await server.services.tasks.idle();
  return answer;
}

const prodState = async () => {
  const answer = await api.GET('/api/environments/{id}/deploy-state', {
    params: { path: { id: prodEnv.id }, query: { dashboards: uuid } },
  });
  return answer.items.find((item) => item.dashboardUuid === uuid);
};

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = (name: string, info: typeof devInfo) =>
    api.POST('/api/environments', {
      body: { name, url: info.url, username: info.username, password: info.password },
    });
  devEnv = await environment('dev', devInfo);
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
  await createTag(openRepo(`${server.dataDir}/repos/${uuid}`), { name: 'v1' });
  // A colleague renamed one chart on a branch: the deploy of that branch changes exactly its title.
  commitOnBranch(`${server.dataDir}/repos/${uuid}`, 'rename', (file, text) =>
    file.startsWith('charts/') && text.includes(`slice_name: ${CHART}\n`)
      ? text.replace(`slice_name: ${CHART}\n`, `slice_name: ${RENAMED}\n`)
      : null,
  );
  const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
  const charts = [...tree].filter(([path]) => path.startsWith('charts/'));
  chartUuid = charts
    .find(([, text]) => text.includes(`slice_name: ${CHART}`))![1]
    .match(/^uuid: (.*)$/m)![1]!;
  await deleteDashboardsAndCharts(
    prod,
    [uuid],
    charts.map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!),
  );
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), dev?.close(), prod?.close()]);
  releaseLock?.();
});

describe('a target environment: plan per object, live version, drift (test-dev → test-prod)', () => {
  it('on a prod without the dashboard every chart is new, and prod has no live version yet', async () => {
    const { plan } = await deploy('v1', true);
    const charts = plan.items.filter((item) => item.objectType === 'chart');
    expect(charts.length).toBeGreaterThan(5);
    expect(charts.every((item) => item.action === 'create' && item.before === null)).toBe(true);
    expect(await prodState()).toMatchObject({ sourceEnvironmentId: devEnv.id, live: null, drift: [] });
  });

  it('after a deploy prod shows the version live and no drift; its hub offers no git status', async () => {
    const { deployment } = await deploy('v1', false);
    expect((await api.GET('/api/deployments/{id}', { params: { path: { id: deployment!.id } } })).state).toBe(
      'SUCCESS',
    );
    const state = await prodState();
    expect(state?.live).toMatchObject({ deploymentId: deployment!.id, ref: 'v1', deployedBy: 'admin' });
    expect(state?.drift).toEqual([]);
    const hub = (id: number) =>
      api.GET('/api/environments/{id}/dashboards', {
        params: { path: { id }, query: { search: 'Sales Overview' } },
      });
    expect((await hub(prodEnv.id)).items.find((item) => item.uuid === uuid)?.git).toBeNull();
    expect((await hub(devEnv.id)).items.find((item) => item.uuid === uuid)?.git).toMatchObject({
      branch: 'main',
    });
  });

  it('the plan of a branch that renamed a chart says so in words and shows both versions', async () => {
    const { plan } = await deploy('rename', true);
    const updates = plan.items.filter((item) => item.action === 'update');
    expect(updates).toEqual([
      expect.objectContaining({
        objectType: 'chart',
        name: RENAMED,
        changes: [`renamed '${CHART}' → '${RENAMED}'`],
      }),
    ]);
    expect(updates[0]!.before).toContain(`slice_name: ${CHART}`);
    expect(updates[0]!.after).toContain(`slice_name: ${RENAMED}`);
  });

  it('an edit made on prod after the deploy shows as drift naming the chart, and its diff on request', async () => {
    const { deployment } = await deploy('rename', false);
    expect((await prodState())?.live).toMatchObject({ deploymentId: deployment!.id, ref: 'rename' });
    const [chartId] = [...(await idsOf(prod, 'chart', [chartUuid])).values()];
    await prod.call({
      method: 'PUT',
      path: `/api/v1/chart/${chartId}`,
      json: { slice_name: 'Revenue (edited on prod)' },
      action: 'edit on prod',
    });
    const state = await prodState();
    expect(state?.drift).toEqual([
      expect.objectContaining({ objectType: 'chart', uuid: chartUuid, name: 'Revenue (edited on prod)' }),
    ]);
    const diff = await api.GET('/api/dashboards/{uuid}/drift', {
      params: { path: { uuid }, query: { environment: prodEnv.id } },
    });
    expect(diff.live?.ref).toBe('rename');
    expect(diff.against).toMatchObject({ ref: 'rename', live: true });
    expect(diff.unchanged).toBeGreaterThan(5);
    expect(diff.items).toEqual([
      expect.objectContaining({
        uuid: chartUuid,
        kind: 'different',
        changes: [`renamed '${RENAMED}' → 'Revenue (edited on prod)'`],
      }),
    ]);
  });

  it('a rollback moves the live version back to the deploy before it, with no drift', async () => {
    const history = await api.GET('/api/deployments', {
      params: { query: { dashboard: uuid, environment: prodEnv.id } },
    });
    const [latest, first] = history.items;
    await api.POST('/api/deployments/{id}/rollback', { params: { path: { id: latest!.id } } });
    await server.services.tasks.idle();
    const state = await prodState();
    expect(state?.live).toMatchObject({ deploymentId: first!.id, ref: 'v1' });
    expect(state?.drift).toEqual([]);
  });
});
