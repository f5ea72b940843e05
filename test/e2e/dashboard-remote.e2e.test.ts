// The Remote section of the dashboard page in a real browser, against the real Superset dev and a real git
// server: a dashboard connected without a remote gets one created and attached, is pushed and shows as published,
// then the remote is detached and the dashboard disconnected, each after a confirmation.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { apiOf, expectStatus } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe('web UI: a remote for a dashboard connected without one (Chromium, real Superset dev, real git server)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let remote: GitRemote;
  let uuid: string;
  let releaseLock: (() => void) | undefined;

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const devInfo = supersetDev();
    remote = await startGitRemote();
    server = await startTestServer();
    const api = apiOf(server, await login(server));
    baseUrl = await listenTestServer(server);
    const environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: devInfo.url, username: devInfo.username, password: devInfo.password },
    });
    await api.POST('/api/git/servers', {
      body: { name: 'Local git', provider: 'generic', url: remote.url, token: remote.token },
    });
    const dev = clientFor(devInfo);
    uuid = await dashboardUuid(dev, 'sales-overview');
    await dev.close();
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/repository', {
        params: { path: { uuid } },
        body: { environmentId: environment.id, mode: 'init' },
      }),
    );
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), remote?.stop()]);
    releaseLock?.();
  });

  const remoteBranches = () =>
    execFileSync('git', ['ls-remote', '--heads', path.join(remote.root, 'sales-remote.git')], {
      encoding: 'utf8',
    });

  it('creates and attaches a remote on Local git, pushes, and shows the branch published', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await expect.poll(() => page.getByTestId('remote-none').count()).toBe(1);
    await expect.poll(() => page.getByTestId('push').isDisabled()).toBe(true);
    await page.getByTestId('remote-attach').click();
    await page.getByTestId('remote-server').selectOption({ label: 'Local git (Other git server)' });
    await page.getByTestId('remote-repository').fill('sales-remote');
    await page.getByTestId('remote-create').check();
    await screenshot(page, 'dashboard-remote-attach');
    await page.getByTestId('remote-save').click();
    await expect
      .poll(() => page.getByTestId('remote-url').textContent())
      .toBe(`${remote.url}/sales-remote.git`);
    expect(await page.getByTestId('remote-section').textContent()).toContain('on Local git');
    await expect.poll(() => page.getByTestId('unpublished').count()).toBe(1);
    expect(remoteBranches()).toBe('');

    await page.getByTestId('push').click();
    await expect
      .poll(() => page.getByTestId('ahead-behind').textContent(), { timeout: 60_000 })
      .toBe('↑0 ↓0');
    expect(await page.getByTestId('unpublished').count()).toBe(0);
    expect(remoteBranches()).toMatch(/refs\/heads\/main/);
    await screenshot(page, 'dashboard-remote-published');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'dashboard-remote-published-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('says why an unknown repository cannot be attached, and keeps the remote it had', async () => {
    await page.getByTestId('remote-attach').click();
    await page.getByTestId('remote-repository').fill('no-such-repository');
    await page.getByTestId('remote-save').click();
    await expect
      .poll(() => page.getByTestId('remote-error').textContent())
      .toContain("'no-such-repository' on Local git was not found");
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('remote-url').textContent()).toBe(`${remote.url}/sales-remote.git`);
  });

  it('detaches the remote after a confirmation, then disconnects the dashboard from git', async () => {
    await page.getByTestId('remote-detach').click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('Nothing is deleted');
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('remote-none').count()).toBe(1);
    expect(remoteBranches()).toMatch(/refs\/heads\/main/);

    await page.getByTestId('disconnect').click();
    await page.getByTestId('disconnect-delete').check();
    await screenshot(page, 'dashboard-disconnect');
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByRole('button', { name: 'Connect to git…' }).count()).toBe(1);
  });
});
