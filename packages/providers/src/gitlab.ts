// GitLab REST API (gitlab.com or self-hosted; the instance root, paths under /api/v4).
import { ProviderError } from './provider-error.ts';
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
    path: `/api/v4${path}`,
    body,
    headers: { 'PRIVATE-TOKEN': connection.token },
  });
}

const ok = (response: ProviderResponse) => response.status >= 200 && response.status < 300;

export async function gitlabValidateToken(
  connection: ProviderConnection,
  requiredScopes: readonly string[],
): Promise<TokenCheck> {
  const response = await call(connection, 'GET', '/user');
  if (!ok(response)) throw providerFailure('gitlab', connection.apiUrl, response, 'token');
  const account = accountOf(response.json, 'username', 'name', 'email');
  if (!account) throw notProvider('gitlab', connection.apiUrl);
  // GitLab 15.5+ tells a personal token's scopes; older instances answer 404 and the scopes stay unknown.
  const self = await call(connection, 'GET', '/personal_access_tokens/self');
  const scopes =
    ok(self) && Array.isArray((self.json as { scopes?: unknown })?.scopes)
      ? (self.json as { scopes: string[] }).scopes
      : null;
  return assertScopes({ account, scopes }, requiredScopes);
}

export async function gitlabCreateRepository(
  connection: ProviderConnection,
  options: CreateRepositoryOptions,
): Promise<CreatedRepository> {
  let namespaceId: number | undefined;
  if (options.owner) {
    const namespace = await call(connection, 'GET', `/namespaces/${encodeURIComponent(options.owner)}`);
    if (!ok(namespace))
      throw providerFailure('gitlab', connection.apiUrl, namespace, 'create', `group '${options.owner}'`);
    namespaceId = (namespace.json as { id: number }).id;
    if (typeof namespaceId !== 'number')
      throw new ProviderError('PROVIDER_NOT_FOUND', `GitLab found no group '${options.owner}'.`);
  }
  const response = await call(connection, 'POST', '/projects', {
    name: options.name,
    path: options.name,
    visibility: (options.private ?? true) ? 'private' : 'public',
    description: options.description ?? '',
    ...(namespaceId !== undefined ? { namespace_id: namespaceId } : {}),
  });
  if (!ok(response))
    throw providerFailure(
      'gitlab',
      connection.apiUrl,
      response,
      'create',
      `A repository named '${options.name}' in ${options.owner ?? 'your namespace'}`,
    );
  const body = response.json as {
    path_with_namespace: string;
    http_url_to_repo: string;
    web_url: string;
    default_branch?: string | null;
  };
  return {
    fullName: body.path_with_namespace,
    cloneUrl: body.http_url_to_repo,
    webUrl: body.web_url,
    defaultBranch: body.default_branch ?? null,
  };
}

export async function gitlabOpenMergeRequest(
  connection: ProviderConnection,
  options: PullRequestOptions,
): Promise<OpenedPullRequest> {
  const response = await call(
    connection,
    'POST',
    `/projects/${encodeURIComponent(options.repository)}/merge_requests`,
    {
      source_branch: options.head,
      target_branch: options.base,
      title: options.title,
      description: options.body ?? '',
    },
  );
  if (!ok(response))
    throw providerFailure(
      'gitlab',
      connection.apiUrl,
      response,
      'pull-request',
      `project '${options.repository}'`,
    );
  const body = response.json as { iid: number; web_url: string };
  return { number: body.iid, url: body.web_url };
}
