// Opening a pull request from the dashboard page in a real browser: the dialog prefilled from the branch's commits,
// the branch pushed to a real git server, the request opened on a local server answering as GitHub's REST docs
// say (the real API cannot be reached from the test machines), and its state followed on the page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { bundleYaml, parseBundleYaml } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import { apiOf, expectStatus, runTask } from '../support/api.ts';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe("web UI: a pull request from the dashboard page (Chromium, real Superset dev, real git server, a local server answering as GitHub's REST docs say)", () => {
  let server: TestServer;
  let remote: GitRemote;
  let github: ProviderFake;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  let uuid: string;
  let chartName: string;

  beforeAll(async () => {
    const dev = supersetDev();
    remote = await startGitRemote();
    github = await startProviderFake(
      'github',
      { [remote.token]: { login: 'carol', scopes: ['repo'] } },
      { repositories: ['carol/traffic'] },
    );
    server = await startTestServer();
    baseUrl = await listenTestServer(server);
    const api = apiOf(server, await login(server));
    const environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
    });
    const gitServer = await api.POST('/api/git/servers', {
      body: { name: 'GitHub', provider: 'github', url: github.url, token: remote.token },
    });
    const superset = clientFor(dev);
    uuid = await dashboardUuid(superset, 'web-traffic');
    await superset.close();
    const bare = path.join(remote.root, 'carol/traffic.git');
    fs.mkdirSync(path.dirname(bare), { recursive: true });
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
    const params = { path: { uuid } };
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/repository', {
        params,
        body: {
          environmentId: environment.id,
          mode: 'attach',
          gitServerId: gitServer.id,
          remoteUrl: `${remote.url}/carol/traffic.git`,
        },
      }),
    );
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params }));
    await api.POST('/api/dashboards/{uuid}/commit', { params, body: { message: 'Web Traffic as exported' } });
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', { params }));
    await api.POST('/api/dashboards/{uuid}/branches', { params, body: { name: 'explain-traffic' } });
    await api.POST('/api/dashboards/{uuid}/switch', {
      params,
      body: { branch: 'explain-traffic', importIntoSuperset: false },
    });
    // What a sync writes after a chart's description was edited in Superset.
    const charts = path.join(server.dataDir, 'repos', uuid, 'charts');
    const file = fs.readdirSync(charts).sort()[0]!;
    const chart = parseBundleYaml(fs.readFileSync(path.join(charts, file), 'utf8'), file);
    chart.description = 'Visits per day, from the web logs';
    fs.writeFileSync(path.join(charts, file), bundleYaml(chart));
    chartName = String(chart.slice_name);
    await api.POST('/api/dashboards/{uuid}/commit', {
      params,
      body: { message: 'Explain the visits chart' },
    });

    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), remote?.stop(), github?.close()]);
  });

  it('opens a pull request with the prefilled title and description, then shows its link and "open"', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await page.getByTestId('open-pull-request').click();
    const title = page.getByTestId('pull-request-title');
    await expect.poll(() => title.inputValue()).toBe('Explain the visits chart');
    const body = await page.getByTestId('pull-request-body').inputValue();
    expect(body).toContain('Explain the visits chart');
    expect(body).toContain(`Chart changed: ${chartName}`);
    expect(await page.getByTestId('pull-request-base').inputValue()).toBe('main');
    await title.fill('Explain the visits chart to readers');
    await screenshot(page, 'pull-request-dialog');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'pull-request-dialog-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('pull-request-submit').click();

    const link = page.getByTestId('pull-request-link');
    await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1);
    expect(await link.getAttribute('href')).toBe('http://fake.example/carol/traffic/pull/1');
    expect(await link.textContent()).toBe('Pull request #1');
    expect(await page.getByTestId('pull-request-state').textContent()).toBe('open');
    expect(await page.getByTestId('open-pull-request').count()).toBe(0);
    // The branch went to the git server on the way.
    await expect.poll(() => page.getByTestId('unpublished').count()).toBe(0);
    expect(github.requests.find((request) => request.method === 'POST')?.body).toMatchObject({
      head: 'explain-traffic',
      base: 'main',
      title: 'Explain the visits chart to readers',
    });
    await screenshot(page, 'pull-request-open');
  });

  it('shows "merged" once the request is merged on GitHub', async () => {
    github.setPullState(1, 'merged');
    await page.reload();
    const state = page.getByTestId('pull-request-state');
    await expect.poll(async () => ((await state.count()) ? await state.textContent() : null)).toBe('merged');
    await screenshot(page, 'pull-request-merged');
  });
});
