// The Superset client against a real Superset 6.1: login, token renewal, CSRF on writes, paging, retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  currentUser,
  dashboardsById,
  listDashboardsPage,
  listDashboardsWindow,
  SupersetClient,
  SupersetError,
  supersetVersion,
} from '@superset-git/superset';
import { supersetDev, type SupersetInfo } from '../superset-instances.ts';
import { flakyProxy } from '../support/odd-servers.ts';

function connect(info: SupersetInfo, overrides: Partial<{ url: string; password: string }> = {}) {
  return new SupersetClient(
    {
      url: info.url,
      username: info.username,
      password: info.password,
      provider: 'db',
      verifyTls: true,
      ...overrides,
    },
    { retryDelayMs: 50 },
  );
}

describe('Superset client (real Superset)', () => {
  let info: SupersetInfo;
  let client: SupersetClient;
  beforeAll(() => {
    info = supersetDev();
    client = connect(info);
  });
  afterAll(() => client.close());

  it('logs in and tells the user and the version', async () => {
    expect(await currentUser(client)).toMatchObject({ username: info.username });
    expect(await supersetVersion(client)).toMatch(/^6\.1\./);
  });

  it('gets a new access token when Superset rejects the old one, without the caller noticing', async () => {
    await currentUser(client);
    (client as unknown as { accessToken: string }).accessToken = 'eyJhbGciOiJIUzI1NiJ9.e30.invalid';
    expect(await currentUser(client)).toMatchObject({ username: info.username });
  });

  it('logs in once for calls made at once (each login costs Superset a password check)', async () => {
    const counting = await flakyProxy(info.url, 0);
    const fresh = connect(info, { url: counting.url });
    try {
      const users = await Promise.all(Array.from({ length: 5 }, () => currentUser(fresh)));
      expect(users.map((user) => user.username)).toEqual(Array(5).fill(info.username));
      // One login, the release (asked once per client: /me differs by release), and each call.
      expect(counting.requests()).toBe(1 + 1 + 5);
    } finally {
      await fresh.close();
      await counting.close();
    }
  });

  it('sends the CSRF token and session cookie on writes, which Superset (CSRF on) accepts', async () => {
    const Created = z.object({ id: z.number() });
    const created = await client.json(
      {
        method: 'POST',
        path: '/api/v1/css_template/',
        json: { template_name: `csrf-check-${Date.now()}`, css: 'body{}' },
        action: 'create a CSS template',
      },
      Created,
    );
    await client.call({
      method: 'DELETE',
      path: `/api/v1/css_template/${created.id}`,
      action: 'delete a CSS template',
    });
  });

  it('pages through more dashboards than Superset returns at once', async () => {
    const first = await listDashboardsPage(client, { page: 0, pageSize: 100 });
    expect(first.count).toBeGreaterThan(100);
    expect(first.result).toHaveLength(100);
    const window = await listDashboardsWindow(client, { offset: 90, limit: 20 });
    expect(window.result).toHaveLength(Math.min(20, first.count - 90));
    const second = await listDashboardsPage(client, { page: 1, pageSize: 100 });
    expect(window.result.map((row) => row.id)).toEqual(
      [...first.result.slice(90), ...second.result.slice(0, 10)].map((row) => row.id),
    );
  });

  it('answers a window that runs past the last dashboard with the rows there are', async () => {
    const { count } = await listDashboardsPage(client, { page: 0, pageSize: 1 });
    const tail = await listDashboardsWindow(client, { offset: count - 5, limit: 500 });
    expect(tail.count).toBe(count);
    expect(tail.result).toHaveLength(5);
    const beyond = await listDashboardsWindow(client, { offset: count + 150, limit: 100 });
    expect(beyond).toEqual({ count, result: [] });
  });

  it('streams every dashboard once by id, and one made behind the windows in a last look', async () => {
    const { count } = await listDashboardsPage(client, { page: 0, pageSize: 1 });
    const seen: number[] = [];
    let made: number | null = null;
    const unseen: number[] = [];
    try {
      for await (const window of dashboardsById(client)) {
        seen.push(...window.dashboards.map((row) => row.id));
        if (window.unseen) unseen.push(...window.dashboards.map((row) => row.id));
        // Once the windows reached the newest id, a dashboard made now lies behind them.
        if (made === null && seen.length >= count) {
          const answer = await client.json(
            {
              method: 'POST',
              path: '/api/v1/dashboard/',
              json: { dashboard_title: `made during a stream ${Date.now()}` },
              action: 'create a dashboard',
            },
            z.object({ id: z.number().int() }),
          );
          made = answer.id;
        }
      }
      expect(made).not.toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(count + 1);
      expect(unseen).toEqual([made]);
    } finally {
      if (made !== null)
        await client.call({
          method: 'DELETE',
          path: `/api/v1/dashboard/${made}`,
          action: 'delete a dashboard',
        });
    }
  });

  it('finds dashboards by title or slug', async () => {
    const byTitle = await listDashboardsPage(client, { page: 0, pageSize: 10, search: 'sales overview' });
    expect(byTitle.result.map((row) => row.dashboard_title)).toContain('Sales Overview');
    const bySlug = await listDashboardsPage(client, { page: 0, pageSize: 10, search: 'web-traffic' });
    expect(bySlug.result.map((row) => row.slug)).toContain('web-traffic');
  });

  it('says the password is wrong when it is', async () => {
    const wrong = connect(info, { password: 'not-the-password' });
    await expect(wrong.login()).rejects.toMatchObject({
      code: 'SUPERSET_AUTH',
      message: expect.stringMatching(/Wrong username or password/),
    });
    await wrong.close();
  });

  it('retries through a proxy that answers 502 twice, and gives up with a clear error when it keeps failing', async () => {
    const flaky = await flakyProxy(info.url, 2);
    const throughProxy = connect(info, { url: flaky.url });
    try {
      expect(await currentUser(throughProxy)).toMatchObject({ username: info.username });
      expect(flaky.requests()).toBeGreaterThanOrEqual(4);
    } finally {
      await throughProxy.close();
      await flaky.close();
    }
    const broken = await flakyProxy(info.url, 1000, 503);
    const throughBroken = connect(info, { url: broken.url });
    try {
      const error = await throughBroken.login().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SupersetError);
      expect(broken.requests()).toBe(3);
    } finally {
      await throughBroken.close();
      await broken.close();
    }
  });
});
