// The plugin host: a plugin's routes, config and status provider work; a broken plugin stops the start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, PluginLoadError } from '@superset-git/server';
import { apiOf, rawRequest } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

const greeter = definePlugin({
  id: 'greeter',
  version: '1.2.3',
  configSchema: z.object({ greeting: z.string().default('hello') }),
  setup(ctx) {
    ctx.routes((app) => {
      app.get(
        '/hello',
        {
          schema: {
            querystring: z.object({ name: z.string() }),
            response: { 200: z.object({ text: z.string() }) },
          },
        },
        async (request) => ({ text: `${ctx.config.greeting}, ${request.query.name}` }),
      );
      app.post('/jobs', { config: { access: 'editor' } }, async (request) => {
        const task = await ctx.tasks.start(
          { kind: 'greeter', title: 'Greet', createdBy: request.auth?.user.id ?? null },
          async (task) => {
            task.log('greeting');
          },
        );
        return { taskId: task.id };
      });
    });
  },
});

describe('plugin host', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      plugins: [greeter],
      config: { pluginConfig: { greeter: { greeting: 'bonjour' } } },
    });
  });
  afterAll(() => server.close());

  it('serves a plugin route under /api/plugins/<id> with its validated config, behind login', async () => {
    expect((await rawRequest(server, 'GET', '/api/plugins/greeter/hello?name=Ada')).status).toBe(401);
    const caller = await login(server);
    const answer = await rawRequest<{ text: string }>(
      server,
      'GET',
      '/api/plugins/greeter/hello?name=Ada',
      caller,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.text).toBe('bonjour, Ada');
    expect((await rawRequest(server, 'GET', '/api/plugins/greeter/hello', caller)).status).toBe(400);
    expect(server.services.plugins.loaded).toEqual([{ id: 'greeter', version: '1.2.3' }]);
  });

  it('gives plugins the task runner and documents their routes in OpenAPI', async () => {
    const caller = await login(server);
    const started = await rawRequest<{ taskId: number }>(server, 'POST', '/api/plugins/greeter/jobs', caller);
    expect(started.status).toBe(200);
    await server.services.tasks.idle();
    const task = await apiOf(server, caller).raw.GET('/api/tasks/{id}', {
      params: { path: { id: started.body.taskId } },
    });
    expect(task.data!.state).toBe('SUCCESS');
    const openapi = await rawRequest<{ paths: Record<string, unknown> }>(server, 'GET', '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toContain('/api/plugins/greeter/hello');
  });

  it('refuses to start when a plugin throws in setup, naming the plugin and the reason', async () => {
    const broken = definePlugin({
      id: 'broken',
      version: '0.0.1',
      configSchema: z.object({}),
      setup() {
        throw new Error('cannot find the git binary');
      },
    });
    const start = startTestServer({ plugins: [broken] });
    await expect(start).rejects.toBeInstanceOf(PluginLoadError);
    await expect(start).rejects.toThrow('Plugin "broken" failed to load: cannot find the git binary');
  });

  it('refuses to start when a plugin config is invalid, naming the field', async () => {
    const start = startTestServer({
      plugins: [greeter],
      config: { pluginConfig: { greeter: { greeting: 42 } } },
    });
    await expect(start).rejects.toThrow(/Plugin "greeter" failed to load: invalid config at 'greeting'/);
  });

  it('refuses two plugins with the same id', async () => {
    await expect(startTestServer({ plugins: [greeter, greeter] })).rejects.toThrow(
      /another plugin has the same id/,
    );
  });
});
