// The providers' common face: validate a token, create a repository, open a pull/merge request.
// URL conventions: GitHub takes the API root (https://api.github.com, or https://HOST/api/v3 for Enterprise);
// GitLab and Gitea take the instance root (a trailing /api/v4 or /api/v1 is tolerated and dropped).
import { githubCreateRepository, githubOpenPullRequest, githubValidateToken } from './github.ts';
import { giteaCreateRepository, giteaOpenPullRequest, giteaValidateToken } from './gitea.ts';
import { gitlabCreateRepository, gitlabOpenMergeRequest, gitlabValidateToken } from './gitlab.ts';
import type { ProviderConnection, ProviderKind } from './provider-http.ts';
import type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
} from './repository-types.ts';
import type { TokenCheck } from './token-check.ts';

export function defaultApiUrl(kind: ProviderKind): string | null {
  if (kind === 'github') return 'https://api.github.com';
  if (kind === 'gitlab') return 'https://gitlab.com';
  return null;
}

export function normalizeApiUrl(kind: ProviderKind, apiUrl: string): string {
  const trimmed = apiUrl.trim().replace(/\/+$/, '');
  if (kind === 'gitlab') return trimmed.replace(/\/api\/v4$/, '');
  if (kind === 'gitea') return trimmed.replace(/\/api\/v1$/, '');
  return trimmed;
}

const normalized = (connection: ProviderConnection): ProviderConnection => ({
  ...connection,
  apiUrl: normalizeApiUrl(connection.provider, connection.apiUrl),
});

export function validateToken(
  connection: ProviderConnection,
  options: { requiredScopes?: string[] } = {},
): Promise<TokenCheck> {
  const conn = normalized(connection);
  const required = options.requiredScopes ?? [];
  if (conn.provider === 'github') return githubValidateToken(conn, required);
  if (conn.provider === 'gitlab') return gitlabValidateToken(conn, required);
  return giteaValidateToken(conn, required);
}

export function createRepository(
  connection: ProviderConnection,
  options: CreateRepositoryOptions,
): Promise<CreatedRepository> {
  const conn = normalized(connection);
  if (conn.provider === 'github') return githubCreateRepository(conn, options);
  if (conn.provider === 'gitlab') return gitlabCreateRepository(conn, options);
  return giteaCreateRepository(conn, options);
}

export function openPullRequest(
  connection: ProviderConnection,
  options: PullRequestOptions,
): Promise<OpenedPullRequest> {
  const conn = normalized(connection);
  if (conn.provider === 'github') return githubOpenPullRequest(conn, options);
  if (conn.provider === 'gitlab') return gitlabOpenMergeRequest(conn, options);
  return giteaOpenPullRequest(conn, options);
}
