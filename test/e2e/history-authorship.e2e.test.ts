// Who changed what, in a real browser against the real Superset dev: history filtered by author finds the commit
// of a chart a second Superset user renamed, the commit view names author and committer, and "Create tag here…"
// on an older commit makes a tag the Tags tab and the deploy dialog then offer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addSupersetAdmin } from '@superset-git/harness';
import { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardCharts, dashboardUuid } from '../support/superset-admin.ts';
import { apiOf, runTask } from '../support/api.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

const EDITOR = { username: 'authorship-editor', password: 'authorship-editor-pw-1' };

describe('web UI: history by author and a tag made from a commit (Chromium, real Superset dev)', () => {
  let server: TestServer;
  let api: ApiClient;
  let browser: Browser;
  let page: Page;
  let admin: SupersetClient;
  let editor: SupersetClient;
  let uuid: string;
  let first: string;
  let chart: { id: number; slice_name: string } | undefined;
  let releaseLock: (() => void) | undefined;

  async function syncAndCommit(message: string): Promise<string> {
    const task = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }),
    );
    expect(task.state, task.error ?? '').toBe('SUCCESS');
    return (
      await api.POST('/api/dashboards/{uuid}/commit', { params: { path: { uuid } }, body: { message } })
    ).oid;
  }

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const dev = supersetDev();
    admin = clientFor(dev);
    await addSupersetAdmin(dev.name, EDITOR.username, EDITOR.password, { first: 'Sam', last: 'Editor' });
    editor = new SupersetClient(
      { url: dev.url, ...EDITOR, provider: 'db', verifyTls: true },
      { timeoutMs: 60_000 },
    );
    server = await startTestServer();
    const caller = await login(server);
    api = apiOf(server, caller);
    const environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
    });
    uuid = await dashboardUuid(admin, 'customers');
    await api.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, mode: 'init' },
    });
    first = await syncAndCommit('Customers as exported');
    chart = (await dashboardCharts(admin, uuid))[0]!;
    await editor.call({
      method: 'PUT',
      path: `/api/v1/chart/${chart.id}`,
      json: { slice_name: `${chart.slice_name} (Sam)` },
      action: 'rename a chart',
    });
    await syncAndCommit('Sam renamed a chart');

    const baseUrl = await listenTestServer(server);
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (chart)
      await admin
        .call({
          method: 'PUT',
          path: `/api/v1/chart/${chart.id}`,
          json: { slice_name: chart.slice_name },
          action: 'rename a chart back',
        })
        .catch(() => undefined);
    await Promise.all([server?.close(), admin?.close(), editor?.close()]);
    releaseLock?.();
  });

  it('filters history by author and shows who authored and who committed', async () => {
    await page.getByTestId('tab-history').click();
    const items = page.getByTestId('history-item');
    await expect.poll(() => items.count()).toBeGreaterThan(1);
    const all = await items.count();
    await page.getByLabel('Author').fill('sam editor');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Sam renamed a chart');
    await items.first().click();
    await expect.poll(() => page.getByTestId('commit-author').textContent()).toContain('Sam Editor');
    expect(await page.getByTestId('commit-committer').textContent()).toContain('Administrator');
    await screenshot(page, 'history-by-author');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'history-by-author-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Author').fill('');
    // The superset-git user recorded every commit; Sam only authored one.
    await page.getByLabel('Committer').fill('administrator');
    await expect.poll(() => items.count()).toBe(all);
    await page.getByLabel('Committer').fill('sam');
    await expect.poll(() => items.count()).toBe(0);
    await page.getByLabel('Committer').fill('');
    await expect.poll(() => items.count()).toBe(all);
  });

  it('creates a tag on an older commit, then lists it under Tags and offers it to deploy', async () => {
    await page.getByTestId('history-item').filter({ hasText: 'Customers as exported' }).click();
    await page.getByRole('button', { name: 'Create tag here…' }).click();
    await page.getByTestId('tag-here-name').fill('as-exported');
    await page.getByTestId('tag-commit-form').getByLabel('Message').fill('Before the renames');
    await screenshot(page, 'history-tag-dialog');
    await page.getByRole('button', { name: 'Create tag', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('commit-view').getByRole('status').textContent())
      .toContain('as-exported');

    await page.getByTestId('tab-tags').click();
    const row = page.getByTestId('tag-row').filter({ hasText: 'as-exported' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(first.slice(0, 8));
    expect(await row.textContent()).toContain('Before the renames');
    await screenshot(page, 'history-tag-in-tags');

    await row.getByTestId('deploy-tag').click();
    await expect
      .poll(() => page.getByTestId('deploy-refs').locator('option[value="as-exported"]').count())
      .toBe(1);
  });
});
