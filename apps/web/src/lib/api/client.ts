// The pages' way to the API: the typed client of @superset-git/api-client with what a browser session adds, the
// CSRF header on writes and a trip to the login page when the session is gone. Every failure is an ApiRequestError.
import { goto } from '$app/navigation';
import { ApiRequestError, createApiClient, dataOf } from '@superset-git/api-client';
import type { Schemas } from '@superset-git/api-client';

type Me = Schemas['Me'];
type Session = Schemas['Session'];

export { ApiRequestError };

let csrfToken: string | null = null;

const api = createApiClient({ baseUrl: '' });

/** The openapi-fetch client: `call(client.GET('/api/…', { params }))`. */
export const client = api.raw;

client.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.endsWith('/api/auth/login')) {
      const here = window.location.pathname + window.location.search;
      await goto(`/login?next=${encodeURIComponent(here)}`);
    }
  },
});

/** The answer's data, or an ApiRequestError with the server's message. */
export async function call<Answer extends { data?: unknown; error?: unknown; response: Response }>(
  pending: Promise<Answer>,
) {
  try {
    return await dataOf(pending);
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'NETWORK')
      throw new ApiRequestError(0, 'NETWORK', 'The superset-git server cannot be reached. Is it running?');
    throw error;
  }
}

/** A message for any failure, for a banner or a field. */
export function messageOf(caught: unknown): string {
  return caught instanceof ApiRequestError ? caught.message : String(caught);
}

export async function login(username: string, password: string): Promise<Session> {
  const session = await call(client.POST('/api/auth/login', { body: { username, password } }));
  csrfToken = session.csrfToken;
  return session;
}

export async function me(): Promise<Me> {
  const answer = await call(client.GET('/api/auth/me'));
  csrfToken = answer.csrfToken;
  return answer;
}

export async function logout(): Promise<void> {
  await call(client.POST('/api/auth/logout'));
  csrfToken = null;
}
