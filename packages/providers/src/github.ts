// GitHub REST API (github.com: https://api.github.com; Enterprise: https://HOST/api/v3).
import { notProvider, providerFailure } from './provider-failure.ts';
import { providerRequest, type ProviderConnection, type ProviderResponse } from './provider-http.ts';
import type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
} from './repository-types.ts';
import { accountOf, assertScopes, type TokenCheck } from './token-check.ts';

function call(
  connection: ProviderConnection,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<ProviderResponse> {
  return providerRequest(connection, {
    method,
    path,
    body,
    headers: {
      Authorization: `Bearer ${connection.token}`,
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
    },
  });
}

const ok = (response: ProviderResponse) => response.status >= 200 && response.status < 300;

export async function githubValidateToken(
  connection: ProviderConnection,
  requiredScopes: readonly string[],
): Promise<TokenCheck> {
  const response = await call(connection, 'GET', '/user');
  if (!ok(response)) throw providerFailure('github', connection.apiUrl, response, 'token');
  const account = accountOf(response.json, 'login', 'name', 'email');
  if (!account) throw notProvider('github', connection.apiUrl);
  // Classic tokens list their scopes in this header; fine-grained tokens send none.
  const header = response.headers.get('x-oauth-scopes');
  const scopes =
    header === null
      ? null
      : header
          .split(',')
          .map((scope) => scope.trim())
          .filter(Boolean);
  return assertScopes({ account, scopes }, requiredScopes);
}

export async function githubCreateRepository(
  connection: ProviderConnection,
  options: CreateRepositoryOptions,
): Promise<CreatedRepository> {
  const path = options.owner ? `/orgs/${encodeURIComponent(options.owner)}/repos` : '/user/repos';
  const response = await call(connection, 'POST', path, {
    name: options.name,
    private: options.private ?? true,
    description: options.description ?? '',
    auto_init: false,
  });
  const where = options.owner ?? 'your account';
  if (!ok(response)) {
    throw providerFailure(
      'github',
      connection.apiUrl,
      response,
      'create',
      response.status === 404
        ? `organization '${options.owner}'`
        : `A repository named '${options.name}' in ${where}`,
    );
  }
  const body = response.json as {
    full_name: string;
    clone_url: string;
    html_url: string;
    default_branch?: string;
  };
  return {
    fullName: body.full_name,
    cloneUrl: body.clone_url,
    webUrl: body.html_url,
    defaultBranch: body.default_branch ?? null,
  };
}

export async function githubOpenPullRequest(
  connection: ProviderConnection,
  options: PullRequestOptions,
): Promise<OpenedPullRequest> {
  const response = await call(
    connection,
    'POST',
    `/repos/${options.repository.split('/').map(encodeURIComponent).join('/')}/pulls`,
    {
      title: options.title,
      head: options.head,
      base: options.base,
      body: options.body ?? '',
    },
  );
  if (!ok(response))
    throw providerFailure(
      'github',
      connection.apiUrl,
      response,
      'pull-request',
      `repository '${options.repository}'`,
    );
  const body = response.json as { number: number; html_url: string };
  return { number: body.number, url: body.html_url };
}
