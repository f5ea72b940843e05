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
  // Git and provider failures are about the user's input or the repository's state: 4xx, with the reason.
  // Only the server's own trouble running git (below) is 5xx.
  GIT_AUTH_FAILED: 422,
  GIT_NOT_FOUND: 422,
  GIT_NON_FAST_FORWARD: 409,
  GIT_MERGE_CONFLICT: 409,
  GIT_DIRTY_WORK_TREE: 409,
  GIT_BRANCH_EXISTS: 409,
  GIT_TAG_EXISTS: 409,
  // The tag named in the request does not exist, like a route's missing object.
  GIT_TAG_NOT_FOUND: 404,
  GIT_INVALID_REF: 400,
  GIT_INVALID_PATH: 400,
  GIT_REMOTE_UNREACHABLE: 422,
  GIT_NOT_A_GIT_SERVER: 422,
  GIT_EMPTY_REPOSITORY: 409,
  GIT_DETACHED_HEAD: 409,
  GIT_NOTHING_TO_COMMIT: 409,
  GIT_NO_UPSTREAM: 409,
  GIT_NOT_MERGING: 409,
  GIT_UNRELATED_HISTORY: 409,
  GIT_LOCKED: 409,
  GIT_REPO_EXISTS: 409,
  GIT_REPO_DAMAGED: 422,
  GIT_BRANCH_IS_CURRENT: 409,
  GIT_BRANCH_NOT_MERGED: 409,
  // Not the user's doing: the server cannot run git (or git stalled on its disk); trying later may work.
  GIT_UNAVAILABLE: 503,
  GIT_TIMEOUT: 503,
  GIT_FAILED: 422,
  PROVIDER_AUTH: 422,
  PROVIDER_SCOPE: 422,
  PROVIDER_UNREACHABLE: 422,
  PROVIDER_TLS: 422,
  PROVIDER_TIMEOUT: 422,
  PROVIDER_NOT_PROVIDER: 422,
  PROVIDER_NOT_FOUND: 422,
  PROVIDER_CONFLICT: 409,
  PROVIDER_ERROR: 422,
  BUNDLE_INVALID: 422,
  DISK_FULL: 507,
  DATABASE_UNAVAILABLE: 503,
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
