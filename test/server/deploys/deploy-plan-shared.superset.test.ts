// The deploy plan against two real Superset instances, for what a deploy reaches beyond its dashboard: the other
// dashboards on prod using a chart or dataset it overwrites, changes made on prod since, broken references
// refused before any import, and collisions settled by one saved setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settingsWithFix, type Environment, type PlanFix } from '@superset-git/contracts';
import { bundleYaml, listDatabases, parseBundleYaml, type SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev, supersetProd } from '../../superset-instances.ts';
import {
  clientFor,
  dashboardCharts,
  dashboardId,
  dashboardTitle,
  dashboardUuid,
  deleteDashboardsAndCharts,
} from '../../support/superset-admin.ts';
import { apiOf, expectStatus, syncAndCommit } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { commitOnBranch } from '../../support/repo-edits.ts';

let server: TestServer;
let api: ApiClient;
let dev: SupersetClient;
let prod: SupersetClient;
let prodEnv: Environment;
let sales: string;
let emea: string;
let releaseLock: (() => void) | undefined;
const restore: Array<() => Promise<unknown>> = [];

const Dataset = z.object({
  result: z.object({ description: z.string().nullish(), database: z.object({ id: z.number() }) }),
});
const salesDatasetId = async (client: SupersetClient) =>
  (
    await client.json(
      {
        path: '/api/v1/dataset/',
        query: { q: '(filters:!((col:table_name,opr:eq,value:sales)))' },
        action: 'find sales',
      },
      z.object({ result: z.array(z.object({ id: z.number() })) }),
    )
  ).result[0]!.id;
const datasetOf = (client: SupersetClient, id: number) =>
  client.json({ path: `/api/v1/dataset/${id}`, action: 'read a dataset' }, Dataset);
const describeDataset = (client: SupersetClient, id: number, description: string | null) =>
  client.call({ method: 'PUT', path: `/api/v1/dataset/${id}`, json: { description }, action: 'describe' });

async function plan(uuid: string, ref: string, dryRun = true) {
  const answer = await api.raw.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { environmentId: prodEnv.id, ref, dryRun },
  });
  await server.services.tasks.idle();
  expect(answer.response.status, JSON.stringify(answer.error)).toBe(200);
  return answer.data!;
}

async function applyFix(fix: PlanFix) {
  const saved = await api.GET('/api/environments/{id}/deploy-settings', {
    params: { path: { id: prodEnv.id } },
  });
  await api.PUT('/api/environments/{id}/deploy-settings', {
    params: { path: { id: prodEnv.id } },
    body: settingsWithFix(saved, fix),
  });
}
/**
 * git keeps commit times in whole seconds, and a change on prod within a commit's own second counts as newer
 * than the commit: steps whose order the test asserts are put in different seconds.
 */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1050 - (Date.now() % 1000)));
const clearSettings = () =>
  api.raw.PUT('/api/environments/{id}/deploy-settings', { params: { path: { id: prodEnv.id } }, body: {} });

async function connect(uuid: string, environmentId: number) {
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId, mode: 'init' },
    }),
  );
  await syncAndCommit(api, uuid, 'First version');
}

