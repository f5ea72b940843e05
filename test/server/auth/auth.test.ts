// Logging in, sessions, CSRF, API tokens and roles, through the real server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@superset-git/contracts';
import { apiOf, type Caller } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

describe('authentication and authorization', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { loginRateLimit: 100 } });
  });
  afterAll(() => server.close());
  /** The raw client, answering `{ data, error, response }`, so a test sees each status. */
  const as = (caller: Caller = {}, on: TestServer = server) => apiOf(on, caller).raw;

  it('answers health without a login but refuses every other API route', async () => {
    expect((await as().GET('/api/health')).response.status).toBe(200);
    for (const [url, pending] of [
      ['/api/auth/me', as().GET('/api/auth/me')],
      ['/api/environments', as().GET('/api/environments')],
      ['/api/tasks', as().GET('/api/tasks')],
      ['/api/users', as().GET('/api/users')],
      [
        '/api/environments/1/dashboards',
        as().GET('/api/environments/{id}/dashboards', { params: { path: { id: 1 } } }),
      ],
    ] as const) {
      const answer = await pending;
      expect(answer.response.status, url).toBe(401);
      expect(answer.error?.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('rejects a wrong password and an unknown user with the same message', async () => {
    const wrong = await as().POST('/api/auth/login', { body: { username: 'admin', password: 'nope' } });
    const unknown = await as().POST('/api/auth/login', { body: { username: 'ghost', password: 'nope' } });
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.error?.error.message).toBe('Wrong username or password.');
    expect(unknown.error?.error.message).toBe(wrong.error?.error.message);
  });

  it('sets an httpOnly SameSite=Lax session cookie and returns the user with a CSRF token', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'admin-password-for-tests' },
    });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/sg_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const session = JSON.parse(response.body) as Session;
    expect(session.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(session.csrfToken.length).toBeGreaterThan(20);
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const caller = await login(server);
    const body = { name: 'ci', expiresInDays: 1 };
    const without = await as({ cookie: caller.cookie }).POST('/api/auth/tokens', { body });
    expect(without.response.status).toBe(403);
    expect(without.error?.error.code).toBe('CSRF');
    const wrong = await as({ cookie: caller.cookie, csrf: 'forged' }).POST('/api/auth/tokens', { body });
    expect(wrong.response.status).toBe(403);
    const right = await as(caller).POST('/api/auth/tokens', { body });
    expect(right.response.status).toBe(201);
  });

  it('accepts a personal API token as Bearer without CSRF, stores only its hash, and forgets it when revoked', async () => {
    const caller = await login(server);
    const created = await as(caller).POST('/api/auth/tokens', { body: { name: 'pipeline' } });
    expect(created.response.status).toBe(201);
    const token = created.data!.token;
    expect(token).toMatch(/^sgt_/);

    const me = await as({ token }).GET('/api/auth/me');
    expect(me.response.status).toBe(200);
    expect(me.data).toMatchObject({ via: 'token', csrfToken: null, user: { username: 'admin' } });
    const write = await as({ token }).POST('/api/auth/tokens', { body: { name: 'second' } });
    expect(write.response.status).toBe(201);

    const listed = await as({ token }).GET('/api/auth/tokens');
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(listed.data!.items.find((item) => item.id === created.data!.id)?.lastUsedAt).not.toBeNull();

    server.services.db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of fs.readdirSync(server.dataDir)) {
      const full = path.join(server.dataDir, file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(token), file).toBe(false);
    }

    const revoked = await as(caller).DELETE('/api/auth/tokens/{id}', {
      params: { path: { id: created.data!.id } },
    });
    expect(revoked.response.status).toBe(200);
    const after = await as({ token }).GET('/api/auth/me');
    expect(after.response.status).toBe(401);
    expect(after.error?.error.message).toMatch(/invalid, revoked or expired/);
  });

  it('lets an admin create users and keeps viewers and editors out of admin-only routes', async () => {
    const admin = await login(server);
    for (const role of ['viewer', 'editor'] as const) {
      const created = await as(admin).POST('/api/users', {
        body: {
          username: role,
          name: `A ${role}`,
          email: `${role}@example.com`,
          role,
          password: `${role}-password-1`,
        },
      });
      expect(created.response.status).toBe(201);
    }
    const duplicate = await as(admin).POST('/api/users', {
      body: {
        username: 'viewer',
        name: 'x',
        email: 'x@example.com',
        role: 'viewer',
        password: 'another-password',
      },
    });
    expect(duplicate.response.status).toBe(409);

    const viewer = await login(server, 'viewer', 'viewer-password-1');
    expect((await as(viewer).GET('/api/environments')).response.status).toBe(200);
    const forbidden = await as(viewer).POST('/api/environments', {
      body: { name: 'x', url: 'http://127.0.0.1:1', username: 'a', password: 'b', skipConnectionTest: true },
    });
    expect(forbidden.response.status).toBe(403);
    expect(forbidden.error?.error.message).toMatch(/needs the admin role; you are viewer/);
    expect((await as(viewer).GET('/api/users')).response.status).toBe(403);

    const editor = await login(server, 'editor', 'editor-password-1');
    expect((await as(editor).GET('/api/users')).response.status).toBe(403);
  });

  it('ends the session on logout', async () => {
    const caller = await login(server);
    expect((await as(caller).POST('/api/auth/logout')).response.status).toBe(200);
    expect((await as(caller).GET('/api/auth/me')).response.status).toBe(401);
  });

  it('rate-limits repeated login attempts', async () => {
    const limited = await startTestServer({ config: { loginRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const answer = await as({}, limited).POST('/api/auth/login', {
          body: { username: 'admin', password: 'guess' },
        });
        statuses.push(answer.response.status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const answer = await as({}, limited).POST('/api/auth/login', {
        body: { username: 'admin', password: 'x' },
      });
      expect(answer.error?.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('expires sessions after their lifetime', async () => {
    const shortLived = await startTestServer({ config: { sessionTtlHours: 0.0003 } });
    try {
      const caller = await login(shortLived);
      expect((await as(caller, shortLived).GET('/api/auth/me')).response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect((await as(caller, shortLived).GET('/api/auth/me')).response.status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });
});
