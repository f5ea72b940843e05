// The one error shape every API failure uses, and the closed set of error codes behind it.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'VALIDATION',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CSRF',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SUPERSET_UNREACHABLE',
  'SUPERSET_TLS',
  'SUPERSET_TIMEOUT',
  'SUPERSET_NOT_SUPERSET',
  'SUPERSET_AUTH',
  'SUPERSET_CSRF',
  'SUPERSET_PERMISSION',
  'SUPERSET_ERROR',
  // The git engine's closed set of failures.
  'GIT_AUTH_FAILED',
  'GIT_NOT_FOUND',
  'GIT_NON_FAST_FORWARD',
  'GIT_MERGE_CONFLICT',
  'GIT_DIRTY_WORK_TREE',
  'GIT_BRANCH_EXISTS',
  'GIT_TAG_EXISTS',
  'GIT_TAG_NOT_FOUND',
  'GIT_INVALID_REF',
  'GIT_INVALID_PATH',
  'GIT_REMOTE_UNREACHABLE',
  'GIT_NOT_A_GIT_SERVER',
  'GIT_EMPTY_REPOSITORY',
  'GIT_DETACHED_HEAD',
  'GIT_NOTHING_TO_COMMIT',
  'GIT_NO_UPSTREAM',
  'GIT_NOT_MERGING',
  // A remote whose branches share no commit with the local repository: attaching it would mix two histories.
  'GIT_UNRELATED_HISTORY',
  'GIT_LOCKED',
  // Where a repository would be created or cloned there is one already (or other files).
  'GIT_REPO_EXISTS',
  // An object the repository needs is missing: the repository on disk is damaged.
  'GIT_REPO_DAMAGED',
  'GIT_BRANCH_IS_CURRENT',
  'GIT_BRANCH_NOT_MERGED',
  // The server could not run git at all (not installed, or its launcher died): nothing the request can change.
  'GIT_UNAVAILABLE',
  // A local git command did not finish in time; a remote that does not answer is GIT_REMOTE_UNREACHABLE.
  'GIT_TIMEOUT',
  // A git failure that none of the codes above describes; its message quotes git.
  'GIT_FAILED',
  // Git hosting providers' REST APIs (GitHub, GitLab, Gitea).
  'PROVIDER_AUTH',
  'PROVIDER_SCOPE',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_TLS',
  'PROVIDER_TIMEOUT',
  'PROVIDER_NOT_PROVIDER',
  'PROVIDER_NOT_FOUND',
  'PROVIDER_CONFLICT',
  'PROVIDER_ERROR',
  // A dashboard bundle (a ZIP, or the YAML in a repository) that cannot be read or is not a dashboard's.
  'BUNDLE_INVALID',
  // The disk holding the data dir (database, repositories) is full.
  'DISK_FULL',
  // The server's PostgreSQL database (SUPERSET_GIT_DATABASE_URL) does not answer: try again once it is back.
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      /** Field or file level details, e.g. `{ "name": "already exists" }`. */
      details: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;
