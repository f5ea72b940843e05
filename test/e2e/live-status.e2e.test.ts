// Live status in a real browser (Chromium, real Superset dev, real git server): with the dashboard page open, a
// chart renamed through Superset's API shows in the "Edited in Superset" banner within the poll interval without
// pressing Sync, the hub marks the dashboard, a push from another clone shows as behind 1 without a pull, and the
// banner's Sync takes the edit in.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Browser, Page } from 'playwright-core';
import type { Environment } from '@superset-git/contracts';
import { cloneRepository, commit, push, stage } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { tempDir, write } from '../git/git-fixtures.ts';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { apiOf, runTask } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

const POLL_SECONDS = 2;

describe('web UI: live status of a dashboard (Chromium, real Superset dev, real git server)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let remote: GitRemote;
  let remoteUrl: string;
  let dev: SupersetClient;
  let environment: Environment;
  let uuid: string;
  let chart: { id: number; slice_name: string };
  let releaseLock: (() => void) | undefined;

  const renameChart = (name: string) =>
    dev.call({
      method: 'PUT',
      path: `/api/v1/chart/${chart.id}`,
      json: { slice_name: name },
      action: 'rename',
    });

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const info = supersetDev();
    dev = clientFor(info);
    remote = await startGitRemote();
    server = await startTestServer({
      config: { pluginConfig: { git: { livePollSeconds: POLL_SECONDS, backgroundFetchIntervalMs: 1000 } } },
    });
    baseUrl = await listenTestServer(server);
    const api = apiOf(server, await login(server));
    environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: info.url, username: info.username, password: info.password },
    });
    const gitServer = await api.POST('/api/git/servers', {
      body: { name: 'Team git', provider: 'generic', url: remote.url, token: remote.token },
    });
    uuid = await dashboardUuid(dev, 'customers');
    const charts = await dev.json(
      { path: `/api/v1/dashboard/${uuid}/charts`, action: 'list charts' },
      z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
    );
    chart = charts.result[0]!;
    remoteUrl = remote.createRepository('live');
    const params = { params: { path: { uuid } } };
    await api.POST('/api/dashboards/{uuid}/repository', {
      ...params,
      body: { environmentId: environment.id, mode: 'attach', gitServerId: gitServer.id, remoteUrl },
    });
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', params))).state).toBe('SUCCESS');
    await api.POST('/api/dashboards/{uuid}/commit', { ...params, body: { message: 'As exported' } });
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', params))).state).toBe('SUCCESS');

    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (chart) await renameChart(chart.slice_name).catch(() => undefined);
    await Promise.all([server?.close(), remote?.stop().catch(() => undefined), dev?.close()]);
    releaseLock?.();
  });

  it('names a chart edited in Superset within the poll interval, without pressing Sync', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await expect.poll(() => page.getByTestId('git-state').textContent()).toBe('clean');
    // Give the first poll time to answer "nothing edited".
    await page.waitForTimeout(500);
    expect(await page.getByTestId('superset-edits').count()).toBe(0);

    await renameChart(`${chart.slice_name} (edited live)`);
    const editedAt = Date.now();
    const banner = page.getByTestId('superset-edits');
    await expect
      .poll(() => banner.textContent(), { timeout: (POLL_SECONDS + 3) * 1000, interval: 200 })
      .toContain(`${chart.slice_name} (edited live)`);
    const seenAfter = Date.now() - editedAt;
    expect(seenAfter).toBeLessThan((POLL_SECONDS + 3) * 1000);
    expect(await banner.textContent()).toMatch(/Edited in Superset:.*\(by .+, just now\)/s);
    // The git status itself still says clean: nothing was synced.
    expect(await page.getByTestId('git-state').textContent()).toBe('clean');
    await screenshot(page, 'live-status-banner');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'live-status-banner-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('marks the dashboard "edited in Superset" on the hub', async () => {
    await page.goto(`${baseUrl}/environments/${environment.id}`);
    await page.getByLabel('Search title or slug').fill('Customers');
    const row = page.getByTestId('dashboard-row').filter({ hasText: 'Customers' });
    await expect.poll(() => row.getByTestId('superset-edited').count()).toBe(1);
    expect(await row.getByTestId('superset-edited').textContent()).toBe('edited in Superset');
    await screenshot(page, 'live-status-hub');
  });

  it('shows behind 1 after another clone pushes, without a pull', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await expect.poll(() => page.getByTestId('ahead-behind').textContent()).toBe('↑0 ↓0');
    const { repo: other } = await cloneRepository({
      url: remoteUrl,
      dir: path.join(tempDir(), 'other'),
      credentials: { username: 'x', token: remote.token },
    });
    write(other, 'README.md', '# Customers\n\nEdited by a colleague.\n');
    await stage(other);
    await commit(other, { message: 'A colleague’s edit', author: { name: 'Bob', email: 'bob@example.com' } });
    await push(other, { credentials: { username: 'x', token: remote.token } });
    // The page fetches again every few seconds here (the test server allows one fetch a second).
    await expect
      .poll(() => page.getByTestId('ahead-behind').textContent(), { timeout: 20_000 })
      .toBe('↑0 ↓1');
    expect(await page.getByTestId('fetch-error').count()).toBe(0);
    await screenshot(page, 'live-status-behind');
  });

  it('says quietly when the git server cannot be reached, and keeps the counts', async () => {
    await remote.stop();
    const note = page.getByTestId('fetch-error');
    await expect
      .poll(() => note.count().then((count) => (count ? note.textContent() : '')), { timeout: 20_000 })
      .toMatch(
        new RegExp(
          `^Could not reach 127\\.0\\.0\\.1:${new URL(remote.url).port}: Cannot reach the git server`,
        ),
      );
    expect(await page.getByTestId('ahead-behind').textContent()).toBe('↑0 ↓1');
    expect(await page.getByTestId('page-error').count()).toBe(0);
    await screenshot(page, 'live-status-unreachable');
  });

  it('takes the edit in with the banner’s Sync, and the banner goes away', async () => {
    await page.getByTestId('live-sync').click();
    await expect
      .poll(() => page.getByTestId('change-row').filter({ hasText: 'edited live' }).count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await expect.poll(() => page.getByTestId('superset-edits').count(), { timeout: 10_000 }).toBe(0);
  });
});
