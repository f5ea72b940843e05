// In a real browser: log in, add the real Superset as an environment (after a wrong password), test it,
// and find the seeded dashboards in its hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { supersetDev, type SupersetInfo } from '../superset-instances.ts';
import {
  ADMIN_PASSWORD,
  listenTestServer,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

describe('web UI: environments and the dashboard hub (Chromium, real Superset)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let superset: SupersetInfo;

  beforeAll(async () => {
    superset = supersetDev();
    server = await startTestServer();
    baseUrl = await listenTestServer(server);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to the login page and refuses a wrong password', async () => {
    await page.goto(`${baseUrl}/environments`);
    await page.waitForURL(/\/login\?next=%2Fenvironments/);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong username or password.');
    await screenshot(page, 'login-error');
  });

  it('logs in and shows an empty environment list that says what to do', async () => {
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/environments`);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('admin');
    await expect.poll(() => page.getByText('No environments yet').count()).toBe(1);
  });

  it('explains a wrong Superset password, keeps what was typed, and saves once it is right', async () => {
    await page.getByRole('button', { name: 'Add environment' }).click();
    await page.getByLabel('Name', { exact: true }).fill('dev');
    await page.getByLabel('Superset URL').fill(superset.url);
    await page.getByLabel('Username').fill(superset.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const formError = page.getByTestId('form-error');
    await expect
      .poll(() => formError.textContent())
      .toMatch(/Wrong username or password for Superset user 'admin'/);
    expect(await page.getByLabel('Superset URL').inputValue()).toBe(superset.url);
    expect(await page.getByRole('button', { name: 'Save anyway' }).count()).toBe(1);
    await screenshot(page, 'environment-wrong-password');

    await page.getByLabel('Password').fill(superset.password);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.getByTestId('connection-result').first().textContent())
      .toMatch(/Connected to Superset 6\.1\.\S+ as admin/);
    await screenshot(page, 'environment-test-ok');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByTestId('env-row-dev');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(superset.url);
    expect(await row.textContent()).toContain('OK');
    expect(await row.getByTestId('env-version').textContent()).toBe(superset.version);
    await screenshot(page, 'environments');
  });

  it('opens the hub with the seeded dashboards, searchable and paged', async () => {
    await page.getByRole('link', { name: 'dev' }).click();
    await page.waitForURL(/\/environments\/\d+/);
    await expect
      .poll(() => page.getByTestId('env-version').textContent())
      .toBe(`Superset ${superset.version}`);
    await expect.poll(() => page.getByTestId('dashboard-row').count()).toBe(25);
    expect(await page.getByTestId('hub-range').textContent()).toMatch(/1–25 of \d{3}/);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByTestId('hub-range').textContent()).toMatch(/26–50 of/);

    await page.getByRole('searchbox').fill('sales');
    await expect.poll(() => page.getByTestId('dashboard-row').count()).toBe(1);
    const row = page.getByTestId('dashboard-row').first();
    expect(await row.textContent()).toContain('Sales Overview');
    expect(await row.textContent()).toContain('sales-overview');
    expect(await row.textContent()).toContain('Not connected');
    expect(await row.getByRole('link', { name: 'Sales Overview' }).getAttribute('href')).toBe(
      `${superset.url}/superset/dashboard/sales-overview/`,
    );
    expect(await row.getByTestId('connect').getAttribute('href')).toMatch(
      /^\/dashboards\/[0-9a-f-]{36}\?do=connect/,
    );
    expect(page.url()).toContain('search=sales');
    await screenshot(page, 'hub-search');

    await page.getByRole('searchbox').fill('');
    await expect.poll(() => page.getByTestId('dashboard-row').count()).toBe(25);
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await screenshot(page, 'hub-dark');
  });

  it('puts every dashboard into git from the hub, with progress, and then shows each one’s git status', async () => {
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await page.getByRole('button', { name: 'Sync all into git…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Commit message (optional)').fill('All of dev');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => dialog.getByTestId('task-log').textContent())
      .toMatch(/\d+ dashboard\(s\) in dev/);
    await screenshot(page, 'hub-sync-all-running');
    await expect
      .poll(() => dialog.getByTestId('task-state').textContent(), { timeout: 150_000, interval: 1000 })
      .toBe('done');
    expect(await dialog.getByTestId('task-log').textContent()).toContain("'Sales Overview': ");
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.getByTestId('dashboard-row').first().textContent()).toMatch(/main · clean/);
    await expect.poll(() => page.getByText('Not connected').count()).toBe(0);
    await screenshot(page, 'hub-after-sync-all');
  }, 180_000);
});
