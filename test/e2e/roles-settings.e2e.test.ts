// In a real browser: an admin sets an environment's deploy settings (a password that is never shown back),
// and a viewer sees dashboards and their git state but no button that changes anything (the server refuses too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '@superset-git/api-client';
import type { Environment } from '@superset-git/contracts';
import { supersetDev } from '../superset-instances.ts';
import { apiOf, refusal } from '../support/api.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import {
  ADMIN_PASSWORD,
  listenTestServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../support/test-server.ts';
import { launchBrowser, screenshot } from './browser.ts';

const VIEWER_PASSWORD = 'viewer-password-123';
const DB_PASSWORD = 'pr0d-db-s3cret-value';
const DB_UUID = '11111111-2222-4333-8444-555555555555';

describe('web UI: deploy settings and what a viewer may do (Chromium, real Superset dev)', () => {
  let server: TestServer;
  let admin: Caller;
  let api: ApiClient;
  let baseUrl: string;
  let browser: Browser;
  let environment: Environment;
  let uuid: string;

  async function signIn(username: string, password: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}/environments`);
    return page;
  }

  beforeAll(async () => {
    const dev = supersetDev();
    server = await startTestServer();
    admin = await login(server);
    api = apiOf(server, admin);
    baseUrl = await listenTestServer(server);
    environment = await api.POST('/api/environments', {
      body: {
        name: 'dev',
        url: dev.url,
        username: dev.username,
        password: dev.password,
      },
    });
    const superset = clientFor(dev);
    uuid = await dashboardUuid(superset, 'web-traffic');
    await superset.close();
    // A local repository only: connecting reads Superset and changes nothing there.
    expect(
      (
        await api.raw.POST('/api/dashboards/{uuid}/repository', {
          params: { path: { uuid } },
          body: { environmentId: environment.id, mode: 'init' },
        })
      ).response.status,
    ).toBe(201);
    expect(
      (
        await api.raw.POST('/api/users', {
          body: {
            username: 'vera',
            name: 'Vera Viewer',
            email: 'vera@example.com',
            role: 'viewer',
            password: VIEWER_PASSWORD,
          },
        })
      ).response.status,
    ).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin protects prod-like settings and maps a database; the password is never shown back', async () => {
    const page = await signIn('admin', ADMIN_PASSWORD);
    await page.getByTestId('env-row-dev').getByRole('link', { name: 'Deploy settings' }).click();
    await page.getByLabel(/Protected/).check();
    await page.getByLabel('Branch that may also deploy').fill('release');
    await page.getByRole('button', { name: '+ Add database' }).click();
    await page.getByLabel('Database uuid').fill(DB_UUID);
    await page.getByLabel(/SQLAlchemy URI/).fill('postgresql://user:secret@db.example.com/prod');
    await page.getByLabel('Password', { exact: true }).fill(DB_PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Put the password in the password field');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(DB_PASSWORD);

    await page.getByLabel(/SQLAlchemy URI/).fill('postgresql://user@db.example.com/prod');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved.');
    await page.reload();
    await expect.poll(() => page.getByLabel('Database uuid').inputValue()).toBe(DB_UUID);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('placeholder')).toMatch(
      /^unchanged \(/,
    );
    expect(await page.getByLabel('Branch that may also deploy').inputValue()).toBe('release');
    expect(await page.content()).not.toContain(DB_PASSWORD);
    await screenshot(page, 'deploy-settings');
    await page.context().close();
  });

  it('a viewer sees the hub and a dashboard’s git page without any button that changes things', async () => {
    const page = await signIn('vera', VIEWER_PASSWORD);
    await page.goto(`${baseUrl}/environments/${environment.id}?search=Web`);
    const row = page.getByTestId('dashboard-row').filter({ hasText: 'Web Traffic' });
    await expect.poll(() => row.textContent()).toMatch(/main · clean/);
    expect(await row.getByRole('link', { name: 'Sync' }).count()).toBe(0);
    await row.getByTestId('open-git').click();
    await expect.poll(() => page.getByTestId('git-toolbar').count()).toBe(1);
    for (const action of ['sync', 'commit', 'push', 'pull', 'deploy']) {
      expect(await page.getByTestId(action).count(), action).toBe(0);
    }
    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(1);
    await screenshot(page, 'viewer-dashboard');

    await page.goto(`${baseUrl}/environments/${environment.id}/deploy-settings`);
    await expect.poll(() => page.getByText('Only admins can change deploy settings.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.content()).not.toContain(DB_PASSWORD);

    const viewer = await login(server, 'vera', VIEWER_PASSWORD);
    const refused = await refusal(
      apiOf(server, viewer).POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } }),
    );
    expect(refused.status).toBe(403);
    await page.context().close();
  });
});
