// In a real browser: the tasks page follows a running task's log live and shows how it ended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { listenTestServer, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe('web UI: tasks (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows log lines as the task writes them, then its final state', async () => {
    const baseUrl = await listenTestServer(server);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const task = await server.services.tasks.start(
      { kind: 'demo', title: 'Sync Sales Overview', createdBy: 1 },
      async (ctx) => {
        ctx.log('exporting dashboard');
        await gate;
        ctx.log('wrote 24 files');
      },
    );

    const page = await loggedInPage(browser, baseUrl, { next: '/tasks' });
    await page.getByRole('button', { name: `#${task.id} Sync Sales Overview` }).click();
    const log = page.getByTestId('task-log');
    await expect.poll(() => log.textContent()).toContain('exporting dashboard');
    expect(await log.textContent()).not.toContain('wrote 24 files');
    release();
    await expect.poll(() => log.textContent()).toContain('wrote 24 files');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toContain('SUCCESS');
    expect(await log.locator('.line').count()).toBe(2);
    await screenshot(page, 'task-log');
  });
});