/** On dev, a second dashboard with one chart on the `sales` dataset Sales Overview uses. */
async function emeaWeekly(datasetId: number): Promise<string> {
  const id = await dev.json(
    {
      method: 'POST',
      path: '/api/v1/dashboard/',
      json: { dashboard_title: 'EMEA weekly', slug: `emea-weekly-${Date.now()}`, published: true },
      action: 'create a dashboard',
    },
    z.object({ id: z.number() }),
  );
  await dev.call({
    method: 'POST',
    path: '/api/v1/chart/',
    json: {
      slice_name: 'EMEA orders',
      viz_type: 'big_number_total',
      datasource_id: datasetId,
      datasource_type: 'table',
      params: JSON.stringify({ metric: 'count', viz_type: 'big_number_total' }),
      dashboards: [id.id],
    },
    action: 'create a chart',
  });
  const found = await dev.json(
    { path: `/api/v1/dashboard/${id.id}`, action: 'read' },
    z.object({ result: z.object({ slug: z.string() }) }),
  );
  return dashboardUuid(dev, found.result.slug);
}

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const add = (name: string, info: typeof devInfo) =>
    api.POST('/api/environments', {
      body: { name, url: info.url, username: info.username, password: info.password },
    });
  const devEnv = await add('dev', devInfo);
  prodEnv = await add('prod', prodInfo);
  sales = await dashboardUuid(dev, 'sales-overview');
  await connect(sales, devEnv.id);
  const devDataset = await salesDatasetId(dev);
  emea = await emeaWeekly(devDataset);
  restore.push(async () => {
    const charts = await dashboardCharts(dev, emea).catch(() => []);
    await deleteDashboardsAndCharts(dev, [emea], []);
    for (const chart of charts)
      await dev.call({ method: 'DELETE', path: `/api/v1/chart/${chart.id}`, action: 'clean up' });
  });
  await connect(emea, devEnv.id);
}, 600_000);

afterAll(async () => {
  for (const step of restore.reverse()) await step().catch(() => undefined);
  if (api) await clearSettings();
  await Promise.all([server?.close(), dev?.close(), prod?.close()]);
  releaseLock?.();
}, 120_000);

