// In the browser, the deploy plan for an older target says which Superset it runs and what it cannot hold, before
// anything is imported (Chromium; real Superset 6.1 dev and 4.1 prod).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bundleYaml, parseBundleYaml } from '@superset-git/superset';
import { launchBrowser, screenshot, loggedInPage } from '../e2e/browser.ts';
import { commitOnBranch } from '../support/repo-edits.ts';
import { listenTestServer } from '../support/test-server.ts';
import { compatSuperset } from './compat-instances.ts';
import {
  connectDashboard,
  openSession,
  registerSuperset,
  repoDir,
  type CompatSession,
} from './compat-session.ts';

let session: CompatSession;
let browser: Browser;
let page: Page;
let baseUrl: string;
let uuid: string;

beforeAll(async () => {
  session = await openSession();
  const dev = await registerSuperset(session, 'dev', compatSuperset('dev-6.1.0'));
  await registerSuperset(session, 'prod-41', compatSuperset('prod-4.1.4'));
  uuid = await connectDashboard(session, dev, compatSuperset('dev-6.1.0'), 'web-traffic');
  commitOnBranch(repoDir(session, uuid), 'six-one', (file, text) =>
    file.startsWith('datasets/')
      ? bundleYaml({ ...parseBundleYaml(text), currency_code_column: 'channel' })
      : null,
  );
  baseUrl = await listenTestServer(session.server);
  browser = await launchBrowser();
  page = await loggedInPage(browser, baseUrl, { height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await session?.close();
});

describe('the deploy dialog, towards an older Superset (Chromium)', () => {
  it('names the target’s Superset version and warns about what it leaves out, before anything is imported', async () => {
    await page.goto(`${baseUrl}/dashboards/${uuid}`);
    await page.getByTestId('deploy').click();
    await page.getByLabel('Target environment').selectOption({ label: 'prod-41' });
    await page.getByLabel('Branch, tag or commit').fill('six-one');
    await page.getByRole('button', { name: 'Show the plan' }).click();
    const plan = page.getByTestId('deploy-plan');
    await expect.poll(() => plan.textContent()).toMatch(/Plan for prod-41 at six-one/);
    expect(await page.getByTestId('plan-target-version').textContent()).toContain(
      'The target runs Superset 4.1.4.',
    );
    expect(await page.getByTestId('plan-warnings').textContent()).toContain(
      "Superset 4.1.4 cannot hold currency_code_column of dataset 'web_traffic': left out of the import.",
    );
    expect(await page.getByTestId('plan-errors').count()).toBe(0);
    await screenshot(page, 'deploy-plan-older-superset');
  });
});
