// What fuzzing the API with schemathesis found (test/stress/api-fuzz.stress.test.ts), each kept as the request
// that showed it: the answer is a declared 4xx, never a 500, and says what the OpenAPI document says it does.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskEventMessage, type ApiError, type CommitPage, type Environment } from '@superset-git/contracts';
import { initRepository } from '@superset-git/git';
import { apiOf, rawRequest, expectStatus } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

/** Beyond every integer an id can be (Number.MAX_SAFE_INTEGER + 1): validation refuses it before any handler. */
const TOO_BIG_ID = '9007199254740992';
const SOME_UUID = '6f1c8a52-9d1e-4a5b-8c3e-2b7d9e0f1a2c';

describe('what the API fuzzer found', () => {
  let server: TestServer;
  let caller: Awaited<ReturnType<typeof login>>;
  let paths: Paths;
  let environment: Environment;
  beforeAll(async () => {
    server = await startTestServer();
    caller = await login(server);
    paths = (await rawRequest<{ paths: Paths }>(server, 'GET', '/api/openapi.json')).body.paths;
    // A dashboard connected to a repository through an environment, as a connect leaves it, without a Superset.
    environment = await apiOf(server, caller).POST('/api/environments', {
      body: {
        name: 'Dev',
        url: 'http://127.0.0.1:9',
        username: 'admin',
        password: 'admin',
        skipConnectionTest: true,
      },
    });
    const { orm, t } = server.services.db;
    await orm.insert(t.dashboardRepos).values({ dashboardUuid: SOME_UUID, environmentId: environment.id });
    await initRepository(path.join(server.dataDir, 'repos', SOME_UUID), {
      author: { name: 'Admin', email: 'admin@example.com' },
    });
  });
  afterAll(() => server.close());

  const operations = () =>
    Object.entries(paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route, method, operation })),
    );

  it('answers an id past the largest integer with a 400 that every operation taking an id declares', async () => {
    for (const { route, method, operation } of operations()) {
      if (!route.includes('{id}')) continue;
      const url = route.replace('{id}', TOO_BIG_ID).replace('{uuid}', SOME_UUID);
      const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const body = verb === 'POST' || verb === 'PUT' ? { body: {} } : {};
      const answer = await rawRequest<ApiError>(server, verb, url, { ...caller, ...body });
      expect(answer.status, `${method} ${url}`).toBe(400);
      expect(Object.keys(operation.responses), `${method} ${route}`).toContain('400');
    }
  });

  it('answers a path value longer than the router takes with a declared 400, not a bare 414', async () => {
    const tooLong = encodeURIComponent('Ṱ̺̺o͞ ̷i̲̬n̝̗v̟̜o̶̙k'.repeat(12));
    for (const { route, method, operation } of operations()) {
      if (!route.includes('{uuid}')) continue;
      const url = route.replace('{uuid}', tooLong).replace('{id}', '1');
      const verb = method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE';
      const answer = await rawRequest<ApiError>(server, verb, url, caller);
      expect(answer.status, `${method} ${route}`).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION');
      expect(answer.body.error.message).toMatch(/too long/);
      expect(Object.keys(operation.responses), `${method} ${route}`).toContain('400');
    }
  });

  it('answers a body past the 10 MB limit with a 413 that the operation declares', async () => {
    const route = '/api/dashboards/{uuid}/conflicts/resolve';
    const answer = await rawRequest<ApiError>(server, 'POST', route.replace('{uuid}', SOME_UUID), {
      ...caller,
      body: { path: 'dashboard.yaml', resolution: 'content', content: 'x'.repeat(11 * 1024 * 1024) },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/too large/);
    expect(Object.keys(paths[route]!.post!.responses)).toContain('413');
  });

  it('declares the 401 every operation but the public ones answers to a caller who is not logged in', async () => {
    const publicOnes = new Set(['get /api/health', 'post /api/auth/login']);
    for (const { route, method, operation } of operations()) {
      if (publicOnes.has(`${method} ${route}`)) continue;
      const url = route.replace('{id}', '1').replace('{uuid}', SOME_UUID);
      const answer = await rawRequest(server, method.toUpperCase() as 'GET', url);
      expect(answer.status, `${method} ${url}`).toBe(401);
      expect(Object.keys(operation.responses), `${method} ${route}`).toContain('401');
    }
  });

  it('declares the 400 of a login without a body', async () => {
    const answer = await server.app.inject({ method: 'POST', url: '/api/auth/login' });
    expect(answer.statusCode).toBe(400);
    expect(Object.keys(paths['/api/auth/login']!.post!.responses)).toContain('400');
  });

  it('refuses with a 409, not a 500, to remove an environment whose dashboards are connected to git', async () => {
    const answer = await apiOf(server, caller).raw.DELETE('/api/environments/{id}', {
      params: { path: { id: environment.id } },
    });
    expect(answer.response.status).toBe(409);
    expect(answer.error!.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/disconnect/),
    });
    expect(Object.keys(paths['/api/environments/{id}']!.delete!.responses)).toContain('409');
    await expectStatus(
      200,
      apiOf(server, caller).raw.GET('/api/environments/{id}', {
        params: { path: { id: environment.id } },
      }),
    );
  });

  it('refuses a NUL character in a history search with a 400, not a 500 (no argument of git can hold one)', async () => {
    const history = `/api/dashboards/${SOME_UUID}/history`;
    expect(
      (await rawRequest<CommitPage>(server, 'GET', `${history}?text=Initialize`, caller)).body.items,
    ).toHaveLength(1);
    for (const query of ['text=a%00b', 'author=a%00b']) {
      const answer = await rawRequest<ApiError>(server, 'GET', `${history}?${query}`, caller);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION');
    }
  });

  it('refuses a user name git could not put in a commit (a NUL, a newline, < or >) with a 400', async () => {
    const user = (name: string, username: string) => ({
      ...caller,
      body: {
        username,
        name,
        email: `${username}@example.com`,
        role: 'editor',
        password: 'long-enough-password',
      },
    });
    for (const [index, name] of ['A\u0000B', 'A\nB', 'A <b@c>'].entries()) {
      const answer = await rawRequest<ApiError>(server, 'POST', '/api/users', user(name, `odd${index}`));
      expect(answer.status, JSON.stringify(name)).toBe(400);
      expect(answer.body.error.message).toMatch(/control characters/);
    }
    expect((await rawRequest(server, 'POST', '/api/users', user('Zoë O’Brien-Smith', 'zoe'))).status).toBe(
      201,
    );
  });

  it('declares the task event stream as the messages it sends, with a 200', async () => {
    const task = await server.services.tasks.start(
      { kind: 'demo', title: 'Say hello', createdBy: 1 },
      async (ctx) => {
        ctx.log('hello');
      },
    );
    await server.services.tasks.idle();
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/tasks/${task.id}/events`,
      headers: { cookie: caller.cookie },
    });
    expect(response.statusCode).toBe(200);
    const messages = response.body
      .split('\n\n')
      .filter((block) => block.trim() && !block.startsWith(':'))
      .map((block) => {
        const fields = Object.fromEntries(
          block
            .split('\n')
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        return TaskEventMessage.parse(fields);
      });
    expect(messages.map((message) => message.event)).toEqual(['log', 'state']);
    const declared = paths['/api/tasks/{id}/events']!.get!.responses['200']?.content?.['text/event-stream'];
    expect(declared?.schema?.$ref).toBe('#/components/schemas/TaskEventMessage');
  });
});
