// A dashboard's layout edited in Superset's own editor (Chromium driving Superset dev: a chart resized, a chart
// dragged to another row), plus two charts of a row swapped through Superset's dashboard API, reads in words after
// Sync: "'Visits' width 4 → 3", "'Device split' moved to row 2", "'Visits by channel' moved before 'Visits'", in
// the API and on the Changes panel, with no layout ids and nothing cut off. Web Traffic (each chart placed once, so
// the editor can find it by name) is put back in Superset as it was afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Browser, Page } from 'playwright-core';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import { apiOf, runTask } from '../support/api.ts';
import { clientFor, dashboardId, dashboardUuid } from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import {
  editDashboardLayout,
  loginToSuperset,
  openSupersetBrowser,
  type SupersetBrowser,
} from '../support/superset-ui.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, loggedInPage, screenshot } from './browser.ts';

const Stored = z.object({
  result: z.object({
    dashboard_title: z.string(),
    position_json: z.string().nullable(),
    json_metadata: z.string().nullable(),
    // Superset's editor saves these as '' where they were unset: put back too, or a first edit of a fresh
    // instance's dashboard leaves them changed.
    css: z.string().nullable(),
    certified_by: z.string().nullable(),
    certification_details: z.string().nullable(),
  }),
});
type Node = { type?: string; children?: string[]; meta?: Record<string, unknown> };

describe('layout edits made in Superset’s editor read in words (Chromium, real Superset dev)', () => {
  let server: TestServer;
  let api: ReturnType<typeof apiOf>;
  let admin: SupersetClient;
  let id: number;
  let uuid: string;
  let original: z.infer<typeof Stored>['result'] | undefined;
  let ui: SupersetBrowser | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let baseUrl: string;
  let releaseLock: (() => void) | undefined;
  const expected: RegExp[] = [];

  const read = async () =>
    (await admin.json({ path: `/api/v1/dashboard/${id}`, action: 'read the dashboard' }, Stored)).result;
  const params = () => ({ params: { path: { uuid } } });
  const sync = async () =>
    expect((await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', params()))).state).toBe('SUCCESS');
  const dashboardSummary = async () => {
    const status = await api.GET('/api/dashboards/{uuid}/status', params());
    return status.changes.find((change) => change.path === 'dashboard.yaml')?.summary ?? [];
  };

  beforeAll(async () => {
    releaseLock = await takeSuiteLock('seeded-dashboards');
    const info = supersetDev();
    admin = clientFor(info);
    uuid = await dashboardUuid(admin, 'web-traffic');
    id = await dashboardId(admin, 'web-traffic');
    original = await read();
    server = await startTestServer();
    api = apiOf(server, await login(server));
    const environment = await api.POST('/api/environments', {
      body: { name: 'dev', url: info.url, username: info.username, password: info.password },
    });
    await api.POST('/api/dashboards/{uuid}/repository', {
      ...params(),
      body: { environmentId: environment.id, mode: 'init' },
    });
    await sync();
    await api.POST('/api/dashboards/{uuid}/commit', { ...params(), body: { message: 'As exported' } });
    baseUrl = await listenTestServer(server);
  }, 300_000);

  /** Superset's dashboard as it was: the same layout, settings and title, for the files that come next. */
  const putBack = () =>
    admin.call({
      method: 'PUT',
      path: `/api/v1/dashboard/${id}`,
      json: {
        dashboard_title: original!.dashboard_title,
        position_json: original!.position_json,
        json_metadata: original!.json_metadata,
        css: original!.css,
        certified_by: original!.certified_by,
        certification_details: original!.certification_details,
      },
      action: 'put the dashboard back',
    });

  afterAll(async () => {
    await Promise.all([ui?.close(), browser?.close()]);
    // Again, in case a test stopped before the last one did it.
    if (original) await putBack();
    await Promise.all([server?.close(), admin?.close()]);
    releaseLock?.();
  });

  it('a resize and a move in the editor, and a swap through the dashboard API, each get a line by chart name', async () => {
    const info = supersetDev();
    ui = await openSupersetBrowser();
    await loginToSuperset(ui.page, info);
    const edit = await editDashboardLayout(ui.page, {
      url: info.url,
      slug: 'web-traffic',
      title: original!.dashboard_title,
    });
    // Superset's editor cannot reliably drop a chart at a given place inside its own row, so that move is a
    // save through the dashboard API, as the editor sends it (the layout in json_metadata's `positions`).
    const stored = await read();
    const position = JSON.parse(stored.position_json ?? '{}') as Record<string, Node>;
    const row = Object.values(position).find(
      (node) => node.type === 'ROW' && (node.children ?? []).length >= 2,
    )!;
    const [first, second] = row.children!.map((child) => String(position[child]!.meta!.sliceName));
    row.children = [row.children![1]!, row.children![0]!, ...row.children!.slice(2)];
    await admin.call({
      method: 'PUT',
      path: `/api/v1/dashboard/${id}`,
      json: {
        json_metadata: JSON.stringify({ ...JSON.parse(stored.json_metadata ?? '{}'), positions: position }),
      },
      action: 'swap two charts of a row',
    });

    await sync();
    const lines = await dashboardSummary();
    const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expected.push(
      new RegExp(`^'${quote(edit.resized.chart)}' width (\\d+) → (?!\\1)\\d+$`),
      new RegExp(`^'${quote(edit.moved.chart)}' moved to row \\d+$`),
      new RegExp(`^'${quote(second!)}' moved before '${quote(first!)}'$`),
    );
    for (const line of expected)
      expect(
        lines.some((text) => line.test(text)),
        `${line} in ${lines.join(' | ')}`,
      ).toBe(true);
    const text = lines.join('\n');
    expect(text).not.toMatch(/CHART-|ROW-|GRID_ID|layout changed|more changes/);
  });

  it('the Changes panel shows the same words beside the dashboard', async () => {
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl);
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    const row = page.getByTestId('change-row').filter({ hasText: 'dashboard.yaml' });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const lines = () => row.getByTestId('change-summary').locator('li').allTextContents();
    const all = await dashboardSummary();
    await screenshot(page, 'layout-words-changes');
    // A long list is folded, never cut: "Show all" shows every line the API has.
    if (all.length > 8) {
      expect(await lines()).toHaveLength(8);
      await row.getByRole('button', { name: `Show all ${all.length} changes` }).click();
    }
    const shown = (await lines()).map((line) => line.trim());
    expect(shown).toEqual(all);
    for (const line of expected)
      expect(
        shown.some((text) => line.test(text)),
        `${line}`,
      ).toBe(true);
    await screenshot(page, 'layout-words-changes-all');
    await page.setViewportSize({ width: 1024, height: 800 });
    await screenshot(page, 'layout-words-changes-1024');
  });

  it('leaves Web Traffic in Superset as it was: a sync after putting it back changes nothing', async () => {
    await putBack();
    await sync();
    const status = await api.GET('/api/dashboards/{uuid}/status', params());
    expect(status.changes).toEqual([]);
  });
});
