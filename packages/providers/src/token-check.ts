// What a token check reports, and the check of required scopes against what the provider says.
import { ProviderError } from './provider-error.ts';

export interface TokenCheck {
  account: { login: string; name: string | null; email: string | null };
  /** Scopes the provider reports for the token; null when it does not tell (GitHub fine-grained tokens, Gitea). */
  scopes: string[] | null;
}

/**
 * Scopes that include others, so a token with the wider one passes a check for the narrower.
 * GitHub: `repo` covers its sub-scopes, `admin:org` covers `write:org` and `read:org`.
 * GitLab: `api` is full read/write API and Git-over-HTTP access, so it covers `read_api`, `read_user`,
 * `read_repository` and `write_repository`; `write_repository` covers `read_repository`.
 */
const IMPLIED: Record<string, string[]> = {
  repo: ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events'],
  'admin:org': ['write:org', 'read:org'],
  'write:org': ['read:org'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  api: ['read_api', 'read_user', 'read_repository', 'write_repository'],
  write_repository: ['read_repository'],
};

/** Every scope the given ones amount to. */
export function grantedScopes(scopes: readonly string[]): Set<string> {
  return new Set(scopes.flatMap((scope) => [scope, ...(IMPLIED[scope] ?? [])]));
}

export function missingScopeError(scope: string, status: number | null = null): ProviderError {
  return new ProviderError(
    'PROVIDER_SCOPE',
    `The token lacks the '${scope}' scope; create a token with it.`,
    {
      status,
      missingScope: scope,
    },
  );
}

/** Fails on the first required scope the token lacks; passes when the provider does not tell the scopes. */
export function assertScopes(check: TokenCheck, required: readonly string[] = []): TokenCheck {
  if (!check.scopes) return check;
  const granted = grantedScopes(check.scopes);
  const missing = required.find((scope) => !granted.has(scope));
  if (missing) throw missingScopeError(missing);
  return check;
}
