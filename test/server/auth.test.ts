// Logging in, sessions, CSRF, API tokens and roles, through the real server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ApiTokenCreated, ApiTokenSummary, Me, Session } from '@superset-git/contracts';
import { api, login, startTestServer, type TestServer } from '../support/test-server.ts';

describe('authentication and authorization', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { loginRateLimit: 100 } });
  });
  afterAll(() => server.close());

  it('answers health without a login but refuses every other API route', async () => {
    expect((await api(server, 'GET', '/api/health')).status).toBe(200);
    for (const url of [
      '/api/auth/me',
      '/api/environments',
      '/api/tasks',
      '/api/users',
      '/api/environments/1/dashboards',
    ]) {
      const answer = await api<ApiError>(server, 'GET', url);
      expect(answer.status, url).toBe(401);
      expect(answer.body.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('rejects a wrong password and an unknown user with the same message', async () => {
    const wrong = await api<ApiError>(server, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'nope' },
    });
    const unknown = await api<ApiError>(server, 'POST', '/api/auth/login', {
      body: { username: 'ghost', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe('Wrong username or password.');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
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
    const without = await api<ApiError>(server, 'POST', '/api/auth/tokens', { cookie: caller.cookie, body });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('CSRF');
    const wrong = await api(server, 'POST', '/api/auth/tokens', {
      cookie: caller.cookie,
      csrf: 'forged',
      body,
    });
    expect(wrong.status).toBe(403);
    const right = await api(server, 'POST', '/api/auth/tokens', { ...caller, body });
    expect(right.status).toBe(201);
  });

  it('accepts a personal API token as Bearer without CSRF, stores only its hash, and forgets it when revoked', async () => {
    const caller = await login(server);
    const created = await api<ApiTokenCreated>(server, 'POST', '/api/auth/tokens', {
      ...caller,
      body: { name: 'pipeline' },
    });
    expect(created.status).toBe(201);
    const token = created.body.token;
    expect(token).toMatch(/^sgt_/);

    const me = await api<Me>(server, 'GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ via: 'token', csrfToken: null, user: { username: 'admin' } });
    const write = await api(server, 'POST', '/api/auth/tokens', { token, body: { name: 'second' } });
    expect(write.status).toBe(201);

    const listed = await api<{ items: ApiTokenSummary[] }>(server, 'GET', '/api/auth/tokens', { token });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(listed.body.items.find((item) => item.id === created.body.id)?.lastUsedAt).not.toBeNull();

    server.services.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of fs.readdirSync(server.dataDir)) {
      const full = path.join(server.dataDir, file);
      if (fs.statSync(full).isFile()) expect(fs.readFileSync(full).includes(token), file).toBe(false);
    }

    expect((await api(server, 'DELETE', `/api/auth/tokens/${created.body.id}`, caller)).status).toBe(200);
    const after = await api<ApiError>(server, 'GET', '/api/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/invalid, revoked or expired/);
  });

  it('lets an admin create users and keeps viewers and editors out of admin-only routes', async () => {
    const admin = await login(server);
    for (const role of ['viewer', 'editor'] as const) {
      const created = await api(server, 'POST', '/api/users', {
        ...admin,
        body: {
          username: role,
          name: `A ${role}`,
          email: `${role}@example.com`,
          role,
          password: `${role}-password-1`,
        },
      });
      expect(created.status).toBe(201);
    }
    const duplicate = await api<ApiError>(server, 'POST', '/api/users', {
      ...admin,
      body: {
        username: 'viewer',
        name: 'x',
        email: 'x@example.com',
        role: 'viewer',
        password: 'another-password',
      },
    });
    expect(duplicate.status).toBe(409);

    const viewer = await login(server, 'viewer', 'viewer-password-1');
    expect((await api(server, 'GET', '/api/environments', viewer)).status).toBe(200);
    const forbidden = await api<ApiError>(server, 'POST', '/api/environments', {
      ...viewer,
      body: { name: 'x', url: 'http://127.0.0.1:1', username: 'a', password: 'b', skipConnectionTest: true },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/needs the admin role; you are viewer/);
    expect((await api(server, 'GET', '/api/users', viewer)).status).toBe(403);

    const editor = await login(server, 'editor', 'editor-password-1');
    expect((await api(server, 'GET', '/api/users', editor)).status).toBe(403);
  });

  it('ends the session on logout', async () => {
    const caller = await login(server);
    expect((await api(server, 'POST', '/api/auth/logout', caller)).status).toBe(200);
    expect((await api(server, 'GET', '/api/auth/me', caller)).status).toBe(401);
  });

  it('rate-limits repeated login attempts', async () => {
    const limited = await startTestServer({ config: { loginRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        statuses.push(
          (await api(limited, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'guess' } }))
            .status,
        );
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const answer = await api<ApiError>(limited, 'POST', '/api/auth/login', {
        body: { username: 'admin', password: 'x' },
      });
      expect(answer.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('expires sessions after their lifetime', async () => {
    const shortLived = await startTestServer({ config: { sessionTtlHours: 0.0003 } });
    try {
      const caller = await login(shortLived);
      expect((await api(shortLived, 'GET', '/api/auth/me', caller)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect((await api(shortLived, 'GET', '/api/auth/me', caller)).status).toBe(401);
    } finally {
      await shortLived.close();
    }
  });
});
