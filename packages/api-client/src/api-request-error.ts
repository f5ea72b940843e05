// The one error a call to the API fails with: the server's own code and message, or NETWORK when it never answered.
import type { components } from './schema';

/**
 * The server's error codes (ApiError in the contracts); NETWORK when no server answered, NOT_JSON when what
 * answered is not a superset-git server (a proxy's error page, another service on that port).
 */
export type ApiErrorCode = components['schemas']['ApiError']['error']['code'] | 'NETWORK' | 'NOT_JSON';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    /** The HTTP status; 0 when the server never answered. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: Record<string, string> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: ApiErrorCode; message?: string; details?: Record<string, string> };
}

/** The error for an answer that is not 2xx, from its ApiError body when it has one. */
export function errorOfAnswer(status: number, body: unknown): ApiRequestError {
  const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  return new ApiRequestError(
    status,
    error?.code ?? 'INTERNAL',
    error?.message ?? `Request failed (HTTP ${status}).`,
    error?.details ?? {},
  );
}

/** The error for a request that got no answer at all (refused connection, DNS, TLS, aborted). */
export function networkError(baseUrl: string, cause: unknown): ApiRequestError {
  // Node's fetch says only 'fetch failed'; why (ECONNREFUSED, ENOTFOUND, a certificate) is in its cause.
  const reason = cause instanceof Error && cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  const where = baseUrl ? ` at ${baseUrl}` : '';
  return new ApiRequestError(0, 'NETWORK', `Cannot reach the superset-git server${where}${reason}.`);
}
