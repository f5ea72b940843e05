// The providers' common face: validate a token, create a repository, open a pull/merge request and read its state.
// Where each provider's API lives (apiUrl per provider) is described in provider-connection.ts.
import { gitea } from './gitea.ts';
import { github } from './github.ts';
import { gitlab } from './gitlab.ts';
import type { Provider } from './provider-api.ts';
import { normalizeApiUrl, type ProviderConnection, type ProviderKind } from './provider-connection.ts';
import { ProviderError } from './provider-error.ts';
import type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
  PullRequestStatus,
} from './repository-types.ts';
import type { TokenCheck } from './token-check.ts';

const PROVIDERS: Record<ProviderKind, Provider> = { github, gitlab, gitea };

/**
 * Runs one provider call on a normalized connection. Tokens are pasted, so surrounding whitespace is dropped;
 * whitespace or control characters inside cannot be sent as a header. As a last guard, a token that a provider
 * echoed into an error is blanked out of the message.
 */
async function run<T>(
  connection: ProviderConnection,
  work: (provider: Provider, connection: ProviderConnection) => Promise<T>,
): Promise<T> {
  const token = connection.token.trim();
  try {
    const provider = PROVIDERS[connection.provider];
    if (!provider) throw new TypeError(`Unknown git hosting provider '${String(connection.provider)}'.`);
    const apiUrl = normalizeApiUrl(connection.provider, connection.apiUrl);
    if (/[^\x21-\x7e]/.test(token)) {
      throw new ProviderError(
        'PROVIDER_AUTH',
        'The token contains spaces, line breaks or other characters no token has; paste it again.',
      );
    }
    return await work(provider, { ...connection, apiUrl, token });
  } catch (error) {
    if (error instanceof Error && token.length >= 4 && error.message.includes(token)) {
      error.message = error.message.replaceAll(token, '[token]');
    }
    throw error;
  }
}

export function validateToken(
  connection: ProviderConnection,
  options: { requiredScopes?: string[] } = {},
): Promise<TokenCheck> {
  return run(connection, (provider, conn) => provider.validateToken(conn, options.requiredScopes ?? []));
}

export function createRepository(
  connection: ProviderConnection,
  options: CreateRepositoryOptions,
): Promise<CreatedRepository> {
  return run(connection, (provider, conn) => provider.createRepository(conn, options));
}

export function openPullRequest(
  connection: ProviderConnection,
  options: PullRequestOptions,
): Promise<OpenedPullRequest> {
  return run(connection, (provider, conn) => provider.openPullRequest(conn, options));
}

/** A pull/merge request's state now: open, merged or closed (closed without merging). */
export function readPullRequest(
  connection: ProviderConnection,
  options: { repository: string; number: number },
): Promise<PullRequestStatus> {
  return run(connection, (provider, conn) => provider.readPullRequest(conn, options));
}
