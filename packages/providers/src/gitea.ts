// Gitea REST API (self-hosted only; the instance root, paths under /api/v1).
import { z } from 'zod';
import type { ProviderConnection } from './provider-connection.ts';
import { bodyOf, providerFailure, type FailureContext } from './provider-failure.ts';
import { isOk, providerRequest, type ProviderResponse } from './provider-http.ts';
import type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
} from './repository-types.ts';
import { repositoryPath } from './repository-types.ts';
import { assertScopes, type TokenCheck } from './token-check.ts';

const User = z.object({ login: z.string(), full_name: z.string().nullish(), email: z.string().nullish() });
const Repository = z.object({
  full_name: z.string(),
  clone_url: z.string(),
  html_url: z.string(),
  default_branch: z.string().nullish(),
});
const PullRequest = z.object({ number: z.number(), html_url: z.string() });

async function call(
  connection: ProviderConnection,
  method: 'GET' | 'POST',
  path: string,
  context: FailureContext,
  body?: unknown,
): Promise<ProviderResponse> {
  const response = await providerRequest(connection, {
    method,
    path: `/api/v1${path}`,
    body,
    headers: { Authorization: `token ${connection.token}` },
  });
  if (!isOk(response)) throw providerFailure('gitea', connection.apiUrl, response, context);
  return response;
}

export async function giteaValidateToken(
  connection: ProviderConnection,
  requiredScopes: readonly string[],
): Promise<TokenCheck> {
  const response = await call(connection, 'GET', '/user', { tokenCheck: true, doing: 'read its account' });
  const user = bodyOf(User, 'gitea', connection.apiUrl, response);
  const account = { login: user.login, name: user.full_name || null, email: user.email || null };
  // Gitea does not report a token's scopes; a missing one shows later as a 403 naming it.
  return assertScopes({ account, scopes: null }, requiredScopes);
}

export async function giteaCreateRepository(
  connection: ProviderConnection,
  options: CreateRepositoryOptions,
): Promise<CreatedRepository> {
  const where = options.owner ?? "the token's account";
  const response = await call(
    connection,
    'POST',
    options.owner ? `/orgs/${encodeURIComponent(options.owner)}/repos` : '/user/repos',
    {
      doing: `create repositories in ${where}`,
      notFound: options.owner ? `organization '${options.owner}'` : 'endpoint to create repositories',
      conflict: `A repository named '${options.name}' already exists in ${where}`,
    },
    {
      name: options.name,
      private: options.private ?? true,
      description: options.description ?? '',
      auto_init: false,
    },
  );
  const body = bodyOf(Repository, 'gitea', connection.apiUrl, response);
  return {
    fullName: body.full_name,
    cloneUrl: body.clone_url,
    webUrl: body.html_url,
    defaultBranch: body.default_branch || null,
  };
}

export async function giteaOpenPullRequest(
  connection: ProviderConnection,
  options: PullRequestOptions,
): Promise<OpenedPullRequest> {
  const response = await call(
    connection,
    'POST',
    `/repos/${repositoryPath('gitea', options.repository)}/pulls`,
    {
      doing: `open pull requests in ${options.repository}`,
      notFound: `repository '${options.repository}'`,
      conflict: `A pull request from ${options.head} into ${options.base} already exists in ${options.repository}`,
    },
    { title: options.title, head: options.head, base: options.base, body: options.body ?? '' },
  );
  const body = bodyOf(PullRequest, 'gitea', connection.apiUrl, response);
  return { number: body.number, url: body.html_url };
}
