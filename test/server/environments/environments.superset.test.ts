// Environments through the API against a real Superset: save only what connects, precise errors, the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@superset-git/contracts';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev, type SupersetInfo } from '../../superset-instances.ts';
import { apiOf, rawRequest, expectStatus } from '../../support/api.ts';
import { login, startTestServer, type Caller, type TestServer } from '../../support/test-server.ts';
import { freePort, htmlSite, selfSignedSite, silentServer } from '../../support/odd-servers.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

describe('environments (real Superset)', () => {
  let server: TestServer;
  let admin: Caller;
  let api: ApiClient;
  let superset: SupersetInfo;
  let closedPort = 0;
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: 'dev',
    url: superset.url,
    username: superset.username,
    password: superset.password,
    ...overrides,
  });
  const count = async () => (await api.GET('/api/environments')).items.length;

  beforeAll(async () => {
    closedPort = await freePort();
    superset = supersetDev();
    server = await startTestServer({ config: { supersetTimeoutMs: 1500 } });
    admin = await login(server);
    api = apiOf(server, admin);
  });
  afterAll(() => server.close());

  it('tests unsaved values and reports the Superset version and user', async () => {
    const result = await api.raw.POST('/api/environments/test', { body: body() });
    expect(result.response.status).toBe(200);
    expect(result.data).toMatchObject({ ok: true, errorCode: null, user: { username: superset.username } });
    expect(result.data!.supersetVersion).toMatch(/^6\.1\./);
    expect(result.data!.message).toMatch(/Connected to Superset 6\.1\.\S+ as admin/);
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
    const answer = await api.raw.POST('/api/environments', { body: input() });
    expect(answer.response.status).toBe(422);
    expect(answer.error!.error.code).toBe(code);
    expect(answer.error!.error.message).toMatch(message);
    expect(answer.error!.error.message).toMatch(/Nothing was saved/);
    expect(await count()).toBe(before);
  });

  it('recognises a URL that answers HTML as not being Superset', async () => {
    const site = await htmlSite();
    try {
      const answer = await api.raw.POST('/api/environments', {
        body: body({ url: site.url }),
      });
      expect(answer.response.status).toBe(422);
      expect(answer.error!.error.code).toBe('SUPERSET_NOT_SUPERSET');
      expect(answer.error!.error.message).toMatch(/is not a Superset API/);
    } finally {
      await site.close();
    }
  });

  it('gives up on a Superset that does not answer within the timeout', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const answer = await api.raw.POST('/api/environments', {
        body: body({ url: silent.url }),
      });
      expect(answer.response.status).toBe(422);
      expect(answer.error!.error.code).toBe('SUPERSET_TIMEOUT');
      expect(answer.error!.error.message).toMatch(/did not answer/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await silent.close();
    }
  });

  it('names a TLS failure, and gets past it when TLS verification is off', async () => {
    const site = await selfSignedSite();
    try {
      const strict = await api.raw.POST('/api/environments', {
        body: body({ url: site.url }),
      });
      expect(strict.response.status).toBe(422);
      expect(strict.error!.error.code).toBe('SUPERSET_TLS');
      expect(strict.error!.error.message).toMatch(/certificate was rejected.*Verify TLS/);
      const lax = await api.raw.POST('/api/environments', {
        body: body({ url: site.url, verifyTls: false }),
      });
      expect(lax.error!.error.code).toBe('SUPERSET_NOT_SUPERSET');
    } finally {
      await site.close();
    }
  });

  it('explains a missing field, a bad URL and URL credentials with 400 per field', async () => {
    // Fields left out on purpose: the typed client would not let this body through.
    const missing = await rawRequest<ApiError>(server, 'POST', '/api/environments', {
      ...admin,
      body: { name: 'x', url: superset.url },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION');
    expect(Object.keys(missing.body.error.details ?? {})).toEqual(
      expect.arrayContaining(['username', 'password']),
    );
    const badUrl = await api.raw.POST('/api/environments', {
      body: body({ url: 'superset.local' }),
    });
    expect(badUrl.error!.error.details?.url).toMatch(/full http:\/\/ or https:\/\/ URL/);
    const withCredentials = await api.raw.POST('/api/environments', {
      body: body({ url: 'http://admin:admin@127.0.0.1:8088' }),
    });
    expect(withCredentials.error!.error.details?.url).toMatch(/not in the URL/);
  });

  it('saves a working environment, refuses the same name in another case, edits, tests and deletes it', async () => {
    const created = await api.raw.POST('/api/environments', {
      body: body({ url: `${superset.url}/` }),
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'dev', url: superset.url, provider: 'db', verifyTls: true });
    expect(created.data!.lastTest?.ok).toBe(true);
    expect(created.data).not.toHaveProperty('password');
    expect(created.data!.passwordHint).toMatch(/^••••/);

    const clash = await api.raw.POST('/api/environments', { body: body({ name: 'DEV' }) });
    expect(clash.response.status).toBe(409);
    expect(clash.error!.error.message).toBe("An environment named 'dev' already exists.");

    const id = created.data!.id;
    const wrongEdit = await api.raw.PUT('/api/environments/{id}', {
      params: { path: { id } },
      body: { password: 'wrong' },
    });
    expect(wrongEdit.error!.error.code).toBe('SUPERSET_AUTH');
    const renamed = await api.raw.PUT('/api/environments/{id}', {
      params: { path: { id } },
      body: { name: 'development' },
    });
    expect(renamed.data!.name).toBe('development');
    const tested = await api.raw.POST('/api/environments/{id}/test', {
      params: { path: { id } },
      body: {},
    });
    expect(tested.data!.ok).toBe(true);
    const overridden = await api.raw.POST('/api/environments/{id}/test', {
      params: { path: { id } },
      body: { password: 'wrong' },
    });
    expect(overridden.data).toMatchObject({ ok: false, errorCode: 'SUPERSET_AUTH' });
    const afterTest = await api.raw.GET('/api/environments/{id}', {
      params: { path: { id } },
    });
    expect(afterTest.data!.lastTest?.ok).toBe(false);
    // The override was only tried: the saved password still works.
    expect((await api.POST('/api/environments/{id}/test', { params: { path: { id } }, body: {} })).ok).toBe(
      true,
    );

    await expectStatus(200, api.raw.DELETE('/api/environments/{id}', { params: { path: { id } } }));
    expect((await api.raw.GET('/api/environments/{id}', { params: { path: { id } } })).response.status).toBe(
      404,
    );
    await expectStatus(404, api.raw.DELETE('/api/environments/{id}', { params: { path: { id } } }));
  });

  it('saves an unreachable environment only when asked to skip the test', async () => {
    const saved = await api.raw.POST('/api/environments', {
      body: body({ name: 'maintenance', url: 'http://127.0.0.1:9', skipConnectionTest: true }),
    });
    expect(saved.response.status).toBe(201);
    expect(saved.data!.lastTest).toBeNull();
    const hub = await api.raw.GET('/api/environments/{id}/dashboards', {
      params: { path: { id: saved.data!.id } },
    });
    expect(hub.response.status).toBe(422);
    expect(hub.error!.error.code).toBe('SUPERSET_UNREACHABLE');
  });

  describe('dashboard hub', () => {
    let id: number;
    // Titles and order of the seeded dashboards: no other file may retitle or re-import them meanwhile.
    let releaseLock: (() => void) | undefined;
    afterAll(() => releaseLock?.());
    beforeAll(async () => {
      releaseLock = await takeSuiteLock('seeded-dashboards');
      const created = await api.raw.POST('/api/environments', {
        body: body({ name: 'hub' }),
      });
      id = created.data!.id;
    }, 400_000);

    it('lists the seeded dashboards with title, slug, uuid, owners, published and last change', async () => {
      const page = await api.raw.GET('/api/environments/{id}/dashboards', {
        params: { path: { id }, query: { search: 'sales' } },
      });
      expect(page.response.status).toBe(200);
      const sales = page.data!.items.find((item) => item.slug === 'sales-overview');
      expect(sales).toBeDefined();
      expect(sales).toMatchObject({ title: 'Sales Overview', git: null });
      expect(sales?.uuid).toMatch(/^[0-9a-f-]{36}$/);
      expect(sales?.owners.length).toBeGreaterThan(0);
      expect(sales?.changedOn).toBeTruthy();
      expect(sales?.url).toBe(`${superset.url}/superset/dashboard/sales-overview/`);
    });

    it('pages past Superset’s 100-per-page limit without gaps or repeats', async () => {
      const all = await api.raw.GET('/api/environments/{id}/dashboards', {
        params: { path: { id }, query: { page: 1, pageSize: 500 } },
      });
      expect(all.data!.total).toBeGreaterThan(100);
      expect(all.data!.items).toHaveLength(all.data!.total);
      expect(new Set(all.data!.items.map((item) => item.id)).size).toBe(all.data!.total);
      const third = await api.raw.GET('/api/environments/{id}/dashboards', {
        params: { path: { id }, query: { page: 3, pageSize: 40 } },
      });
      expect(third.data!.items.map((item) => item.id)).toEqual(
        all.data!.items.slice(80, 120).map((item) => item.id),
      );
      for (const title of ['Sales Overview', 'Customers', 'Web Traffic']) {
        expect(all.data!.items.map((item) => item.title)).toContain(title);
      }
    });

    it('refuses a page size over 500', async () => {
      const answer = await api.raw.GET('/api/environments/{id}/dashboards', {
        params: { path: { id }, query: { pageSize: 501 } },
      });
      expect(answer.response.status).toBe(400);
    });
  });
});
