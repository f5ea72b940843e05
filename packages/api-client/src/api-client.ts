// A client for the superset-git API typed from its OpenAPI document: each call answers its typed data or throws
// one ApiRequestError carrying the server's own code and message.
import createClient, { type Client, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { ApiRequestError, errorOfAnswer, networkError } from './api-request-error.ts';
import type { paths } from './schema';

export interface ApiClientOptions {
  /** The server, e.g. `http://127.0.0.1:8080`; '' for the page's own origin in a browser. */
  baseUrl: string;
  /** An API token, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Another transport (a test server's inject, a proxy); the global fetch by default. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers sent with every request (a session cookie, a CSRF token). */
  headers?: Record<string, string>;
}

type Media = `${string}/${string}`;
// openapi-fetch's own rule for when the options argument may be left out.
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];
type Data<Operation extends Record<string | number, unknown>, Init> = Extract<
  FetchResponse<Operation, Init, Media>,
  { data: unknown }
>['data'];

/** One HTTP method: the path as the OpenAPI document spells it (`/api/tasks/{id}`), its params and body. */
export type DataMethod<Method extends HttpMethod> = <
  Path extends PathsWithMethod<paths, Method>,
  Init extends MaybeOptionalInit<paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<Data<paths[Path][Method] & Record<string | number, unknown>, Init>>;

/** The answer as openapi-fetch gives it: `{ data }` or `{ error }`, and the response. */
export type RawAnswer = Promise<{ data?: unknown; error?: unknown; response: Response }>;

export interface ApiClient {
  readonly baseUrl: string;
  GET: DataMethod<'get'>;
  POST: DataMethod<'post'>;
  PUT: DataMethod<'put'>;
  PATCH: DataMethod<'patch'>;
  DELETE: DataMethod<'delete'>;
  /** The openapi-fetch client underneath, for a caller that wants the status and the error body as they are. */
  readonly raw: Client<paths, Media>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const raw = createClient<paths, Media>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    headers: {
      accept: 'application/json',
      ...options.headers,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
  });
  raw.use({
    // Something else on that port (a proxy's error page, another service) says so instead of a JSON error.
    async onResponse({ request, response, options: { parseAs } }) {
      if (parseAs !== 'json' || (response.headers.get('content-type') ?? '').includes('json')) return;
      if (!(await response.clone().text())) return;
      const path = new URL(request.url).pathname;
      throw new ApiRequestError(
        response.status,
        'NOT_JSON',
        `${baseUrl || 'The server'} answered ${request.method} ${path} with something that is not JSON (HTTP ${response.status}); is it a superset-git server?`,
      );
    },
  });
  const method =
    <M extends 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>(name: M) =>
    (url: string, init?: object) =>
      dataOf((raw[name] as (url: string, init?: object) => RawAnswer)(url, init), baseUrl);
  return {
    baseUrl,
    raw,
    GET: method('GET') as DataMethod<'get'>,
    POST: method('POST') as DataMethod<'post'>,
    PUT: method('PUT') as DataMethod<'put'>,
    PATCH: method('PATCH') as DataMethod<'patch'>,
    DELETE: method('DELETE') as DataMethod<'delete'>,
  };
}

/** An openapi-fetch answer as its data, or the ApiRequestError it amounts to. */
export async function dataOf<Answer extends { data?: unknown; error?: unknown; response: Response }>(
  pending: Promise<Answer>,
  baseUrl = '',
): Promise<Extract<Answer, { data: unknown }>['data']> {
  let answer: Answer;
  try {
    answer = await pending;
  } catch (error) {
    if (error instanceof ApiRequestError) throw error;
    if (error instanceof SyntaxError)
      throw new ApiRequestError(0, 'NOT_JSON', `The server's answer is not valid JSON: ${error.message}`);
    throw networkError(baseUrl, error);
  }
  if (!answer.response.ok) throw errorOfAnswer(answer.response.status, answer.error);
  return answer.data as Extract<Answer, { data: unknown }>['data'];
}
