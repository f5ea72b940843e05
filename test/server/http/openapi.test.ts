// The API describes itself: OpenAPI from the zod contracts and a docs page, both without login.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@superset-git/contracts';
import { rawRequest } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { API_TYPES_FILE, generateApiTypes } from '../../../scripts/api-types.ts';

type Content = Record<string, { schema?: unknown }>;

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        tags?: string[];
        requestBody?: { content?: Content };
        responses?: Record<string, { content?: Content }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
}

describe('OpenAPI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('documents every route: a summary, a tag, and named schemas for each JSON body and answer', async () => {
    const answer = await rawRequest<OpenApi>(server, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(answer.body.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    // The dashboards' git routes, the host's and the deploy routes: far more than a handful.
    expect(operations.length).toBeGreaterThan(50);
    const named = (schema: unknown): boolean => {
      const node = schema as { $ref?: string; anyOf?: unknown[]; type?: string } | undefined;
      if (!node) return false;
      if (node.$ref) return node.$ref.startsWith('#/components/schemas/');
      // A body that may be left out is its named schema or null.
      return !!node.anyOf?.every((part) => (part as { type?: string }).type === 'null' || named(part));
    };
    const problems: string[] = [];
    for (const { route, operation } of operations) {
      if (!operation.summary) problems.push(`${route}: no summary`);
      if (!operation.tags?.length) problems.push(`${route}: no tag`);
      const body = operation.requestBody?.content?.['application/json']?.schema;
      if (operation.requestBody && !named(body)) problems.push(`${route}: unnamed request body`);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema;
        if (schema && !named(schema)) problems.push(`${route} ${status}: unnamed answer`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(answer.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'Environment',
        'EnvironmentCreate',
        'ApiError',
        'BranchSwitchResult',
        'DeployResult',
      ]),
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
