// What a provider connection is, and where each provider's API lives.
//
// URL conventions (what `apiUrl` means per provider):
// - GitHub: the API root. https://api.github.com for github.com, https://HOST/api/v3 for GitHub Enterprise Server.
//   Paths: /user, /user/repos, /orgs/{org}/repos, /repos/{owner}/{repo}/pulls.
// - GitLab: the instance root, e.g. https://gitlab.com or https://gitlab.example.com (or a relative root such
//   as https://example.com/gitlab). Paths: /api/v4/user, /api/v4/personal_access_tokens/self,
//   /api/v4/namespaces/{encoded path}, /api/v4/projects, /api/v4/projects/{encoded path}/merge_requests.
// - Gitea: the instance root, e.g. https://gitea.example.com; self-hosted only, so there is no default.
//   Paths: /api/v1/user, /api/v1/user/repos, /api/v1/orgs/{org}/repos, /api/v1/repos/{owner}/{repo}/pulls.
// People paste what their browser shows, so normalizeApiUrl is liberal: a trailing slash, a GitLab URL ending in
// /api/v4, a Gitea URL ending in /api/v1 and the github.com web address are all taken.
import { ProviderError } from './provider-error.ts';

export type ProviderKind = 'github' | 'gitlab' | 'gitea';

export interface ProviderConnection {
  provider: ProviderKind;
  /** Base URL, as described above. No trailing slash needed. */
  apiUrl: string;
  token: string;
  /** Check the server's TLS certificate; true unless said otherwise. */
  verifyTls?: boolean;
  /** For each request; 15 s unless said otherwise. */
  timeoutMs?: number;
}

export const PROVIDER_NAME: Record<ProviderKind, string> = {
  github: 'GitHub',
  gitlab: 'GitLab',
  gitea: 'Gitea',
};

export const DEFAULT_TIMEOUT_MS = 15_000;

export function defaultApiUrl(kind: ProviderKind): string | null {
  if (kind === 'github') return 'https://api.github.com';
  if (kind === 'gitlab') return 'https://gitlab.com';
  return null;
}

/** What each provider expects, for messages that tell a person which URL to give. */
export function urlHint(kind: ProviderKind): string {
  if (kind === 'github')
    return 'for GitHub give https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise';
  return `for ${PROVIDER_NAME[kind]} give the instance root, e.g. https://${kind}.example.com`;
}

/**
 * The base URL requests are made against, or a ProviderError saying what is wrong with the one given.
 * A blank URL falls back to the provider's default (github.com, gitlab.com).
 */
export function normalizeApiUrl(kind: ProviderKind, apiUrl: string): string {
  const given = apiUrl.trim() || defaultApiUrl(kind);
  if (!given) {
    throw new ProviderError(
      'PROVIDER_NOT_PROVIDER',
      `${PROVIDER_NAME[kind]} is self-hosted only, so it needs the URL of your instance (${urlHint(kind)}).`,
    );
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ProviderError('PROVIDER_NOT_PROVIDER', `'${given}' is not a URL; ${urlHint(kind)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ProviderError(
      'PROVIDER_NOT_PROVIDER',
      `The API URL must start with https:// or http://, not ${url.protocol}//; ${urlHint(kind)}.`,
    );
  }
  // Credentials in the URL would travel to the provider and into logs; the token has its own field.
  if (url.username || url.password) {
    throw new ProviderError(
      'PROVIDER_NOT_PROVIDER',
      `The API URL for ${url.host} contains a user name or password; remove it and give the token in the token field.`,
    );
  }
  let base = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  if (kind === 'gitlab') base = base.replace(/\/api\/v4$/i, '');
  if (kind === 'gitea') base = base.replace(/\/api\/v1$/i, '');
  // The web address of github.com is a common paste; its API lives on another host.
  if (kind === 'github' && /^https?:\/\/(www\.)?github\.com$/i.test(base)) base = 'https://api.github.com';
  return base;
}
