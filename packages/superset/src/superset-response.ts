// Reads Superset's answers: JSON bodies, its several error shapes, and what each failure means to a person.
import { SupersetError } from './superset-error.ts';
import { isJson, parseJson, type HttpResponse } from './superset-http.ts';

interface ErrorBody {
  message?: unknown;
  msg?: unknown;
  errors?: Array<{ message?: unknown; extra?: unknown }>;
}

/** Superset reports errors as `{message}`, `{msg}` (JWT) or `{errors:[{message, extra}]}`. */
function errorText(response: HttpResponse): { message: string; details?: Record<string, string> } {
  if (!isJson(response)) return { message: `HTTP ${response.status}` };
  let body: ErrorBody;
  try {
    body = parseJson(response) as ErrorBody;
  } catch {
    return { message: `HTTP ${response.status}` };
  }
  const first = body.errors?.[0];
  const details: Record<string, string> = {};
  if (first && first.extra && typeof first.extra === 'object') {
    for (const [key, value] of Object.entries(first.extra as Record<string, unknown>)) {
      if (key === 'issue_codes') continue;
      details[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  const raw = first?.message ?? body.message ?? body.msg;
  const message =
    typeof raw === 'string' ? raw : raw !== undefined ? JSON.stringify(raw) : `HTTP ${response.status}`;
  return Object.keys(details).length > 0 ? { message, details } : { message };
}

export function redirectsToLogin(response: HttpResponse): boolean {
  return (
    response.status >= 300 &&
    response.status < 400 &&
    /\/login\b/.test(response.headers.get('location') ?? '')
  );
}

export interface FailureContext {
  /** What we were doing, e.g. "list dashboards". */
  action: string;
  username: string;
  mutating: boolean;
}

/** The SupersetError a non-2xx answer stands for. */
export function failure(response: HttpResponse, context: FailureContext): SupersetError {
  const { status } = response;
  if (redirectsToLogin(response)) {
    return context.mutating
      ? new SupersetError(
          'SUPERSET_CSRF',
          `Superset refused to ${context.action}: it redirected to its login page, which means the CSRF token or session cookie was not accepted (check that superset-git reaches Superset at the same address Superset believes it has, and that a proxy keeps cookies).`,
          { status },
        )
      : new SupersetError(
          'SUPERSET_AUTH',
          `Superset asked for a login again while trying to ${context.action}.`,
          {
            status,
          },
        );
  }
  if (!isJson(response)) {
    const type = response.headers.get('content-type') ?? 'no content type';
    return new SupersetError(
      'SUPERSET_NOT_SUPERSET',
      `The URL answers, but not like Superset's API (HTTP ${status}, ${type.split(';')[0]}) while trying to ${context.action}. Check that it is Superset's base address, without a path such as /login.`,
      { status },
    );
  }
  const { message, details } = errorText(response);
  if (status === 400 && /csrf/i.test(message)) {
    return new SupersetError(
      'SUPERSET_CSRF',
      `Superset rejected the CSRF token while trying to ${context.action}: ${message}`,
      {
        status,
      },
    );
  }
  if (status === 401) {
    return new SupersetError(
      'SUPERSET_AUTH',
      `Superset rejected the credentials of user '${context.username}' (${message}).`,
      { status },
    );
  }
  if (status === 403) {
    return new SupersetError(
      'SUPERSET_PERMISSION',
      `Superset user '${context.username}' is not allowed to ${context.action} (${message}). Give that user a role with the permission, e.g. Admin.`,
      { status },
    );
  }
  return new SupersetError(
    'SUPERSET_ERROR',
    `Superset could not ${context.action}: ${message} (HTTP ${status}).`,
    {
      status,
      ...(details ? { details } : {}),
    },
  );
}

/** Seconds since the epoch at which a JWT expires, or null when it does not say. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof decoded.exp === 'number' ? decoded.exp : null;
  } catch {
    return null;
  }
}
