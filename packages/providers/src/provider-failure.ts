// Turns a provider's answer into a ProviderError: bad token, missing scope (named), rate limit, not found,
// already exists, or not that provider's API at all.
import type { z } from 'zod';
import { PROVIDER_NAME, urlHint, type ProviderKind } from './provider-connection.ts';
import { ProviderError } from './provider-error.ts';
import { providerMessage, type ProviderResponse } from './provider-http.ts';
import { grantedScopes, missingScopeError } from './token-check.ts';

/** What the call was for, so a failure can say it in the caller's terms. */
export interface FailureContext {
  /** A 404 on the token check means a wrong URL; elsewhere it means a missing resource. */
  tokenCheck?: boolean;
  /** What the token tried, e.g. "create repositories in analytics". */
  doing: string;
  /** What a 404 did not find, e.g. "organization 'analytics'". */
  notFound?: string;
  /** What a clash means, e.g. "A repository named 'sales' already exists in analytics". */
  conflict?: string;
}

const CLASH = /already exists|already been taken/i;

/** "GitHub" for the public service, "GitLab at gitlab.example.com" for a self-hosted one. */
function providerLabel(kind: ProviderKind, apiUrl: string): string {
  const host = new URL(apiUrl).host;
  const cloud = { github: 'api.github.com', gitlab: 'gitlab.com', gitea: '' }[kind];
  return host === cloud ? PROVIDER_NAME[kind] : `${PROVIDER_NAME[kind]} at ${host}`;
}

function notProvider(kind: ProviderKind, apiUrl: string, status: number | null = null): ProviderError {
  return new ProviderError(
    'PROVIDER_NOT_PROVIDER',
    `${apiUrl} answered, but not as the ${PROVIDER_NAME[kind]} API; check the URL (${urlHint(kind)}).`,
    { status },
  );
}

/** A 2xx body read against what the provider documents; anything else is not that provider's API. */
export function bodyOf<T>(
  schema: z.ZodType<T>,
  kind: ProviderKind,
  apiUrl: string,
  response: ProviderResponse,
): T {
  const parsed = schema.safeParse(response.json);
  if (!parsed.success) throw notProvider(kind, apiUrl, response.status);
  return parsed.data;
}

/**
 * The scope a refusal names: Gitea's message ("required scope(s): [write:repository]"), GitLab's
 * `{"error":"insufficient_scope","scope":"api"}`, GitHub's `x-accepted-oauth-scopes` header (any one of the
 * listed scopes would do, so none of them may be granted; `repo` is named first as it covers private repositories).
 */
function missingScopeOf(response: ProviderResponse): string | null {
  const gitea = providerMessage(response.json).match(/required scope\(s\): \[([^\]]+)\]/);
  if (gitea) return gitea[1]!.split(/[\s,]+/).find(Boolean) ?? null;
  const body = (response.json ?? {}) as { error?: unknown; scope?: unknown };
  if (body.error === 'insufficient_scope' && typeof body.scope === 'string')
    return body.scope.split(/\s+/).find(Boolean) ?? null;
  const list = (header: string | null) =>
    (header ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean);
  const accepted = list(response.headers.get('x-accepted-oauth-scopes'));
  if (!accepted.length) return null;
  const granted = grantedScopes(list(response.headers.get('x-oauth-scopes')));
  if (accepted.some((scope) => granted.has(scope))) return null;
  return accepted.includes('repo') ? 'repo' : accepted[0]!;
}

/** A GitHub fine-grained token refused for a permission it lacks names it in `x-accepted-github-permissions`. */
function missingPermissionOf(response: ProviderResponse): string | null {
  if (!/not accessible by (personal access token|integration)/i.test(providerMessage(response.json)))
    return null;
  const first = (response.headers.get('x-accepted-github-permissions') ?? '').split(';')[0]?.trim();
  return first && !first.startsWith('allows_permissionless_access') ? first : null;
}

function rateLimit(label: string, response: ProviderResponse): ProviderError | null {
  const { status, headers } = response;
  const exhausted =
    headers.get('x-ratelimit-remaining') === '0' || headers.get('ratelimit-remaining') === '0';
  const retryAfter = Number(headers.get('retry-after'));
  if (status !== 429 && !(status === 403 && (exhausted || retryAfter > 0))) return null;
  const reset = Number(headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'));
  let when = 'try again later';
  if (retryAfter > 0) when = `try again in ${retryAfter} s`;
  else if (reset > 0) {
    const minutes = Math.max(1, Math.ceil((reset * 1000 - Date.now()) / 60_000));
    when = `it resets at ${new Date(reset * 1000).toISOString()} (in about ${minutes} min)`;
  }
  const said = providerMessage(response.json);
  return new ProviderError(
    'PROVIDER_ERROR',
    `${label} refuses more requests for now: rate limit reached (${status}${said ? ` ${said}` : ''}); ${when}.`,
    { status },
  );
}

export function providerFailure(
  kind: ProviderKind,
  apiUrl: string,
  response: ProviderResponse,
  context: FailureContext,
): ProviderError {
  const label = providerLabel(kind, apiUrl);
  const status = response.status;
  const said = providerMessage(response.json);
  // GitLab's messages already start with the status ("401 Unauthorized").
  const detail = !said ? `${status}` : said.startsWith(`${status} `) ? said : `${status} ${said}`;
  if (status === 401) {
    return new ProviderError(
      'PROVIDER_AUTH',
      `${label} rejected the token (${detail}): check it is copied whole and not expired or revoked.`,
      { status },
    );
  }
  const limited = rateLimit(label, response);
  if (limited) return limited;
  if (status === 403 || (status === 404 && kind === 'github' && !context.tokenCheck)) {
    // GitHub hides what a token may not touch behind a 404, naming the scope it wanted in a header.
    const scope = missingScopeOf(response);
    if (scope) return missingScopeError(scope, status);
    const permission = kind === 'github' ? missingPermissionOf(response) : null;
    if (permission) {
      return new ProviderError(
        'PROVIDER_SCOPE',
        `The token lacks the '${permission}' permission; edit the fine-grained token to grant it.`,
        { status, missingScope: permission },
      );
    }
  }
  if (status === 403) {
    return new ProviderError(
      'PROVIDER_AUTH',
      `The token may not ${context.doing} on ${label} (${detail}); use a token of an account that may, or ask an owner for access.`,
      { status },
    );
  }
  if (status === 404) {
    // The providers answer a 404 in JSON; a page that is not JSON comes from something else at that URL.
    if (context.tokenCheck || response.json === undefined) return notProvider(kind, apiUrl, status);
    return new ProviderError(
      'PROVIDER_NOT_FOUND',
      `${label} found no ${context.notFound ?? 'such resource'}, or the token cannot see it (${detail}).`,
      { status },
    );
  }
  if (status === 409 || ((status === 422 || status === 400) && CLASH.test(said))) {
    const what = context.conflict ?? 'It already exists';
    return new ProviderError('PROVIDER_CONFLICT', `${what} (${detail}).`, { status });
  }
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return new ProviderError(
      'PROVIDER_NOT_PROVIDER',
      `${apiUrl} redirects${location ? ` to ${location}` : ''} (${status}) instead of answering as the ${PROVIDER_NAME[kind]} API; check the URL (${urlHint(kind)}).`,
      { status },
    );
  }
  if (status >= 500) {
    return new ProviderError(
      'PROVIDER_ERROR',
      `${label} failed to ${context.doing} (${detail}); the server has a problem, try again later.`,
      { status },
    );
  }
  return new ProviderError('PROVIDER_ERROR', `${label} refused to ${context.doing} (${detail}).`, { status });
}
