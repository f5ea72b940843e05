// The deploy dialog in a real browser (Chromium, real Superset dev + prod) says which other dashboards on prod use
// a chart the deploy changes, and settles a slug collision with one click: the setting is saved, the plan redone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import {
  clientFor,
  dashboardCharts,
  dashboardId,
  dashboardTitle,
  dashboardUuid,
} from '../support/superset-admin.ts';
import { apiOf, syncAndCommit } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { commitOnBranch } from '../support/repo-edits.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

const CHART = 'Revenue by region';
const RENAMED = 'Revenue per region';

describe('web UI: the deploy plan shows shared objects and fixes a collision in one click (Chromium, real Superset dev + prod)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let dev: SupersetClient;
  let prod: SupersetClient;
  let prodEnv: Environment;
  let api: ApiClient;
  let uuid: string;
  let unlink: (() => Promise<unknown>) | undefined;
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
    const devEnv = await environment('dev', devInfo);
    prodEnv = await environment('prod', prodInfo);
    uuid = await dashboardUuid(dev, 'sales-overview');
    await api.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: devEnv.id, mode: 'init' },
    });
    await syncAndCommit(api, uuid, 'Sales');
    commitOnBranch(`${server.dataDir}/repos/${uuid}`, 'rename', (file, text) =>
      file.startsWith('charts/') && text.includes(`slice_name: ${CHART}\n`)
        ? text.replace(`slice_name: ${CHART}\n`, `slice_name: ${RENAMED}\n`)
        : null,
    );
    await api.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
    });
    await server.services.tasks.idle();
    // On prod, the chart is on the Customers dashboard too; and this environment asks for a slug prod has.
    const sales = await dashboardId(prod, uuid);
    const chart = (await dashboardCharts(prod, sales)).find((item) => item.slice_name === CHART)!;
    const link = (dashboards: number[]) =>
      prod.call({ method: 'PUT', path: `/api/v1/chart/${chart.id}`, json: { dashboards }, action: 'link' });
    await link([sales, await dashboardId(prod, 'customers')]);
    unlink = () => link([sales]);
    await api.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { dashboardSlug: 'customers' },
    });
    baseUrl = await listenTestServer(server);
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await unlink?.().catch(() => undefined);
    await Promise.all([server?.close(), dev?.close(), prod?.close()]);
    releaseLock?.();
  });

  it('names the other dashboard using the renamed chart, and the slug fix saves and re-plans', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await page.getByTestId('deploy').click();
    await page.getByLabel('Target environment').selectOption({ label: 'prod' });
    await page.getByTestId('deploy-ref').fill('rename');
    await page.getByRole('button', { name: 'Show the plan' }).click();
    const object = page.getByTestId('plan-object').filter({ hasText: RENAMED });
    await expect.poll(() => object.count(), { timeout: 30_000 }).toBe(1);
    // Prod's own title for Customers: a test before may have deployed it with a title override.
    const customers = await dashboardTitle(prod, 'customers');
    expect(await object.getByTestId('plan-used-by').textContent()).toContain(`also used by '${customers}'`);
    expect(await page.getByTestId('plan-shared').textContent()).toMatch(
      /shared with other dashboards: [1-9]/,
    );
    expect(await page.getByTestId('plan-errors').textContent()).toContain(
      "another dashboard with slug 'customers'",
    );
    expect(await page.getByTestId('confirm-deploy').isDisabled()).toBe(true);
    await screenshot(page, 'deploy-plan-shared-1280');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'deploy-plan-shared-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: "Use slug 'customers-2' there" }).click();
    await expect.poll(() => page.getByTestId('plan-errors').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('confirm-deploy').isDisabled()).toBe(false);
    const saved = await api.GET('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
    });
    expect(saved.dashboardSlug).toBe('customers-2');
    await screenshot(page, 'deploy-plan-fixed-1280');
  }, 90_000);
});
