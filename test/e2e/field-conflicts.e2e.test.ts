// Resolving a field conflict on the conflict screen in a real browser, against the real Superset dev: a branch
// and main both renamed one chart (and the branch also set its cache timeout, which merges by itself); the screen
// shows the one field as a row, a value typed with Edit resolves it, and Superset gets that value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '@superset-git/api-client';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import {
  chartName,
  clientFor,
  dashboardCharts,
  dashboardUuid,
  renameChart,
} from '../support/superset-admin.ts';
import { apiOf, expectStatus, runTask, syncAndCommit } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe('web UI: a field conflict resolved on the conflict screen (Chromium, real Superset dev)', () => {
  let server: TestServer;
  let api: ApiClient;
  let superset: SupersetClient;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let uuid: string;
  let chart: { id: number; slice_name: string };
  let cacheTimeout: unknown = null;
  let releaseLock: (() => void) | undefined;

  const path = () => ({ path: { uuid } });
  const putChart = (json: Record<string, unknown>) =>
    superset.call({ method: 'PUT', path: `/api/v1/chart/${chart.id}`, json, action: 'edit a chart' });
  const readCacheTimeout = async () =>
    (
      await superset.json(
        { path: `/api/v1/chart/${chart.id}`, action: 'read a chart' },
        // Superset answers the number as a string on some releases.
        z.object({ result: z.object({ cache_timeout: z.union([z.number(), z.string()]).nullable() }) }),
      )
    ).result.cache_timeout;
  const switchTo = (branch: string) =>
    expectStatus(200, api.raw.POST('/api/dashboards/{uuid}/switch', { params: path(), body: { branch } }));

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const dev = supersetDev();
    superset = clientFor(dev);
    server = await startTestServer();
    api = apiOf(server, await login(server));
    baseUrl = await listenTestServer(server);
    const environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
    });
    uuid = await dashboardUuid(superset, 'web-traffic');
    chart = (await dashboardCharts(superset, uuid))[0]!;
    cacheTimeout = await readCacheTimeout();
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/repository', {
        params: path(),
        body: { environmentId: environment.id, mode: 'init' },
      }),
    );
    await syncAndCommit(api, uuid, 'As exported');
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', { params: path(), body: { name: 'rival' } }),
    );
    await switchTo('rival');
    await renameChart(superset, chart.id, `${chart.slice_name} (rival)`);
    await putChart({ cache_timeout: 900 });
    await syncAndCommit(api, uuid, 'Rival: rename and cache');
    await switchTo('main');
    await renameChart(superset, chart.id, `${chart.slice_name} (ours)`);
    await syncAndCommit(api, uuid, 'Ours: rename');
    const merging = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/merge', { params: path(), body: { branch: 'rival' } }),
    );
    expect(merging.state).toBe('AWAITING_INPUT');

    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (chart) {
      await renameChart(superset, chart.id, chart.slice_name).catch(() => undefined);
      await putChart({ cache_timeout: cacheTimeout }).catch(() => undefined);
    }
    await Promise.all([server?.close(), superset?.close()]);
    releaseLock?.();
  });

  it('shows the field as a row, resolves it with an edited value, and Superset gets the merge', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    const row = page.getByTestId('field-conflict');
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.textContent()).toContain(
      `chart '${chart.slice_name} (ours)' · slice_name: yours ${chart.slice_name} (ours), theirs ${chart.slice_name} (rival)`,
    );
    expect(await page.getByTestId('apply-field-choices').isDisabled()).toBe(true);
    await screenshot(page, 'field-conflicts');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'field-conflicts-1024');
    await page.setViewportSize({ width: 1280, height: 800 });

    await row.getByTestId('field-edit').click();
    await row.getByTestId('field-value').fill(`${chart.slice_name} (merged)`);
    await screenshot(page, 'field-conflicts-edit');
    await page.getByTestId('apply-field-choices').click();
    await expect.poll(() => page.getByTestId('conflict-file').count()).toBe(0);
    await page.getByTestId('complete-merge').click();
    await expect.poll(() => page.getByTestId('page-notice').textContent()).toContain('Merge completed');
    expect(await chartName(superset, chart.id)).toBe(`${chart.slice_name} (merged)`);
    expect(Number(await readCacheTimeout())).toBe(900);
  });
});
