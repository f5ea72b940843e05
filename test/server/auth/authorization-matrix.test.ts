// Every API route × every caller (anonymous, viewer, editor, admin): who gets in and who gets 401 or 403. The
// table below is the intended access, written out by hand; a route the server has and the table lacks (or the
// other way round) fails the test, so a new route cannot ship without a decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, rawRequest } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

type Access = 'public' | 'viewer' | 'editor' | 'admin';

const MATRIX: Record<string, Access> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/me': 'viewer',
  'GET /api/auth/tokens': 'viewer',
  'POST /api/auth/tokens': 'viewer',
  'DELETE /api/auth/tokens/{id}': 'viewer',
  'POST /api/auth/logout': 'viewer',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'GET /api/tasks': 'viewer',
  'GET /api/tasks/{id}': 'viewer',
  'GET /api/tasks/{id}/events': 'viewer',
  'GET /api/environments': 'viewer',
  'POST /api/environments': 'admin',
  'POST /api/environments/test': 'admin',
  'GET /api/environments/{id}': 'viewer',
  'PUT /api/environments/{id}': 'admin',
  'DELETE /api/environments/{id}': 'admin',
  'POST /api/environments/{id}/test': 'editor',
  'GET /api/environments/{id}/dashboards': 'viewer',
  'POST /api/environments/{id}/sync-all': 'editor',
  'GET /api/environments/{id}/deploy-settings': 'viewer',
  'PUT /api/environments/{id}/deploy-settings': 'admin',
  'GET /api/environments/{id}/deploy-state': 'viewer',
  'GET /api/environments/{id}/drift-check': 'viewer',
  'POST /api/environments/{id}/drift-check': 'editor',
  'GET /api/git/servers': 'viewer',
  'POST /api/git/servers': 'admin',
  'POST /api/git/servers/test': 'admin',
  'GET /api/git/servers/{id}': 'viewer',
  'PUT /api/git/servers/{id}': 'admin',
  'DELETE /api/git/servers/{id}': 'admin',
  'POST /api/git/servers/{id}/test': 'editor',
  'GET /api/dashboards/{uuid}/repository': 'viewer',
  'POST /api/dashboards/{uuid}/repository': 'editor',
  'DELETE /api/dashboards/{uuid}/repository': 'admin',
  'PUT /api/dashboards/{uuid}/remote': 'editor',
  'DELETE /api/dashboards/{uuid}/remote': 'editor',
  'GET /api/dashboards/{uuid}/status': 'viewer',
  'GET /api/dashboards/{uuid}/superset-changes': 'viewer',
  'POST /api/dashboards/{uuid}/background-fetch': 'viewer',
  'POST /api/dashboards/{uuid}/sync': 'editor',
  'POST /api/dashboards/{uuid}/push': 'editor',
  'POST /api/dashboards/{uuid}/pull': 'editor',
  'POST /api/dashboards/{uuid}/import': 'editor',
  'POST /api/dashboards/{uuid}/restore': 'editor',
  'POST /api/dashboards/{uuid}/commit': 'editor',
  'GET /api/dashboards/{uuid}/branches': 'viewer',
  'POST /api/dashboards/{uuid}/branches': 'editor',
  'DELETE /api/dashboards/{uuid}/branches': 'editor',
  'POST /api/dashboards/{uuid}/switch': 'editor',
  'GET /api/dashboards/{uuid}/tags': 'viewer',
  'POST /api/dashboards/{uuid}/tags': 'editor',
  'DELETE /api/dashboards/{uuid}/tags': 'editor',
  'POST /api/dashboards/{uuid}/tags/push': 'editor',
  'GET /api/dashboards/{uuid}/recovery': 'viewer',
  'POST /api/dashboards/{uuid}/recovery/apply': 'editor',
  'DELETE /api/dashboards/{uuid}/recovery/safety-branches': 'editor',
  'POST /api/dashboards/{uuid}/recovery/restore': 'editor',
  'GET /api/dashboards/{uuid}/pull-requests': 'viewer',
  'GET /api/dashboards/{uuid}/pull-requests/draft': 'viewer',
  'POST /api/dashboards/{uuid}/pull-requests': 'editor',
  'GET /api/dashboards/{uuid}/history': 'viewer',
  'GET /api/dashboards/{uuid}/commits/{sha}': 'viewer',
  'GET /api/dashboards/{uuid}/diff': 'viewer',
  'GET /api/dashboards/{uuid}/conflicts': 'viewer',
  'GET /api/dashboards/{uuid}/conflicts/file': 'viewer',
  'POST /api/dashboards/{uuid}/conflicts/resolve': 'editor',
  'POST /api/dashboards/{uuid}/merge/abort': 'editor',
  'POST /api/dashboards/{uuid}/merge/continue': 'editor',
  'POST /api/dashboards/{uuid}/merge': 'editor',
  'GET /api/dashboards/{uuid}/compare': 'viewer',
  'POST /api/dashboards/{uuid}/deploy': 'editor',
  'GET /api/dashboards/{uuid}/drift': 'viewer',
  'POST /api/dashboards/{uuid}/drift/adopt': 'editor',
  'POST /api/dashboards/{uuid}/drift/put-back': 'editor',
  'GET /api/deployments': 'viewer',
  'GET /api/deployments/{id}': 'viewer',
  'POST /api/deployments/{id}/rollback': 'editor',
};

