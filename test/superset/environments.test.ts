// Environments through the API against a real Superset: save only what connects, precise errors, the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiError,
  ConnectionTestResult,
  DashboardPage,
  Environment,
  EnvironmentList,
} from '@superset-git/contracts';
import { supersetDev, type SupersetInfo } from '../superset-instances.ts';
import { api, login, startTestServer, type Caller, type TestServer } from '../support/test-server.ts';
import { freePort, htmlSite, selfSignedSite, silentServer } from '../support/odd-servers.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';

describe('environments (real Superset)', () => {
  let server: TestServer;
  let admin: Caller;
  let superset: SupersetInfo;
  let closedPort = 0;
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: 'dev',
    url: superset.url,
    username: superset.username,
    password: superset.password,
    ...overrides,
  });
  const count = async () =>
    (await api<EnvironmentList>(server, 'GET', '/api/environments', admin)).body.items.length;

  beforeAll(async () => {
    closedPort = await freePort();
    superset = supersetDev();
    server = await startTestServer({ config: { supersetTimeoutMs: 1500 } });
    admin = await login(server);
  });
  afterAll(() => server.close());

  it('tests unsaved values and reports the Superset version and user', async () => {
    const result = await api<ConnectionTestResult>(server, 'POST', '/api/environments/test', {
      ...admin,
      body: body(),
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, errorCode: null, user: { username: superset.username } });
    expect(result.body.supersetVersion).toMatch(/^6\.1\./);
    expect(result.body.message).toMatch(/Connected to Superset 6\.1\.\S+ as admin/);
  });

  it.each([
    [
      'a wrong password',
      () => body({ password: 'wrong-password' }),
      'SUPERSET_AUTH',
      /Wrong username or password for Superset user 'admin'/,
    ],
    [
      'a closed port',
      () => body({ url: `http://127.0.0.1:${closedPort}` }),
      'SUPERSET_UNREACHABLE',
      /Cannot reach Superset at 127\.0\.0\.1:\d+: nothing is listening/,
    ],
    [
      'a port HTTP clients refuse',
      () => body({ url: 'http://127.0.0.1:9' }),
      'SUPERSET_UNREACHABLE',
      /port is blocked/,
    ],
  ])('refuses to save with %s, says why, and saves nothing', async (_label, input, code, message) => {
    const before = await count();
    const answer = await api<ApiError>(server, 'POST', '/api/environments', { ...admin, body: input() });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toMatch(message);
    expect(answer.body.error.message).toMatch(/Nothing was saved/);
    expect(await count()).toBe(before);
  });

  it('recognises a URL that answers HTML as not being Superset', async () => {
    const site = await htmlSite();
    try {
      const answer = await api<ApiError>(server, 'POST', '/api/environments', {
        ...admin,
        body: body({ url: site.url }),
      });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('SUPERSET_NOT_SUPERSET');
      expect(answer.body.error.message).toMatch(/is not a Superset API/);
    } finally {
      await site.close();
    }
  });

  it('gives up on a Superset that does not answer within the timeout', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const answer = await api<ApiError>(server, 'POST', '/api/environments', {
        ...admin,
        body: body({ url: silent.url }),
      });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('SUPERSET_TIMEOUT');
      expect(answer.body.error.message).toMatch(/did not answer/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await silent.close();
    }
  });

  it('names a TLS failure, and gets past it when TLS verification is off', async () => {
    const site = await selfSignedSite();
    try {
      const strict = await api<ApiError>(server, 'POST', '/api/environments', {
        ...admin,
        body: body({ url: site.url }),
      });
      expect(strict.status).toBe(422);
      expect(strict.body.error.code).toBe('SUPERSET_TLS');
      expect(strict.body.error.message).toMatch(/certificate was rejected.*Verify TLS/);
      const lax = await api<ApiError>(server, 'POST', '/api/environments', {
        ...admin,
        body: body({ url: site.url, verifyTls: false }),
      });
      expect(lax.body.error.code).toBe('SUPERSET_NOT_SUPERSET');
    } finally {
      await site.close();
    }
  });

  it('explains a missing field, a bad URL and URL credentials with 400 per field', async () => {
    const missing = await api<ApiError>(server, 'POST', '/api/environments', {
      ...admin,
      body: { name: 'x', url: superset.url },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION');
    expect(Object.keys(missing.body.error.details ?? {})).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
    const badUrl = await api<ApiError>(server, 'POST', '/api/environments', {
      ...admin,
      body: body({ url: 'superset.local' }),
    });
    expect(badUrl.body.error.details?.url).toMatch(/full http:\/\/ or https:\/\/ URL/);
    const withCredentials = await api<ApiError>(server, 'POST', '/api/environments', {
      ...admin,
      body: body({ url: 'http://admin:admin@127.0.0.1:8088' }),
    });
    expect(withCredentials.body.error.details?.url).toMatch(/not in the URL/);
  });

  it('saves a working environment, refuses the same name in another case, edits, tests and deletes it', async () => {
    const created = await api<Environment>(server, 'POST', '/api/environments', {
      ...admin,
      body: body({ url: `${superset.url}/` }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'dev', url: superset.url, provider: 'db', verifyTls: true });
    expect(created.body.lastTest?.ok).toBe(true);
    expect(created.body).not.toHaveProperty('password');
    expect(created.body.passwordHint).toMatch(/^••••/);

    const clash = await api<ApiError>(server, 'POST', '/api/environments', {
      ...admin,
      body: body({ name: 'DEV' }),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toBe("An environment named 'dev' already exists.");

    const id = created.body.id;
    const wrongEdit = await api<ApiError>(server, 'PUT', `/api/environments/${id}`, {
      ...admin,
      body: { password: 'wrong' },
    });
    expect(wrongEdit.body.error.code).toBe('SUPERSET_AUTH');
    const renamed = await api<Environment>(server, 'PUT', `/api/environments/${id}`, {
      ...admin,
      body: { name: 'development' },
    });
    expect(renamed.body.name).toBe('development');
    const tested = await api<ConnectionTestResult>(server, 'POST', `/api/environments/${id}/test`, {
      ...admin,
      body: {},
    });
    expect(tested.body.ok).toBe(true);
    const overridden = await api<ConnectionTestResult>(server, 'POST', `/api/environments/${id}/test`, {
      ...admin,
      body: { password: 'wrong' },
    });
    expect(overridden.body).toMatchObject({ ok: false, errorCode: 'SUPERSET_AUTH' });
    const afterTest = await api<Environment>(server, 'GET', `/api/environments/${id}`, admin);
    expect(afterTest.body.lastTest?.ok).toBe(false);
    // The override was only tried: the saved password still works.
    expect(
      (
        await api<ConnectionTestResult>(server, 'POST', `/api/environments/${id}/test`, {
          ...admin,
          body: {},
        })
      ).body.ok,
    ).toBe(true);

    expect((await api(server, 'DELETE', `/api/environments/${id}`, admin)).status).toBe(200);
    expect((await api(server, 'GET', `/api/environments/${id}`, admin)).status).toBe(404);
    expect((await api(server, 'DELETE', `/api/environments/${id}`, admin)).status).toBe(404);
  });

  it('saves an unreachable environment only when asked to skip the test', async () => {
    const saved = await api<Environment>(server, 'POST', '/api/environments', {
      ...admin,
      body: body({ name: 'maintenance', url: 'http://127.0.0.1:9', skipConnectionTest: true }),
    });
    expect(saved.status).toBe(201);
    expect(saved.body.lastTest).toBeNull();
    const hub = await api<ApiError>(server, 'GET', `/api/environments/${saved.body.id}/dashboards`, admin);
    expect(hub.status).toBe(422);
    expect(hub.body.error.code).toBe('SUPERSET_UNREACHABLE');
  });

  describe('dashboard hub', () => {
    let id: number;
    // Titles and order of the seeded dashboards: no other file may retitle or re-import them meanwhile.
    let releaseLock: (() => void) | undefined;
    afterAll(() => releaseLock?.());
    beforeAll(async () => {
      releaseLock = await takeSuiteLock('seeded-dashboards');
      const created = await api<Environment>(server, 'POST', '/api/environments', {
        ...admin,
        body: body({ name: 'hub' }),
      });
      id = created.body.id;
    }, 400_000);

    it('lists the seeded dashboards with title, slug, uuid, owners, published and last change', async () => {
      const page = await api<DashboardPage>(
        server,
        'GET',
        `/api/environments/${id}/dashboards?search=sales`,
        admin,
      );
      expect(page.status).toBe(200);
      const sales = page.body.items.find((item) => item.slug === 'sales-overview');
      expect(sales).toBeDefined();
      expect(sales).toMatchObject({ title: 'Sales Overview', git: null });
      expect(sales?.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(sales?.owners.length).toBeGreaterThan(0);
      expect(sales?.changedOn).toBeTruthy();
      expect(sales?.url).toBe(`${superset.url}/superset/dashboard/sales-overview/`);
    });

    it('pages past Superset’s 100-per-page limit without gaps or repeats', async () => {
      const all = await api<DashboardPage>(
        server,
        'GET',
        `/api/environments/${id}/dashboards?page=1&pageSize=500`,
        admin,
      );
      expect(all.body.total).toBeGreaterThan(100);
      expect(all.body.items).toHaveLength(all.body.total);
      expect(new Set(all.body.items.map((item) => item.id)).size).toBe(all.body.total);
      const third = await api<DashboardPage>(
        server,
        'GET',
        `/api/environments/${id}/dashboards?page=3&pageSize=40`,
        admin,
      );
      expect(third.body.items.map((item) => item.id)).toEqual(
        all.body.items.slice(80, 120).map((item) => item.id),
      );
      for (const title of ['Sales Overview', 'Customers', 'Web Traffic']) {
        expect(all.body.items.map((item) => item.title)).toContain(title);
      }
    });

    it('refuses a page size over 500', async () => {
      const answer = await api<ApiError>(
        server,
        'GET',
        `/api/environments/${id}/dashboards?pageSize=501`,
        admin,
      );
      expect(answer.status).toBe(400);
    });
  });
});
