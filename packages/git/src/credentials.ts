// Tokens reach git only through the environment of one call, never a URL, .git/config, argv or a message.
import { GitError } from './git-error.ts';

export interface GitCredentials {
  /** Basic-auth user: GitHub `x-access-token`, GitLab `oauth2`, Gitea the account name (any name works). */
  username: string;
  token: string;
}

/** The `http.extraHeader` setting that carries the token for one git call. */
export function credentialConfig(credentials: GitCredentials | null): Array<[string, string]> {
  if (!credentials) return [];
  const basic = Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64');
  return [['http.extraHeader', `Authorization: Basic ${basic}`]];
}

interface RemoteUrl {
  /** The URL with any embedded user and password removed. */
  url: string;
  host: string;
  /** Credentials that were embedded in the URL, to be kept in the secret store instead. */
  embedded: GitCredentials | null;
}

/**
 * Accepts an http(s) repository URL; strips credentials a user pasted into it (`https://user:token@host/…`)
 * and hands them back separately so they can be stored sealed.
 */
export function parseRemoteUrl(raw: string): RemoteUrl {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new GitError('GIT_NOT_A_GIT_SERVER', 'Enter a full http:// or https:// repository URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GitError(
      'GIT_NOT_A_GIT_SERVER',
      `Only http:// and https:// repository URLs are supported (got ${url.protocol.replace(':', '')}); tokens authenticate over HTTPS.`,
    );
  }
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  let embedded: GitCredentials | null = null;
  if (password) embedded = { username: user || 'git', token: password };
  // A lone user part is how some people paste a token (`https://TOKEN@github.com/…`).
  else if (user) embedded = { username: 'x-access-token', token: user };
  url.username = '';
  url.password = '';
  url.hash = '';
  return { url: url.toString(), host: url.host, embedded };
}

/** Host of a remote URL for messages; null when the URL cannot be read. */
export function hostOf(remoteUrl: string): string | null {
  try {
    return new URL(remoteUrl).host || null;
  } catch {
    return null;
  }
}
