// The one way pages talk to the API: JSON, the CSRF header on writes, errors as ApiRequestError.
import { goto } from '$app/navigation';
import type { ApiError, ErrorCode, Me, Session } from '@superset-git/contracts';

let csrfToken: string | null = null;

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiRequestError(0, 'NETWORK', 'The superset-git server cannot be reached. Is it running?');
  }
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (response.ok) return data as T;
  const error = (data as ApiError | null)?.error;
  if (response.status === 401 && path !== '/api/auth/login') {
    const here = window.location.pathname + window.location.search;
    await goto(`/login?next=${encodeURIComponent(here)}`);
  }
  throw new ApiRequestError(
    response.status,
    error?.code ?? 'INTERNAL',
    error?.message ?? `Request failed (${response.status})`,
    error?.details ?? {},
  );
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

export async function login(username: string, password: string): Promise<Session> {
  const session = await api.post<Session>('/api/auth/login', { username, password });
  csrfToken = session.csrfToken;
  return session;
}

export async function me(): Promise<Me> {
  const answer = await api.get<Me>('/api/auth/me');
  csrfToken = answer.csrfToken;
  return answer;
}

export async function logout(): Promise<void> {
  await api.post('/api/auth/logout');
  csrfToken = null;
}
