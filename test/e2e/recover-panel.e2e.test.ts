// The Recover tab in a real browser, against the real Superset dev and a real git server: a safety branch a
// switch made is shown with the chart it holds, applied back (Superset follows), deleted after a confirmation,
// and then restored from the deleted branches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '@superset-git/api-client';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import {
  chartName,
  clientFor,
  dashboardCharts,
  dashboardUuid,
  renameChart,
} from '../support/superset-admin.ts';
import { apiOf, expectStatus, syncAndCommit as commitAll } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe('web UI: the Recover tab (Chromium, real Superset dev, real git server)', () => {
  let server: TestServer;
  let api: ApiClient;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let remote: GitRemote;
  let superset: SupersetClient;
  let uuid: string;
  let chart: { id: number; slice_name: string };
  let releaseLock: (() => void) | undefined;

  const nameOf = () => chartName(superset, chart.id);
  const rename = (name: string) => renameChart(superset, chart.id, name);
  const path = () => ({ params: { path: { uuid } } });
  const switchTo = (branch: string, uncommitted: 'refuse' | 'safety-branch' = 'refuse') =>
    expectStatus(
      200,
      api.raw.POST('/api/dashboards/{uuid}/switch', { ...path(), body: { branch, uncommitted } }),
    );
  const syncAndCommit = (message: string) => commitAll(api, uuid, message);

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const dev = supersetDev();
    superset = clientFor(dev);
    remote = await startGitRemote();
    server = await startTestServer();
    api = apiOf(server, await login(server));
    baseUrl = await listenTestServer(server);
    const environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
    });
    const gitServer = await api.POST('/api/git/servers', {
      body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
    });
    uuid = await dashboardUuid(superset, 'web-traffic');
    chart = (await dashboardCharts(superset, uuid))[0]!;
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/repository', {
        ...path(),
        body: {
          environmentId: environment.id,
          mode: 'attach',
          gitServerId: gitServer.id,
          remoteUrl: remote.createRepository('web-traffic'),
        },
      }),
    );
    await syncAndCommit('Web Traffic as exported');
    // restyle renames the chart; an unsaved idea on main is kept on a safety branch by the switch to restyle.
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', { ...path(), body: { name: 'restyle' } }),
    );
    await switchTo('restyle');
    await rename(`${chart.slice_name} (restyled)`);
    await syncAndCommit('Restyle the chart');
    await switchTo('main');
    await rename(`${chart.slice_name} (unsaved idea)`);
    await switchTo('restyle', 'safety-branch');
    await switchTo('main');

    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    if (chart) await rename(chart.slice_name).catch(() => undefined);
    await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
    releaseLock?.();
  });

  it('shows the safety branch with its chart, applies it back into Superset, deletes it and restores it', async () => {
    expect(await nameOf()).toBe(chart.slice_name);
    await page.goto(`${baseUrl}/dashboards/${uuid}?tab=recover`);
    const row = page.getByTestId('safety-branch');
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.innerText();
    expect(text).toContain(`chart ‘${chart.slice_name} (unsaved idea)’`);
    expect(text).toContain('on main');
    await screenshot(page, 'recover-tab');

    await row.getByTestId('apply-safety').click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.innerText()).toContain('kept on a new safety branch first');
    await dialog.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('task-state').innerText(), { timeout: 60_000 }).toBe('done');
    await expect
      .poll(() => page.getByTestId('recover-notice').innerText())
      .toContain('review the changes and commit');
    expect(await nameOf()).toBe(`${chart.slice_name} (unsaved idea)`);
    await expect.poll(() => page.getByTestId('git-state').innerText()).toBe('1 uncommitted');

    await row.getByTestId('delete-safety').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('safety-branch').count()).toBe(0);
    const deleted = page.getByTestId('deleted-branch');
    expect(await deleted.innerText()).toContain('Uncommitted edits before switching to restyle');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'recover-deleted-1024');

    await deleted.getByTestId('restore-deleted').click();
    await expect.poll(() => page.getByTestId('safety-branch').count()).toBe(1);
    await expect.poll(() => page.getByTestId('deleted-branch').count()).toBe(0);
    expect(await page.getByTestId('recover-notice').innerText()).toContain('Restored branch safety/');
  });
});
