// A real superset-git server on a temporary data dir, driven through Fastify's inject or a real port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildServer,
  resolveConfig,
  type BuiltServer,
  type ConfigInput,
  type PluginDefinition,
} from '@superset-git/server';
import type { Schemas } from '@superset-git/api-client';
import { apiOf, type Caller } from './api.ts';
import { testDatabaseUrl } from './test-database.ts';

export type { Caller };

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestServer extends BuiltServer {
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    config?: Partial<ConfigInput>;
    plugins?: readonly PluginDefinition[];
    dataDir?: string;
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sg-test-'));
  const databaseUrl = options.config?.databaseUrl ?? (await testDatabaseUrl(dataDir));
  const config = resolveConfig({
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'silent',
    ...(databaseUrl ? { databaseUrl } : {}),
    ...options.config,
  });
  const built = await buildServer(config, {
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await built.app.ready();
  return {
    ...built,
    dataDir,
    close: async () => {
      await built.app.close();
    },
  };
}

/** Logs in and returns what a browser would hold: the session cookie and the CSRF token. */
export async function login(
  server: BuiltServer,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<Required<Pick<Caller, 'cookie' | 'csrf'>>> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'sg_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    cookie: `sg_session=${cookie.value}`,
    csrf: (JSON.parse(response.body) as { csrfToken: string }).csrfToken,
  };
}

/** The same server listening on a real port, for browsers and SSE clients. */
export async function listenTestServer(server: TestServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no address');
  return `http://127.0.0.1:${address.port}`;
}

/** Registers a Superset as an environment (its connection is tested on save, so it must answer). */
export async function addEnvironment(
  server: BuiltServer,
  caller: Caller,
  name: string,
  superset: { url: string; username: string; password: string },
): Promise<Schemas['Environment']> {
  const { data, error, response } = await apiOf(server, caller).raw.POST('/api/environments', {
    body: { name, url: superset.url, username: superset.username, password: superset.password },
  });
  if (response.status !== 201)
    throw new Error(`environment ${name}: ${response.status} ${JSON.stringify(data ?? error)}`);
  return data!;
}

/** Registers a git server (a plain one, e.g. the harness's `git http-backend`) with its token. */
export async function addGitServer(
  server: BuiltServer,
  caller: Caller,
  remote: { url: string; token: string },
): Promise<Schemas['GitServer']> {
  const { data, error, response } = await apiOf(server, caller).raw.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
  if (response.status !== 201)
    throw new Error(`git server: ${response.status} ${JSON.stringify(data ?? error)}`);
  return data!;
}
