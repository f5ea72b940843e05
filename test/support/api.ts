// The typed API client (packages/api-client) over a test server: through Fastify's inject for a server built in
// this process, or over a real port for one started as a process.
import { expect } from 'vitest';
import {
  ApiRequestError,
  createApiClient,
  followTask,
  type ApiClient,
  type TaskDetail,
} from '@superset-git/api-client';
import type { BuiltServer } from '@superset-git/server';

/** Who calls: a browser session (its cookie and CSRF token), an API token, or nobody. */
export interface Caller {
  cookie?: string;
  csrf?: string;
  token?: string;
}

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A fetch that hands each request to `app.inject` and the answer back as a Response: no port, no socket. */
export function injectFetch(app: BuiltServer['app']): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const answer = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(payload ? { payload } : {}),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined)
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    const empty = NO_BODY_STATUSES.has(answer.statusCode) || request.method === 'HEAD';
    return new Response(empty ? null : answer.rawPayload, { status: answer.statusCode, headers });
  };
}

function callerHeaders(caller: Caller): Record<string, string> {
  return {
    ...(caller.cookie ? { cookie: caller.cookie } : {}),
    ...(caller.csrf ? { 'x-csrf-token': caller.csrf } : {}),
  };
}

/** The API of a server built in this process, as `caller`. */
export function apiOf(server: BuiltServer, caller: Caller = {}): ApiClient {
  return createApiClient({
    baseUrl: 'http://superset-git.test',
    fetch: injectFetch(server.app),
    headers: callerHeaders(caller),
    ...(caller.token ? { token: caller.token } : {}),
  });
}

/** The API of a server listening at `baseUrl` (a process, or `listenTestServer`), as `caller`. */
export function apiAt(baseUrl: string, caller: Caller = {}): ApiClient {
  return createApiClient({
    baseUrl,
    headers: callerHeaders(caller),
    ...(caller.token ? { token: caller.token } : {}),
  });
}

export interface RawAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/**
 * One request as given, JSON in and out, typed only by what the caller says: for what the typed client cannot
 * say (routes outside the OpenAPI document such as a test plugin's, every route of the document in a loop,
 * bodies that break the contract on purpose).
 */
export async function rawRequest<T = unknown>(
  server: BuiltServer,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
  url: string,
  options: Caller & { body?: unknown } = {},
): Promise<RawAnswer<T>> {
  const headers: Record<string, string> = callerHeaders(options);
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await server.app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  const text = response.body;
  let body: unknown = text;
  if ((response.headers['content-type'] ?? '').toString().includes('json') && text) body = JSON.parse(text);
  return { status: response.statusCode, body: body as T, headers: response.headers };
}

/** The ApiRequestError a call is refused with; a call that succeeds fails the test. */
export async function refusal(pending: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('The call succeeded; it should have been refused.');
}

/**
 * The data of a call that must answer with `status` exactly; any other answer fails the test with its body. For
 * a test that asserts the status (201, not any 2xx) and goes on with what came back.
 */
export async function expectStatus<T>(
  status: number,
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  expect(response.status, JSON.stringify(data ?? error).slice(0, 1000)).toBe(status);
  return data!;
}

/**
 * Waits for the task a call started (which must answer 202 with its id) until it is SUCCESS, FAILED or
 * AWAITING_INPUT, and answers it.
 */
export async function runTask(
  api: ApiClient,
  started: Promise<{ data?: { taskId: number }; error?: unknown; response: Response }>,
  timeoutMs = 600_000,
): Promise<TaskDetail> {
  const answer = await started;
  expect(answer.response.status, JSON.stringify(answer.data ?? answer.error)).toBe(202);
  return followTask(api, answer.data!.taskId, { intervalMs: 50, timeoutMs });
}

/** Syncs a dashboard from Superset and commits everything that came, as the Sync and Commit buttons do. */
export async function syncAndCommit(api: ApiClient, uuid: string, message: string): Promise<void> {
  const params = { path: { uuid } };
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params }));
  await expectStatus(201, api.raw.POST('/api/dashboards/{uuid}/commit', { params, body: { message } }));
}
