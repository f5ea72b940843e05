// In a real browser: add git servers, see a refused token explained with the typed values kept, then a working
// plain git server (a real git http-backend) and a GitHub server (a local server answering as GitHub's REST
// docs describe) with its account and scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';
import { listenTestServer, startTestServer, type TestServer } from '../support/test-server.ts';
import { launchBrowser, screenshot, loggedInPage } from './browser.ts';

describe('web UI: git servers (Chromium; GitHub answered by a local server following its REST docs)', () => {
  let server: TestServer;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let remote: GitRemote;
  let github: ProviderFake;

  beforeAll(async () => {
    remote = await startGitRemote();
    github = await startProviderFake('github', {
      ghp_e2e_token_abcd: { login: 'octo', scopes: ['repo', 'workflow'] },
    });
    server = await startTestServer();
    baseUrl = await listenTestServer(server);
    browser = await launchBrowser();
    page = await loggedInPage(browser, baseUrl, { next: '/git-servers' });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), remote?.stop(), github?.close()]);
  });

  it('says what to do when there is no git server yet', async () => {
    await expect.poll(() => page.getByText('No git servers yet').count()).toBe(1);
  });

  it('explains a refused token, keeps what was typed, and saves once the token is right', async () => {
    await page.getByRole('button', { name: 'Add git server' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Team git');
    await page.getByLabel('Provider').selectOption('generic');
    await page.getByLabel('URL').fill(remote.url);
    await page.getByLabel('Personal access token').fill('not-the-token');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const formError = page.getByTestId('form-error');
    await expect.poll(() => formError.textContent()).toContain('refused the token');
    await expect.poll(() => formError.textContent()).toContain('Nothing was saved');
    expect(await page.getByLabel('URL').inputValue()).toBe(remote.url);
    await screenshot(page, 'git-server-refused-token');

    await page.getByLabel('Personal access token').fill(remote.token);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => page.getByTestId('connection-result').textContent())
      .toContain('did not refuse the token');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByTestId('git-server-row-Team git');
    await expect.poll(() => row.textContent()).toContain('OK');
    expect(await page.content()).not.toContain(remote.token);
  });

  it('adds a GitHub server and shows the account and scopes the token has', async () => {
    await page.getByRole('button', { name: 'Add git server' }).click();
    await page.getByLabel('Name', { exact: true }).fill('GitHub');
    await page.getByLabel('URL').fill(github.url);
    await page.getByLabel('Personal access token').fill('ghp_e2e_token_abcd');
    await page.getByLabel('Default organization or group').fill('analytics');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByTestId('git-server-row-GitHub');
    await expect.poll(() => row.textContent()).toContain('octo');
    expect(await row.textContent()).toContain('repo, workflow');
    await screenshot(page, 'git-servers');
  });
});
