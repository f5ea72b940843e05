// Merging a branch from the branch menu in a real browser, against the real Superset dev: compare it with the
// current branch by chart name and diff, merge it, resolve the conflict on the conflict screen, and Superset
// shows the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { apiOf, expectStatus, runTask, syncAndCommit as commitAll } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe('web UI: merge a branch from the branch menu (Chromium, real Superset dev)', () => {
  let server: TestServer;
  let api: ApiClient;
  let superset: SupersetClient;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let uuid: string;
  let chart: { id: number; slice_name: string };
  let releaseLock: (() => void) | undefined;

  const path = () => ({ path: { uuid } });
  const nameOf = () => chartName(superset, chart.id);
  const rename = (name: string) => renameChart(superset, chart.id, name);
  async function commitRename(name: string) {
    await rename(name);
    await commitAll(api, uuid, `Rename to ${name}`);
  }
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
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/repository', {
        params: path(),
        body: { environmentId: environment.id, mode: 'init' },
      }),
    );
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: path() }));
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/commit', { params: path(), body: { message: 'As exported' } }),
    );
    // The same chart renamed on both branches: a conflict waits.
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', { params: path(), body: { name: 'rival' } }),
    );
    await switchTo('rival');
    await commitRename(`${chart.slice_name} (rival)`);
    await switchTo('main');
    await commitRename(`${chart.slice_name} (ours)`);

    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (chart) await rename(chart.slice_name).catch(() => undefined);
    await Promise.all([server?.close(), superset?.close()]);
    releaseLock?.();
  });

  async function branchAction(name: RegExp) {
    await page.getByTestId('branch-button').click();
    await page.getByRole('button', { name: 'Merge or compare rival' }).click();
    await screenshot(page, 'branch-menu-actions');
    await page.getByTestId('branch-actions').getByRole('button', { name }).click();
  }

  it('compares the branch by chart name with its diff, merges it, resolves the conflict, and Superset shows it', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await expect.poll(() => page.getByTestId('branch-button').textContent()).toContain('main');

    await branchAction(/^Compare with main$/);
    const compare = page.getByTestId('branch-compare');
    await expect
      .poll(() => compare.getByTestId('compare-counts').textContent())
      .toContain('rival has 1 commit(s) that main has not; main has 1 that rival has not.');
    const object = compare.getByTestId('compare-object');
    expect(await object.textContent()).toContain(`${chart.slice_name} (rival)`);
    await object.getByRole('button').click();
    await expect
      .poll(() => compare.getByTestId('diff-view').textContent())
      .toContain(`slice_name: ${chart.slice_name} (rival)`);
    await screenshot(page, 'branch-compare');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'branch-compare-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Merge into main…' }).click();

    const confirm = page.getByTestId('confirm-dialog');
    await expect
      .poll(() => confirm.textContent())
      .toContain(`It brings 1 commit(s), changing chart '${chart.slice_name} (rival)'.`);
    await screenshot(page, 'branch-merge-confirm');
    const panel = page.getByTestId('task-panel');
    await confirm.getByTestId('confirm-ok').click();
    await expect
      .poll(() => panel.getByTestId('task-state').textContent(), { timeout: 60_000 })
      .toBe('needs you');
    expect(await panel.textContent()).toContain(`1 object(s) conflict: chart '${chart.slice_name} (rival)'`);
    await expect.poll(() => page.getByTestId('conflict-file').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('conflict-file').textContent())
      .toContain(`${chart.slice_name} (ours)`);
    expect(await nameOf()).toBe(`${chart.slice_name} (ours)`);
    await screenshot(page, 'branch-merge-conflict');

    await page.getByTestId('conflict-file').click();
    await page.getByTestId('keep-theirs').click();
    await expect.poll(() => page.getByTestId('conflict-file').count()).toBe(0);
    await page.getByTestId('complete-merge').click();
    await expect.poll(() => page.getByTestId('page-notice').textContent()).toContain('Merge completed');
    expect(await nameOf()).toBe(`${chart.slice_name} (rival)`);
    await expect.poll(() => page.getByTestId('git-state').textContent()).toBe('clean');
    await screenshot(page, 'branch-merged');
  });
});
