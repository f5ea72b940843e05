// A target environment in a real browser (Chromium, real Superset dev + prod): prod's hub shows the version live
// there and names a chart edited on prod since, with its diff; the deploy dialog opens an object of the plan into
// what changes in it and the side-by-side diff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Environment } from '@superset-git/contracts';
import { openRepo, createTag } from '@superset-git/git';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import {
  clientFor,
  dashboardId,
  dashboardUuid,
  deleteDashboardsAndCharts,
  exportNormalized,
  idsOf,
} from '../support/superset-admin.ts';
import { apiOf, runTask } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { commitOnBranch } from '../support/repo-edits.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

const CHART = 'Revenue by region';
const RENAMED = 'Revenue per region';
const EDITED = 'Revenue (edited on prod)';

describe('web UI: a target environment shows what is deployed there (Chromium, real Superset dev + prod)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let dev: SupersetClient;
  let prod: SupersetClient;
  let prodEnv: Environment;
  let uuid: string;
  let chartUuids: string[] = [];
  let releaseLock: (() => void) | undefined;

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
    dev = clientFor(devInfo);
    prod = clientFor(prodInfo);
    server = await startTestServer();
    const api = apiOf(server, await login(server));
    const environment = (name: string, info: typeof devInfo) =>
      api.POST('/api/environments', {
        body: { name, url: info.url, username: info.username, password: info.password },
      });
    const devEnv = await environment('dev', devInfo);
    prodEnv = await environment('prod', prodInfo);
    uuid = await dashboardUuid(dev, 'sales-overview');
    const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
    const charts = [...tree].filter(([file]) => file.startsWith('charts/'));
    chartUuids = charts.map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!);
    const chartUuid = charts
      .find(([, text]) => text.includes(`slice_name: ${CHART}`))![1]
      .match(/^uuid: (.*)$/m)![1]!;
    await deleteDashboardsAndCharts(prod, [uuid], chartUuids);
    await api.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: devEnv.id, mode: 'init' },
    });
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    await api.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid } },
      body: { message: 'Sales' },
    });
    await createTag(openRepo(`${server.dataDir}/repos/${uuid}`), { name: 'v1' });
    commitOnBranch(`${server.dataDir}/repos/${uuid}`, 'rename', (file, text) =>
      file.startsWith('charts/') && text.includes(`slice_name: ${CHART}\n`)
        ? text.replace(`slice_name: ${CHART}\n`, `slice_name: ${RENAMED}\n`)
        : null,
    );
    await api.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id, ref: 'v1', dryRun: false },
    });
    await server.services.tasks.idle();
    const [chartId] = [...(await idsOf(prod, 'chart', [chartUuid])).values()];
    await prod.call({
      method: 'PUT',
      path: `/api/v1/chart/${chartId}`,
      json: { slice_name: EDITED },
      action: 'edit on prod',
    });
    baseUrl = await listenTestServer(server);
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (uuid) await deleteDashboardsAndCharts(prod, [uuid], chartUuids).catch(() => undefined);
    await Promise.all([server?.close(), dev?.close(), prod?.close()]);
    releaseLock?.();
  });

  it("prod's hub shows the live version and names the chart edited on prod, with its diff", async () => {
    await page.goto(`${baseUrl}/environments/${prodEnv.id}`);
    await page.getByLabel('Search title or slug').fill('Sales Overview');
    const row = page.getByTestId('dashboard-row').filter({ hasText: 'Sales Overview' });
    await expect.poll(() => row.getByTestId('deploy-state-live').count()).toBe(1);
    expect(await row.getByTestId('deploy-state-live').textContent()).toMatch(/^v1 \([0-9a-f]{7}\)$/);
    expect(await row.getByTestId('deploy-state-drift').textContent()).toContain(EDITED);
    // Prod is not where this dashboard is edited: none of dev's git actions there.
    expect(await row.getByRole('link', { name: 'Sync' }).count()).toBe(0);
    expect(await row.getByRole('link', { name: 'Push' }).count()).toBe(0);
    await screenshot(page, 'target-hub-1280');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'target-hub-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await row.getByTestId('deploy-state-diff').click();
    const items = page.getByTestId('drift-items');
    await expect.poll(() => items.textContent()).toContain(`renamed '${CHART}' → '${EDITED}'`);
    expect(await page.getByTestId('diff-view').count()).toBe(1);
    await screenshot(page, 'target-hub-drift');
  }, 60_000);

  it('the deploy dialog opens a changed object into its change lines and side-by-side diff', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await page.getByTestId('deploy').click();
    await page.getByLabel('Target environment').selectOption({ label: 'prod' });
    await page.getByTestId('deploy-ref').fill('rename');
    await page.getByRole('button', { name: 'Show the plan' }).click();
    const object = page.getByTestId('plan-object').filter({ hasText: RENAMED });
    await expect.poll(() => object.count()).toBe(1);
    expect(await object.textContent()).toContain('update');
    await object.getByRole('button').click();
    await expect
      .poll(() => object.getByTestId('plan-object-changes').textContent())
      .toContain(`renamed '${EDITED}' → '${RENAMED}'`);
    expect(await object.getByTestId('diff-view').count()).toBe(1);
    await screenshot(page, 'deploy-plan-object-1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'deploy-plan-object-1024');
  }, 60_000);
});