describe('a deploy plan that knows what else it touches (dev → prod)', () => {
  it('lists the other dashboards on prod using a dataset it changes, and warns once prod changed it since', async () => {
    const first = await plan(sales, 'main', false);
    const deployed = await api.GET('/api/deployments/{id}', {
      params: { path: { id: first.deployment!.id } },
    });
    expect(deployed.state, deployed.message ?? '').toBe('SUCCESS');

    const devDataset = await salesDatasetId(dev);
    const before = (await datasetOf(dev, devDataset)).result.description ?? null;
    restore.push(() => describeDataset(dev, devDataset, before));
    await describeDataset(dev, devDataset, 'Orders, EMEA edition');
    await nextSecond();
    await syncAndCommit(api, emea, 'Describe the sales dataset');

    const shared = await plan(emea, 'main');
    const dataset = shared.plan.items.find((item) => item.objectType === 'dataset');
    expect(dataset).toMatchObject({ name: 'sales', action: 'update' });
    expect(dataset!.usedBy).toContainEqual({ id: await dashboardId(prod, sales), title: 'Sales Overview' });
    expect(shared.plan.shared).toBeGreaterThanOrEqual(1);
    expect(shared.plan.warnings.map((warning) => warning.message).join('\n')).not.toMatch(/changed on prod/);

    const prodDataset = await salesDatasetId(prod);
    const onProd = (await datasetOf(prod, prodDataset)).result.description ?? null;
    restore.push(() => describeDataset(prod, prodDataset, onProd));
    await nextSecond();
    await describeDataset(prod, prodDataset, 'Edited by hand on prod');
    const newer = await plan(emea, 'main');
    expect(newer.plan.warnings).toContainEqual(
      expect.objectContaining({
        message: expect.stringMatching(
          /^dataset 'sales' was changed on prod on \d{1,2} \w{3} \d\d:\d\d UTC by .+, after the commit that last changed it in the repository; deploying overwrites it\.$/,
        ),
      }),
    );
  });

  it("names the other dashboards using a chart it renames, from prod's own links", async () => {
    const prodCharts = await dashboardCharts(prod, sales);
    const chart = prodCharts.find((item) => item.slice_name === 'Revenue by region')!;
    const customers = await dashboardId(prod, 'customers');
    const link = (dashboards: number[]) =>
      prod.call({ method: 'PUT', path: `/api/v1/chart/${chart.id}`, json: { dashboards }, action: 'link' });
    restore.push(async () => link([await dashboardId(prod, sales)]));
    await link([await dashboardId(prod, sales), customers]);
    commitOnBranch(`${server.dataDir}/repos/${sales}`, 'renamed-chart', (_file, text) =>
      /^slice_name: Revenue by region$/m.test(text)
        ? text.replace(/^slice_name: .*$/m, 'slice_name: Revenue per region')
        : null,
    );
    const renamed = await plan(sales, 'renamed-chart');
    // (prod's hand-edited dataset from the test before is shared as well; the chart is what this test is about)
    expect(
      renamed.plan.items.filter((item) => item.objectType === 'chart' && item.usedBy.length > 0),
    ).toEqual([
      expect.objectContaining({
        objectType: 'chart',
        name: 'Revenue per region',
        usedBy: [{ id: customers, title: await dashboardTitle(prod, customers) }],
      }),
    ]);
  });

  it('refuses a native filter scoped to a chart the dashboard does not hold, naming filter and chart', async () => {
    const ghost = '0badc0de-0000-4000-8000-000000000001';
    commitOnBranch(`${server.dataDir}/repos/${sales}`, 'ghost-chart', (file, text) => {
      if (file !== 'dashboard.yaml') return null;
      const dashboard = parseBundleYaml(text, file) as {
        metadata: { native_filter_configuration: Array<{ name: string; chartsInScope: string[] }> };
      };
      dashboard.metadata.native_filter_configuration
        .find((filter) => filter.name === 'Region')!
        .chartsInScope.push(ghost);
      return bundleYaml(dashboard);
    });
    const refused = await plan(sales, 'ghost-chart');
    expect(refused.plan.errors).toEqual([
      expect.objectContaining({
        path: 'dashboard.yaml',
        message: `Native filter 'Region' names chart ${ghost}, which is not in this dashboard. Remove it from the scope in Superset, sync and commit.`,
      }),
    ]);
  });

  it("a database name taken on prod: adopting prod's database in one saved setting lets the deploy through", async () => {
    const other = '6b6b6b6b-0000-4000-8000-0000000000aa';
    commitOnBranch(`${server.dataDir}/repos/${sales}`, 'other-database', (file, text) => {
      if (file.startsWith('databases/')) return text.replace(/^uuid: .*$/m, `uuid: ${other}`);
      if (file.startsWith('datasets/'))
        return text.replace(/^database_uuid: .*$/m, `database_uuid: ${other}`);
      return null;
    });
    const refused = await plan(sales, 'other-database');
    const [problem] = refused.plan.errors;
    expect(problem?.message).toMatch(/another database named 'examples'/);
    const adopt = problem!.fixes!.find((fix) => fix.kind === 'adopt-database')!;
    const examples = (await listDatabases(prod)).find((database) => database.name === 'examples')!;
    expect(adopt).toMatchObject({ databaseUuid: other, targetDatabaseUuid: examples.uuid });
    expect(problem!.fixes!.map((fix) => fix.kind)).toContain('rename-database');

    await applyFix(adopt);
    const clean = await plan(sales, 'other-database');
    expect(clean.plan.errors).toEqual([]);
    const done = await plan(sales, 'other-database', false);
    const deployment = await api.GET('/api/deployments/{id}', {
      params: { path: { id: done.deployment!.id } },
    });
    expect(deployment.state, deployment.message ?? '').toBe('SUCCESS');
    expect((await listDatabases(prod)).map((database) => database.name)).toEqual(['examples']);
    expect((await datasetOf(prod, await salesDatasetId(prod))).result.database.id).toBe(examples.id);
    await clearSettings();
  });

  it('a slug another prod dashboard has: the offered slug, saved, plans clean', async () => {
    await api.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { dashboardSlug: 'customers' },
    });
    const taken = await plan(sales, 'main');
    expect(taken.plan.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/another dashboard with slug 'customers'/),
        fixes: [expect.objectContaining({ kind: 'dashboard-slug', dashboardSlug: 'customers-2' })],
      }),
    ]);
    await applyFix(taken.plan.errors[0]!.fixes![0]!);
    expect((await plan(sales, 'main')).plan.errors).toEqual([]);
    await clearSettings();
  });
});
