// Every page at the widths people use (a 1024 px laptop split, 1280, a 1920 px monitor): nothing scrolls
// sideways, the git toolbar and the hub's actions stay on one line, dialogs fit the window, and a wide
// monitor's width is used. Screenshots of each page at each width are kept for people to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Environment } from '@superset-git/contracts';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { apiOf, runTask } from '../support/api.ts';
import {
  addEnvironment,
  listenTestServer,
  login,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { launchBrowser, loggedInPage, screenshot } from './browser.ts';

const WIDTHS = [1024, 1280, 1920] as const;

/** How far the page scrolls sideways (0 when it fits). Page code is a string: the tests compile without DOM types. */
const sidewaysScroll = (page: Page) =>
  page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;

/** The distinct rows (rounded vertical centres) the visible children of `selector`'s first match sit on. */
const rowsOf = (page: Page, selector: string) =>
  page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)});
    if (!box) return -1;
    const rows = [...box.children]
      .filter((child) => child.offsetParent !== null)
      .map((child) => {
        const rect = child.getBoundingClientRect();
        return Math.round((rect.top + rect.bottom) / 2 / 12);
      });
    return new Set(rows).size;
  })()`) as Promise<number>;

describe('web UI layout at 1024, 1280 and 1920 px (Chromium, real Superset dev + prod)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let dev: Environment;
  let uuid: string;

  beforeAll(async () => {
    server = await startTestServer();
    const caller = await login(server);
    const api = apiOf(server, caller);
    dev = await addEnvironment(server, caller, 'dev', supersetDev());
    await addEnvironment(server, caller, 'prod', supersetProd());
    const client = clientFor(supersetDev());
    uuid = await dashboardUuid(client, 'sales-overview');
    await client.close();
    await api.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: dev.id, mode: 'init' },
    });
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
    baseUrl = await listenTestServer(server);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of WIDTHS) {
    it(`fits every page and dialog at ${width} px`, async () => {
      const page = await loggedInPage(browser, baseUrl, { width });
      try {
        for (const [name, path] of [
          ['environments', '/environments'],
          ['git-servers', '/git-servers'],
          ['tasks', '/tasks'],
        ] as const) {
          await page.goto(`${baseUrl}${path}`);
          await page.waitForLoadState('networkidle');
          expect(await sidewaysScroll(page), `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(
            0,
          );
          await screenshot(page, `layout-${name}-${width}`);
        }

        await page.goto(`${baseUrl}/environments/${dev.id}?search=sales`);
        await expect.poll(() => page.getByTestId('open-git').count()).toBe(1);
        await screenshot(page, `layout-hub-${width}`);
        expect(await sidewaysScroll(page), `hub at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
        expect(await rowsOf(page, '[data-testid="dashboard-row"] td.row-actions'), 'hub actions wrap').toBe(
          1,
        );

        await page.goto(`${baseUrl}/dashboards/${uuid}`);
        await expect.poll(() => page.getByTestId('git-state').textContent()).toMatch(/clean|uncommitted/);
        await screenshot(page, `layout-dashboard-${width}`);
        expect(await sidewaysScroll(page), `dashboard at ${width} px scrolls sideways`).toBeLessThanOrEqual(
          0,
        );
        expect(await rowsOf(page, '[data-testid="git-toolbar"]'), 'the git toolbar wraps').toBe(1);
        const main = await page.locator('main').boundingBox();
        // A wide monitor's width is used (the content is not a narrow column in the middle).
        if (width === 1920) expect(main!.width).toBeGreaterThan(1500);

        await page.getByTestId('deploy').click();
        const dialog = page.getByRole('dialog');
        await expect.poll(() => dialog.count()).toBe(1);
        await page.waitForLoadState('networkidle');
        const box = await dialog.boundingBox();
        await screenshot(page, `layout-deploy-dialog-${width}`);
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, 'the deploy dialog is clipped on the right').toBeLessThanOrEqual(width);
        expect(box!.y + box!.height, 'the deploy dialog is taller than the window').toBeLessThanOrEqual(800);
        await page.keyboard.press('Escape');
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
