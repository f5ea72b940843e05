// What superset-git asks of each provider, and how a provider's REST API is called: its auth header and path
// prefix, and a refusal turned into a ProviderError in the caller's terms.
import type { z } from 'zod';
import type { ProviderConnection, ProviderKind } from './provider-connection.ts';
import { bodyOf, providerFailure, type FailureContext } from './provider-failure.ts';
import { isOk, providerRequest, type ProviderResponse } from './provider-http.ts';
import type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
  PullRequestStatus,
} from './repository-types.ts';
import type { TokenCheck } from './token-check.ts';

export interface Provider {
  validateToken(connection: ProviderConnection, requiredScopes: readonly string[]): Promise<TokenCheck>;
  createRepository(
    connection: ProviderConnection,
    options: CreateRepositoryOptions,
  ): Promise<CreatedRepository>;
  openPullRequest(connection: ProviderConnection, options: PullRequestOptions): Promise<OpenedPullRequest>;
  readPullRequest(
    connection: ProviderConnection,
    options: { repository: string; number: number },
  ): Promise<PullRequestStatus>;
}

export interface ProviderApi {
  kind: ProviderKind;
  /** Put between the connection's apiUrl and each path: GitLab's '/api/v4', Gitea's '/api/v1'. */
  prefix: string;
  /** The token as this provider wants it, plus any content negotiation it asks for. */
  headers(token: string): Record<string, string>;
}

/** One request, whatever the answer: for the calls where a refusal is an answer, not a failure. */
export function send(
  api: ProviderApi,
  connection: ProviderConnection,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<ProviderResponse> {
  return providerRequest(connection, {
    method,
    path: `${api.prefix}${path}`,
    body,
    headers: api.headers(connection.token),
  });
}

/** One request that must succeed; any other answer is a ProviderError saying what the call was for. */
export async function call(
  api: ProviderApi,
  connection: ProviderConnection,
  method: 'GET' | 'POST',
  path: string,
  context: FailureContext,
  body?: unknown,
): Promise<ProviderResponse> {
  const response = await send(api, connection, method, path, body);
  if (!isOk(response)) throw providerFailure(api.kind, connection.apiUrl, response, context);
  return response;
}

/**
 * The token's own account, `GET /user` on every provider: the first call of a token check, where a refusal
 * means a bad token and a 404 a wrong URL. The response comes along for what a provider reads from its headers.
 */
export async function tokenAccount<T>(
  api: ProviderApi,
  connection: ProviderConnection,
  schema: z.ZodType<T>,
): Promise<{ user: T; response: ProviderResponse }> {
  const response = await call(api, connection, 'GET', '/user', {
    tokenCheck: true,
    doing: 'read its account',
  });
  return { user: bodyOf(schema, api.kind, connection.apiUrl, response), response };
}