const RANK: Record<Access, number> = { public: 0, viewer: 1, editor: 2, admin: 3 };
const ROLES = ['viewer', 'editor', 'admin'] as const;

/** Path parameters that name nothing, so an allowed call changes nothing. */
const concrete = (path: string) =>
  path
    .replace('{id}', '999999')
    .replace('{uuid}', '00000000-0000-4000-8000-0000000000aa')
    .replace('{sha}', 'a'.repeat(40));

let server: TestServer;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const admin = await login(server);
  for (const role of ROLES) {
    if (role !== 'admin') {
      const created = await apiOf(server, admin).raw.POST('/api/users', {
        body: {
          username: role,
          name: role,
          email: `${role}@example.com`,
          role,
          password: `${role}-password-1`,
        },
      });
      expect(created.response.status).toBe(201);
    }
    const session = role === 'admin' ? admin : await login(server, role, `${role}-password-1`);
    tokens[role] = (
      await apiOf(server, session).POST('/api/auth/tokens', { body: { name: 'matrix' } })
    ).token;
  }
});
afterAll(async () => {
  await server?.close();
});

describe('authorization: every route × anonymous, viewer, editor, admin', () => {
  it('the table names exactly the routes the server has', async () => {
    const admin = { token: tokens.admin! };
    const document = (
      await rawRequest<{ paths: Record<string, object> }>(server, 'GET', '/api/openapi.json', admin)
    ).body;
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('each caller gets in exactly where the table says, and is refused with 401 or 403 elsewhere', async () => {
    const wrong: string[] = [];
    // Logging out with a token ends nothing (tokens are revoked on their own route), but keep it last anyway.
    const routes = Object.entries(MATRIX).sort(
      ([a], [b]) => Number(a.endsWith('logout')) - Number(b.endsWith('logout')),
    );
    for (const [route, access] of routes) {
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
      const body = method === 'POST' || method === 'PUT' ? {} : undefined;
      for (const caller of ['anonymous', ...ROLES] as const) {
        const answer = await rawRequest(server, method, concrete(path), {
          ...(caller === 'anonymous' ? {} : { token: tokens[caller] }),
          ...(body ? { body } : {}),
        });
        const rank = caller === 'anonymous' ? 0 : RANK[caller];
        const expected = rank >= RANK[access] ? 'allowed' : caller === 'anonymous' ? 401 : 403;
        const got = answer.status === 401 || answer.status === 403 ? answer.status : 'allowed';
        if (got !== expected) wrong.push(`${route} as ${caller}: expected ${expected}, got ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
