// Errors a service raises on purpose, each with its API code and HTTP status.
import type { ErrorCode } from '@superset-git/contracts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  // Superset's failures are about the user's input (URL, credentials, rights), so they are 4xx, never 5xx.
  SUPERSET_UNREACHABLE: 422,
  SUPERSET_TLS: 422,
  SUPERSET_TIMEOUT: 422,
  SUPERSET_NOT_SUPERSET: 422,
  SUPERSET_AUTH: 422,
  SUPERSET_CSRF: 422,
  SUPERSET_PERMISSION: 422,
  SUPERSET_ERROR: 422,
  INTERNAL: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} does not exist.`);
