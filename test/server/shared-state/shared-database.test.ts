// Two servers on one database (one data dir, one SQLite file): what a person does on one, the other honours.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, type Caller } from '../../support/api.ts';
import { freePort } from '../../support/odd-servers.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

/** A failed login from `client` on `server`, answering its status. */
async function failedLogin(server: TestServer, client: string): Promise<number> {
  const answer = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: client,
    payload: { username: 'admin', password: 'a guess' },
  });
  return answer.statusCode;
}

describe('two servers sharing one database', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ config: { loginRateLimit: 4 } });
    b = await startTestServer({ dataDir: a.dataDir, config: { loginRateLimit: 4 } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  const as = (server: TestServer, caller: Caller = {}) => apiOf(server, caller).raw;

  it('counts logins spread over both servers against one limit, per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push(await failedLogin(i % 2 === 0 ? a : b, '10.0.0.7'));
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Another client is not held back by the first one's attempts, on either server.
    expect(await failedLogin(b, '10.0.0.8')).toBe(401);
    expect(await failedLogin(a, '10.0.0.8')).toBe(401);
  });

  it('honours a session made on one server on the other, and a logout on either ends it on both', async () => {
    const caller = await login(a);
    const me = await as(b, caller).GET('/api/auth/me');
    expect(me.response.status).toBe(200);
    expect(me.data).toMatchObject({ via: 'session', user: { username: 'admin' } });
    // A write on the other server with the CSRF token the first one gave.
    const token = await as(b, caller).POST('/api/auth/tokens', { body: { name: 'from b' } });
    expect(token.response.status).toBe(201);

    expect((await as(b, caller).POST('/api/auth/logout')).response.status).toBe(200);
    expect((await as(a, caller).GET('/api/auth/me')).response.status).toBe(401);
  });

  it('accepts an API token made on one server on the other until it is revoked on either', async () => {
    const caller = await login(b);
    const created = await as(b, caller).POST('/api/auth/tokens', { body: { name: 'pipeline' } });
    expect(created.response.status).toBe(201);
    const token = created.data!.token;
    expect((await as(a, { token }).GET('/api/auth/me')).response.status).toBe(200);

    const revoked = await as(a, { token }).DELETE('/api/auth/tokens/{id}', {
      params: { path: { id: created.data!.id } },
    });
    expect(revoked.response.status).toBe(200);
    expect((await as(b, { token }).GET('/api/auth/me')).response.status).toBe(401);
  });

  it("calls an environment's new address on the other server once it is changed on one", async () => {
    const admin = await login(a);
    const [first, second] = [await freePort(), await freePort()];
    const created = await as(a, admin).POST('/api/environments', {
      body: {
        name: 'Moved',
        url: `http://127.0.0.1:${first}`,
        username: 'admin',
        password: 'secret-password',
        skipConnectionTest: true,
      },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    const hubOnB = async () =>
      JSON.stringify(
        (await as(b, admin).GET('/api/environments/{id}/dashboards', { params: { path: { id } } })).error,
      );
    expect(await hubOnB()).toContain(`:${first}`);

    const moved = await as(a, admin).PUT('/api/environments/{id}', {
      params: { path: { id } },
      body: { url: `http://127.0.0.1:${second}`, skipConnectionTest: true },
    });
    expect(moved.response.status).toBe(200);
    const answer = await hubOnB();
    expect(answer).toContain(`:${second}`);
    expect(answer).not.toContain(`:${first}`);
  });
});

describe('two servers starting on a new database at once', () => {
  it('create one admin, who can log in on both', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-test-'));
    const [a, b] = await Promise.all([startTestServer({ dataDir }), startTestServer({ dataDir })]);
    try {
      const admin = await login(b);
      const users = await apiOf(a, admin).raw.GET('/api/users');
      expect(users.data?.items.map((user) => user.username)).toEqual(['admin']);
      await login(a);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
