// The dashboard git page in a real browser, against the real Superset dev and prod and a real git server:
// connect and sync, commit and push an edit made in Superset, branch and switch (Superset follows), resolve a
// pull's conflicts with Keep Mine and Keep Theirs, search history and open a diff, make and push tags (a
// protected target is offered the newest), deploy to prod, roll back.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Browser, Page } from 'playwright-core';
import type { Environment } from '@superset-git/contracts';
import { cloneRepository, commit, push, stage, type Repo } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { exportDashboardBundle, type SupersetClient } from '@superset-git/superset';
import { tempDir } from '../git/git-fixtures.ts';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import {
  clientFor,
  dashboardUuid,
  deleteDashboardsAndCharts,
  exportNormalized,
  dashboardId,
  importDashboardZip,
} from '../support/superset-admin.ts';
import { apiOf } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import {
  listenTestServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

const CHART = z.object({
  result: z.object({ slice_name: z.string(), description: z.string().nullable() }),
});

describe('web UI: a dashboard in git, from connect to rollback (Chromium, real Superset dev + prod, real git server)', () => {
  let server: TestServer;
  let caller: Caller;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let remote: GitRemote;
  let dev: SupersetClient;
  let prod: SupersetClient;
  let devEnv: Environment;

  let uuid: string;
  let remoteUrl: string;
  let original: Uint8Array;
  let chartUuids: string[] = [];
  let prodHadIt = false;
  let chart: { id: number; slice_name: string };
  let releaseLock: (() => void) | undefined;
  let originalChart: { slice_name: string; description: string | null } | undefined;
  let originalTitle: string | undefined;

  const readChart = async () =>
    (await dev.json({ path: `/api/v1/chart/${chart.id}`, action: 'read a chart' }, CHART)).result;
  const editChart = (json: Record<string, unknown>) =>
    dev.call({ method: 'PUT', path: `/api/v1/chart/${chart.id}`, json, action: 'edit a chart' });
  const dashboardTitle = async (client: SupersetClient) =>
    (
      await client.json(
        { path: `/api/v1/dashboard/${uuid}`, action: 'read a dashboard' },
        z.object({ result: z.object({ dashboard_title: z.string() }) }),
      )
    ).result.dashboard_title;
  const setTitle = async (title: string) =>
    dev.call({
      method: 'PUT',
      path: `/api/v1/dashboard/${await dashboardId(dev, uuid)}`,
      json: { dashboard_title: title },
      action: 'retitle',
    });

  /** Clicks, then waits for the task it starts to settle; fails with the task's log when it fails. */
  async function runTask(click: () => Promise<void>, settled = 'done'): Promise<void> {
    // The newest task panel: the dialog's when a dialog runs one, the page's otherwise.
    const panel = page.getByTestId('task-panel').last();
    const state = panel.getByTestId('task-state');
    const before = (await panel.count()) ? await panel.getAttribute('data-task-id') : null;
    await click();
    await expect
      .poll(async () => ((await panel.count()) ? await panel.getAttribute('data-task-id') : null))
      .not.toBe(before);
    await expect
      .poll(
        async () => {
          const now = (await state.count()) ? await state.textContent() : '';
          if (now === 'failed') throw new Error(`task failed: ${await panel.textContent()}`);
          return now;
        },
        { timeout: 60_000 },
      )
      .toBe(settled);
  }

  async function commitAll(message: string, andPush = false) {
    await page.getByTestId('commit').click();
    await page.getByLabel('Message').fill(message);
    if (andPush) await runTask(() => page.getByRole('button', { name: 'Commit and push' }).click());
    else {
      await page.getByLabel('Message').press('Control+Enter');
      await expect.poll(() => page.getByTestId('git-state').textContent()).toBe('clean');
    }
  }

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
    dev = clientFor(devInfo);
    prod = clientFor(prodInfo);
    remote = await startGitRemote();
    server = await startTestServer();
    caller = await login(server);
    baseUrl = await listenTestServer(server);
    const api = apiOf(server, caller);
    devEnv = await api.POST('/api/environments', {
      body: {
        name: 'dev',
        url: devInfo.url,
        username: devInfo.username,
        password: devInfo.password,
      },
    });
    await api.POST('/api/environments', {
      body: {
        name: 'prod',
        url: prodInfo.url,
        username: prodInfo.username,
        password: prodInfo.password,
      },
    });
    await api.POST('/api/git/servers', {
      body: {
        name: 'Team git',
        provider: 'generic',
        url: remote.url,
        token: remote.token,
      },
    });
    uuid = await dashboardUuid(dev, 'customers');
    original = await exportDashboardBundle(dev, uuid);
    const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
    chartUuids = [...tree]
      .filter(([file]) => file.startsWith('charts/'))
      .map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!);
    prodHadIt = await dashboardId(prod, uuid).then(
      () => true,
      () => false,
    );
    const charts = await dev.json(
      { path: `/api/v1/dashboard/${uuid}/charts`, action: 'list charts' },
      z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) }),
    );
    chart = charts.result[0]!;
    originalChart = await readChart();
    originalTitle = await dashboardTitle(dev);
    remoteUrl = remote.createRepository('customers');
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    // A dashboard import does not overwrite charts: the chart is put back through its own API.
    if (original) await importDashboardZip(dev, original).catch(() => undefined);
    if (originalChart) await editChart(originalChart).catch(() => undefined);
    if (originalTitle) await setTitle(originalTitle).catch(() => undefined);
    if (!prodHadIt && uuid) await deleteDashboardsAndCharts(prod, [uuid], chartUuids).catch(() => undefined);
    await Promise.all([server?.close(), remote?.stop(), dev?.close(), prod?.close()]);
    releaseLock?.();
  });

  it('connects a dashboard from the hub, syncs it, and commits and pushes the first version', async () => {
    await page.goto(`${baseUrl}/environments/${devEnv.id}`);
    await page.getByLabel('Search title or slug').fill('Customers');
    const row = page.getByTestId('dashboard-row').filter({ hasText: 'Customers' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Not connected');
    await row.getByTestId('connect').click();
    await page.getByLabel(/Empty remote/).check();
    await page
      .getByTestId('connect-form')
      .locator('select')
      .selectOption({ label: 'Team git (Other git server)' });
    await page.getByLabel('Repository URL').fill(remoteUrl);
    await screenshot(page, 'dashboard-connect');
    await runTask(() => page.getByRole('button', { name: 'Connect', exact: true }).click());
    await expect.poll(() => page.getByTestId('change-row').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('dashboard-title').textContent()).toBe('Customers');
    await commitAll('Customers as exported', true);
    await expect.poll(() => page.getByTestId('git-state').textContent()).toBe('clean');
    await expect.poll(() => page.getByTestId('ahead-behind').textContent()).toBe('↑0 ↓0');
    await screenshot(page, 'dashboard-connected');

    await page.goto(`${baseUrl}/environments/${devEnv.id}?search=Customers`);
    await expect.poll(() => row.textContent()).toMatch(/main · clean/);
  });

  it('shows a chart renamed in Superset as the one change, with what it means and its diff, then commits and pushes it', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await editChart({ slice_name: `${chart.slice_name} v2` });
    await runTask(() => page.getByTestId('sync').click());
    await expect.poll(() => page.getByTestId('change-row').count()).toBe(1);
    const change = page.getByTestId('change-row');
    expect(await change.getByTestId('change-summary').textContent()).toContain(
      `renamed '${chart.slice_name}' → '${chart.slice_name} v2'`,
    );
    await change.getByRole('button', { name: `${chart.slice_name} v2` }).click();
    await expect
      .poll(() => page.getByTestId('diff-view').textContent())
      .toContain(`slice_name: ${chart.slice_name} v2`);
    await screenshot(page, 'dashboard-change-diff');
    await commitAll('Rename the first chart', true);
    await expect.poll(() => page.getByTestId('ahead-behind').textContent()).toBe('↑0 ↓0');
  });

  it('creates a branch, commits on it, and switching back to main puts Superset back', async () => {
    await page.getByTestId('branch-button').click();
    await page.getByRole('button', { name: '+ New branch' }).click();
    await page.getByLabel('Branch name').fill('restyle');
    await page.getByRole('button', { name: 'Create and switch' }).click();
    // Should the switch not happen, the failure shows what the page says instead: an error, or a question.
    const branchAndSaid = async () => ({
      branch: await page.getByTestId('branch-button').textContent(),
      said: [
        ...(await page.getByRole('alert').allTextContents()),
        ...(await page.getByRole('dialog').allTextContents()),
      ],
    });
    // A switch imports into Superset, which answers slowly while other suites use it.
    await expect
      .poll(branchAndSaid, { timeout: 30_000 })
      .toMatchObject({ branch: expect.stringContaining('restyle') });
    // A branch that is only here says so, instead of counting against nothing.
    await expect.poll(() => page.getByTestId('unpublished').textContent()).toBe('not published');
    await editChart({ slice_name: `${chart.slice_name} restyled` });
    await runTask(() => page.getByTestId('sync').click());
    await commitAll('Restyle: rename the first chart again');

    await page.getByTestId('branch-button').click();
    await page
      .getByTestId('branch-item')
      .filter({ hasText: /^main$/ })
      .click();
    await expect.poll(() => page.getByTestId('branch-button').textContent()).toContain('main');
    await expect
      .poll(() => page.getByTestId('page-notice').textContent())
      .toMatch(/On main: \d+ object\(s\) imported/);
    expect((await readChart()).slice_name).toBe(`${chart.slice_name} v2`);
    await screenshot(page, 'dashboard-branch-switched');
  });

  it('resolves a conflicting pull: Keep Mine for the title, Keep Theirs for the chart, and Superset gets the merge', async () => {
    const other: Repo = (
      await cloneRepository({
        url: remoteUrl,
        dir: path.join(tempDir(), 'teammate'),
        credentials: { username: 'git', token: remote.token },
      })
    ).repo;
    const dashboardFile = path.join(other.path, 'dashboard.yaml');
    fs.writeFileSync(
      dashboardFile,
      fs
        .readFileSync(dashboardFile, 'utf8')
        .replace(/^dashboard_title: .*$/m, 'dashboard_title: Customers (theirs)'),
    );
    const chartFile = fs
      .readdirSync(path.join(other.path, 'charts'))
      .map((name) => path.join(other.path, 'charts', name))
      .find((file) => fs.readFileSync(file, 'utf8').includes(`slice_name: ${chart.slice_name} v2`))!;
    fs.writeFileSync(
      chartFile,
      fs.readFileSync(chartFile, 'utf8').replace(/^description: .*$/m, 'description: Theirs'),
    );
    await stage(other);
    await commit(other, {
      message: 'Teammate: title and chart description',
      author: { name: 'Teammate', email: 't@example.com' },
    });
    await push(other, { credentials: { username: 'git', token: remote.token } });

    await setTitle('Customers (mine)');
    await editChart({ description: 'Mine' });
    await runTask(() => page.getByTestId('sync').click());
    await commitAll('Mine: title and chart description');
    await runTask(() => page.getByTestId('pull').click(), 'needs you');
    await expect.poll(() => page.getByTestId('conflict-file').count()).toBe(2);
    await expect.poll(() => page.getByText('<<<<<<<').count()).toBeGreaterThan(0);
    await screenshot(page, 'dashboard-conflicts');

    await page.getByTestId('conflict-file').filter({ hasText: 'dashboard.yaml' }).click();
    await expect.poll(() => page.getByTestId('conflict-path').textContent()).toBe('dashboard.yaml');
    await page.getByTestId('keep-mine').click();
    await expect.poll(() => page.getByTestId('conflict-file').count()).toBe(1);
    expect(await page.getByTestId('complete-merge').isDisabled()).toBe(true);
    await page.getByTestId('conflict-file').click();
    await expect.poll(() => page.getByTestId('conflict-path').textContent()).toMatch(/^charts\//);
    await page.getByTestId('keep-theirs').click();
    await expect.poll(() => page.getByTestId('conflict-file').count()).toBe(0);
    await page.getByTestId('complete-merge').click();
    await expect.poll(() => page.getByTestId('page-notice').textContent()).toContain('Merge completed');
    expect(await dashboardTitle(dev)).toBe('Customers (mine)');
    expect((await readChart()).description).toBe('Theirs');
    await runTask(() => page.getByTestId('push').click());
    await screenshot(page, 'dashboard-merged');
  });

  it('searches history by message and opens a commit’s side-by-side diff', async () => {
    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('history-item').count()).toBeGreaterThan(4);
    await page.getByLabel('Search messages').fill('title and chart');
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(2);
    await page.getByTestId('history-item').filter({ hasText: 'Teammate' }).click();
    const view = page.getByTestId('commit-view');
    await expect.poll(() => view.textContent()).toContain('Teammate: title and chart description');
    await view.getByRole('button', { name: /Customers \(theirs\)/ }).click();
    await expect
      .poll(() => view.getByTestId('diff-view').textContent())
      .toContain('dashboard_title: Customers (theirs)');
    await screenshot(page, 'dashboard-history-diff');
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await expect
      .poll(
        () =>
          view
            .locator('.cm-editor')
            .first()
            .evaluate('(node) => getComputedStyle(node).backgroundColor') as Promise<string>,
      )
      .not.toBe('rgb(255, 255, 255)');
    await screenshot(page, 'dashboard-history-diff-dark');
    await page.getByRole('button', { name: 'Toggle theme' }).click();
  });

  it('tags the current commit under Tags, pushes and deletes tags, and a protected target gets the newest tag to deploy', async () => {
    await page.getByTestId('tab-tags').click();
    const rows = page.getByTestId('tag-row');
    await page.getByTestId('tag-name').fill('v1.0');
    await page.getByTestId('tag-message').fill('First release');
    await page.getByTestId('create-tag').click();
    await expect.poll(() => rows.first().textContent()).toContain('First release');
    await runTask(() => rows.filter({ hasText: 'v1.0' }).getByTestId('push-tag').click());
    expect(
      execFileSync('git', ['ls-remote', '--tags', path.join(remote.root, 'customers.git')], {
        encoding: 'utf8',
      }),
    ).toContain('refs/tags/v1.0');

    // A scratch tag goes again after the app's confirmation.
    await page.getByTestId('tag-name').fill('scratch');
    await page.getByTestId('create-tag').click();
    await expect.poll(() => rows.count()).toBe(2);
    await rows.filter({ hasText: 'scratch' }).getByTestId('delete-tag').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => rows.count()).toBe(1);
    await screenshot(page, 'dashboard-tags');

    const api = apiOf(server, caller);
    const prodEnv = (await api.GET('/api/environments')).items.find((item) => item.name === 'prod')!;
    await api.PUT('/api/environments/{id}/deploy-settings', {
      params: { path: { id: prodEnv.id } },
      body: { protected: true },
    });
    try {
      await page.getByTestId('deploy').click();
      await page.getByLabel('Target environment').selectOption({ label: 'prod' });
      await expect.poll(() => page.getByTestId('deploy-protected').textContent()).toContain('only tags');
      await expect.poll(() => page.getByTestId('deploy-ref').inputValue()).toBe('v1.0');
      expect(await page.getByTestId('deploy-refs').locator('option[value="v1.0"]').count()).toBe(1);
      expect(await page.getByTestId('deploy-refs').locator('option[value="main"]').count()).toBe(1);
      await screenshot(page, 'dashboard-deploy-protected');
      // Before a plan is shown the dialog has no Cancel, only its close button.
      await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    } finally {
      await api.PUT('/api/environments/{id}/deploy-settings', {
        params: { path: { id: prodEnv.id } },
        body: {},
      });
    }
    await page.getByTestId('tab-changes').click();
  });

  it('deploys dev → prod after showing the plan, and rolls the second deployment back', async () => {
    await page.getByTestId('deploy').click();
    await page.getByLabel('Target environment').selectOption({ label: 'prod' });
    await page.getByRole('button', { name: 'Show the plan' }).click();
    const plan = page.getByTestId('deploy-plan');
    await expect.poll(() => plan.textContent()).toMatch(/Plan for prod at main/);
    expect(await plan.textContent()).toMatch(/(create|update)/);
    await screenshot(page, 'dashboard-deploy-plan');
    await runTask(() => page.getByTestId('confirm-deploy').click());
    await expect.poll(() => page.getByTestId('deploy-done').textContent()).toContain('Deployed to prod');
    expect(await page.getByRole('link', { name: 'Open in prod' }).getAttribute('href')).toContain(
      `/superset/dashboard/${uuid}/`,
    );
    expect(await dashboardTitle(prod)).toBe('Customers (mine)');
    await screenshot(page, 'dashboard-deployed');
    await page.getByRole('button', { name: 'Close', exact: true }).last().click();

    await setTitle('Customers (second release)');
    await runTask(() => page.getByTestId('sync').click());
    await commitAll('Second release title');
    await page.getByTestId('deploy').click();
    await page.getByLabel('Target environment').selectOption({ label: 'prod' });
    await page.getByRole('button', { name: 'Show the plan' }).click();
    await expect.poll(() => page.getByTestId('deploy-plan').textContent()).toContain('update');
    await runTask(() => page.getByTestId('confirm-deploy').click());
    expect(await dashboardTitle(prod)).toBe('Customers (second release)');
    await page.getByRole('button', { name: 'Close', exact: true }).last().click();

    await page.getByTestId('tab-deployments').click();
    await expect.poll(() => page.getByTestId('deployment-row').count()).toBe(2);
    await runTask(async () => {
      await page.getByTestId('deployment-row').first().getByTestId('rollback').click();
      await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    });
    await expect.poll(() => dashboardTitle(prod)).toBe('Customers (mine)');
    await expect.poll(() => page.getByTestId('deployment-row').first().textContent()).toMatch(/rollback/);
    await screenshot(page, 'dashboard-rolled-back');
  }, 180_000);
});
