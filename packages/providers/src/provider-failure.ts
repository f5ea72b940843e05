// Turns a provider's non-2xx answer into a ProviderError: bad token, missing scope (named), not found,
// already exists, rate limited, or not that provider at all.
import { ProviderError } from './provider-error.ts';
import { PROVIDER_NAME, providerMessage, type ProviderKind, type ProviderResponse } from './provider-http.ts';

export type ProviderAction = 'token' | 'create' | 'pull-request';

/** The scope a 403 names: Gitea's message, GitLab's `scope`, GitHub's `x-accepted-oauth-scopes` header. */
function missingScopeOf(response: ProviderResponse): string | null {
  const message = providerMessage(response.json);
  const gitea = message.match(/required scope\(s\): \[([^\]]+)\]/);
  if (gitea) return gitea[1]!.split(/[ ,]+/)[0] ?? null;
  const body = response.json as { error?: unknown; scope?: unknown } | undefined;
  if (body?.error === 'insufficient_scope' && typeof body.scope === 'string')
    return body.scope.split(' ')[0] ?? null;
  const accepted = response.headers.get('x-accepted-oauth-scopes');
  const granted = (response.headers.get('x-oauth-scopes') ?? '').split(',').map((scope) => scope.trim());
  if (accepted)
    return (
      accepted
        .split(',')
        .map((scope) => scope.trim())
        .find((scope) => scope && !granted.includes(scope)) ?? null
    );
  return null;
}

export function notProvider(kind: ProviderKind, apiUrl: string): ProviderError {
  const hint =
    kind === 'github'
      ? 'for GitHub give https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise'
      : `for ${PROVIDER_NAME[kind]} give the instance root, e.g. https://${kind}.example.com`;
  return new ProviderError(
    'PROVIDER_NOT_PROVIDER',
    `${apiUrl} answered, but not as the ${PROVIDER_NAME[kind]} API; check the URL (${hint}).`,
  );
}

export function providerFailure(
  kind: ProviderKind,
  apiUrl: string,
  response: ProviderResponse,
  action: ProviderAction,
  subject = '',
): ProviderError {
  const name = PROVIDER_NAME[kind];
  const said = providerMessage(response.json);
  const detail = said ? ` (${response.status} ${said})` : ` (${response.status})`;
  const status = response.status;
  if (status === 401) {
    return new ProviderError(
      'PROVIDER_AUTH',
      `${name} rejected the token${detail}: check it is copied whole and not expired or revoked.`,
      { status },
    );
  }
  if (status === 403 || status === 429) {
    if (response.headers.get('x-ratelimit-remaining') === '0') {
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      const when =
        Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
      return new ProviderError('PROVIDER_ERROR', `${name} rate limit reached${when}; try again later.`, {
        status,
      });
    }
    const scope = missingScopeOf(response);
    if (scope) {
      return new ProviderError(
        'PROVIDER_SCOPE',
        `The token lacks the '${scope}' scope; create a token with it.`,
        { status, missingScope: scope },
      );
    }
    return new ProviderError('PROVIDER_AUTH', `${name} does not let this token do that${detail}.`, {
      status,
    });
  }
  if (status === 404) {
    if (action === 'token') return notProvider(kind, apiUrl);
    // GitHub hides what a token may not touch behind 404, naming the scope it wanted in a header.
    const scope = kind === 'github' ? missingScopeOf(response) : null;
    if (scope) {
      return new ProviderError(
        'PROVIDER_SCOPE',
        `The token lacks the '${scope}' scope; create a token with it.`,
        { status, missingScope: scope },
      );
    }
    return new ProviderError(
      'PROVIDER_NOT_FOUND',
      `${name} found no ${subject || 'such resource'}, or the token cannot see it${detail}.`,
      { status },
    );
  }
  const clash = /already exists|has already been taken|already been taken/i.test(
    JSON.stringify(response.json ?? ''),
  );
  if (status === 409 || ((status === 422 || status === 400) && clash)) {
    const what =
      action === 'pull-request'
        ? 'A pull request for these branches already exists'
        : `${subject || 'It'} already exists`;
    return new ProviderError('PROVIDER_CONFLICT', `${what}${detail}.`, { status });
  }
  if (status >= 300 && status < 400) {
    return new ProviderError(
      'PROVIDER_NOT_PROVIDER',
      `${apiUrl} redirects (${status}); give the final API URL.`,
      { status },
    );
  }
  return new ProviderError('PROVIDER_ERROR', `${name} answered with an error${detail}.`, { status });
}
