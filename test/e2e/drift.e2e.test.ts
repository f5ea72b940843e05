// Drift in a real browser (Chromium, real Superset dev + prod, the scheduled check every 2 s): prod's hub and the
// dashboard's Deployments tab mark the dashboard drifted after a chart is edited on prod, and the drift dialog
// compares prod with a branch picked from its list; "Check drift now" on the hub, and a put back from the hub's
// dialog that clears the row's mark without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
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

describe('web UI: drift of prod from the repository (Chromium, real Superset dev + prod)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let dev: SupersetClient;
  let prod: SupersetClient;
  let prodEnv: Environment;
  let uuid: string;
  let chartUuids: string[] = [];
  let chartUuid: string;
  let api: ApiClient;
  let releaseLock: (() => void) | undefined;

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
    dev = clientFor(devInfo);
    prod = clientFor(prodInfo);
    server = await startTestServer({ config: { pluginConfig: { git: { driftCheckSeconds: 2 } } } });
    api = apiOf(server, await login(server));
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
    chartUuid = charts
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
    commitOnBranch(`${server.dataDir}/repos/${uuid}`, 'rename', (file, text) =>
      file.startsWith('charts/') && text.includes(`slice_name: ${CHART}\n`)
        ? text.replace(`slice_name: ${CHART}\n`, `slice_name: ${RENAMED}\n`)
        : null,
    );
    await api.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { driftCheckMinutes: 5 },
    });
    await api.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
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

  it("prod's hub marks the dashboard drifted by the scheduled check, saying when it checked", async () => {
    const mark = async () => {
      await page.goto(`${baseUrl}/environments/${prodEnv.id}`);
      await page.getByLabel('Search title or slug').fill('Sales Overview');
      const row = page.getByTestId('dashboard-row').filter({ hasText: 'Sales Overview' });
      await expect.poll(() => row.getByTestId('deploy-state-live').count()).toBe(1);
      const check = row.getByTestId('drift-check');
      return (await check.count()) ? ((await check.textContent()) ?? '') : '';
    };
    await expect
      .poll(mark, { timeout: 30_000, interval: 1000 })
      .toMatch(/^drifted: 1 object changed on prod since .+, checked just now$/);
    await screenshot(page, 'drift-hub-1280');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'drift-hub-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('the drift dialog compares prod with a branch picked from its list', async () => {
    const row = page.getByTestId('dashboard-row').filter({ hasText: 'Sales Overview' });
    await row.getByTestId('deploy-state-diff').click();
    const summary = page.getByTestId('drift-summary');
    await expect.poll(() => summary.textContent()).toMatch(/prod now against main \([0-9a-f]{7}\)/);
    expect(await summary.textContent()).toContain('0 new, 1 different, 0 missing');
    await page.getByTestId('drift-ref').selectOption('rename');
    await expect.poll(() => summary.textContent()).toMatch(/prod now against rename/);
    await expect
      .poll(() => page.getByTestId('drift-items').textContent())
      .toContain(`renamed '${RENAMED}' → '${EDITED}'`);
    await screenshot(page, 'drift-dialog-1280');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'drift-dialog-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it("the dashboard's Deployments tab marks prod drifted", async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}?tab=deployments`);
    const checks = page.getByTestId('drift-checks');
    await expect.poll(() => checks.textContent(), { timeout: 15_000 }).toContain('prod');
    expect(await checks.getByTestId('drift-check').textContent()).toMatch(
      /^drifted: 1 object changed on prod/,
    );
    await screenshot(page, 'drift-deployments-tab-1280');
  }, 60_000);

  it("the dialog adopts prod's edit into a branch, then puts prod back to the live version", async () => {
    await page.getByTestId('drift-checks').getByRole('button', { name: 'Compare' }).click();
    const summary = page.getByTestId('drift-summary');
    await expect.poll(() => summary.textContent()).toContain('1 different');
    await page.getByRole('button', { name: 'Adopt into a branch…' }).click();
    await page.getByTestId('drift-adopt-branch').fill('prod-edits');
    await page.getByRole('button', { name: 'Commit to the new branch' }).click();
    await expect.poll(() => page.getByTestId('drift-adopted').textContent()).toContain('Branch prod-edits');
    await screenshot(page, 'drift-adopted-1280');
    await page.getByRole('button', { name: 'Put the target back' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.textContent()).toContain('overwritten');
    await confirm.getByTestId('confirm-ok').click();
    await expect
      .poll(() => page.getByTestId('drift-none').count(), { timeout: 60_000, interval: 500 })
      .toBe(1);
    await screenshot(page, 'drift-put-back-1280');
  }, 90_000);

  it("prod's hub checks drift now with progress, and a put back from the row's dialog clears its mark without a reload", async () => {
    // The schedule off, so the button is the only thing that checks.
    await api.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { driftCheckMinutes: null },
    });
    const status = () =>
      api.GET('/api/environments/{id}/drift-check', { params: { path: { id: prodEnv.id } } });
    await expect.poll(async () => (await status()).running, { timeout: 30_000 }).toBeNull();
    const [chartId] = [...(await idsOf(prod, 'chart', [chartUuid])).values()];
    await prod.call({
      method: 'PUT',
      path: `/api/v1/chart/${chartId}`,
      json: { slice_name: `${EDITED} again` },
      action: 'edit on prod again',
    });
    await page.goto(`${baseUrl}/environments/${prodEnv.id}`);
    await page.getByLabel('Search title or slug').fill('Sales Overview');
    const row = page.getByTestId('dashboard-row').filter({ hasText: 'Sales Overview' });
    await expect.poll(() => row.getByTestId('deploy-state-drift').count()).toBe(1);
    await page.getByTestId('drift-check-now').click();
    const log = page.getByTestId('task-log');
    await expect.poll(() => log.textContent(), { timeout: 30_000 }).toContain('checked 1/1 dashboards');
    await expect.poll(() => log.textContent()).toContain("'Sales Overview' drifted: chart");
    await expect
      .poll(() => page.getByTestId('drift-check-last').textContent())
      .toMatch(/^Drift last checked at .+ \(1 dashboard, 1 drifted, took [\d.]+ s\)$/);
    await expect
      .poll(() => row.getByTestId('drift-check').textContent())
      .toMatch(/^drifted: 1 object changed on prod since .+, checked just now$/);
    await screenshot(page, 'drift-check-now-1280');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'drift-check-now-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    await row.getByTestId('deploy-state-diff').click();
    await page.getByRole('button', { name: 'Put the target back' }).click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect
      .poll(() => page.getByTestId('drift-none').count(), { timeout: 60_000, interval: 500 })
      .toBe(1);
    // The row behind the dialog already reads the new deployment: no edits since, no old drift mark.
    await expect.poll(() => row.getByTestId('deploy-state-drift').count()).toBe(0);
    expect(await row.getByTestId('drift-check').count()).toBe(0);
    expect(await row.getByTestId('deploy-state').textContent()).toContain('no edits here since');
    await page.getByRole('button', { name: 'Close' }).last().click();
    await screenshot(page, 'drift-put-back-hub-1280');
  }, 120_000);
});
