// What a token check reports, and the check of required scopes against what the provider says.
import { ProviderError } from './provider-error.ts';

export interface TokenCheck {
  account: { login: string; name: string | null; email: string | null };
  /** Scopes the provider reports for the token; null when it does not tell (GitHub fine-grained tokens, Gitea). */
  scopes: string[] | null;
}

/** Scopes that include others: GitLab's `api` grants repository reads and writes. */
const IMPLIED: Record<string, string[]> = {
  api: ['read_api', 'read_repository', 'write_repository', 'read_user'],
  repo: ['public_repo', 'repo:status'],
};

export function assertScopes(check: TokenCheck, required: readonly string[] = []): TokenCheck {
  if (!check.scopes) return check;
  const granted = new Set(check.scopes.flatMap((scope) => [scope, ...(IMPLIED[scope] ?? [])]));
  const missing = required.find((scope) => !granted.has(scope));
  if (missing) {
    throw new ProviderError(
      'PROVIDER_SCOPE',
      `The token lacks the '${missing}' scope; create a token with it.`,
      { missingScope: missing },
    );
  }
  return check;
}

export function accountOf(
  json: unknown,
  login: string,
  name: string,
  email: string,
): TokenCheck['account'] | null {
  if (!json || typeof json !== 'object') return null;
  const body = json as Record<string, unknown>;
  if (typeof body[login] !== 'string') return null;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return { login: body[login] as string, name: text(body[name]), email: text(body[email]) };
}
