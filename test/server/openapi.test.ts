// The API describes itself: OpenAPI from the zod contracts and a docs page, both without login.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@superset-git/contracts';
import { rawRequest } from '../support/api.ts';
import { login, startTestServer, type TestServer } from '../support/test-server.ts';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.ts';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
}

describe('OpenAPI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('documents every route with its request and response schemas', async () => {
    const answer = await rawRequest<OpenApi>(server, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toMatch(/^3\./);
    const paths = answer.body.paths;
    for (const route of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/me',
      '/api/auth/tokens',
      '/api/environments',
      '/api/environments/{id}',
      '/api/environments/{id}/test',
      '/api/environments/{id}/dashboards',
      '/api/tasks/{id}',
      '/api/tasks/{id}/events',
    ]) {
      expect(paths, route).toHaveProperty([route]);
    }
    expect(paths['/api/environments']?.post?.requestBody).toBeDefined();
    expect(Object.keys(paths['/api/environments']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '409', '422']),
    );
    expect(Object.keys(answer.body.components.schemas)).toEqual(
      expect.arrayContaining(['Environment', 'EnvironmentCreate', 'ApiError', 'DashboardPage', 'Task']),
    );
  });

  it('serves the API docs page', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/swagger/i);
  });

  it('answers unknown API paths with a JSON 404 and sets security headers', async () => {
    const caller = await login(server);
    const missing = await rawRequest<ApiError>(server, 'GET', '/api/no-such-thing', caller);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'NOT_FOUND', message: 'No route GET /api/no-such-thing.' });
    const response = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('gives another origin no CORS permission, for a preflight or a request', async () => {
    const origin = 'https://evil.example.com';
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/api/environments',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const request = await server.app.inject({ method: 'GET', url: '/api/health', headers: { origin } });
    expect(request.headers['access-control-allow-origin']).toBeUndefined();
    expect(request.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('the web client', () => {
  it('is typed from the API as it is now (run `npm run api:generate` after changing a contract or route)', async () => {
    const expected = await generateApiTypes();
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(expected);
  });
});
