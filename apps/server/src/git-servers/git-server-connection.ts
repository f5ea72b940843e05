// A saved git server with its token opened, and the basic-auth user each provider expects for git over HTTPS.
import type { GitProvider } from '@superset-git/contracts';
import type { GitCredentials } from '@superset-git/git';

export interface GitServerConnection {
  provider: GitProvider;
  url: string;
  token: string;
  username: string | null;
  verifyTls: boolean;
}

const PROVIDER_USER: Record<GitProvider, string | null> = {
  github: 'x-access-token',
  gitlab: 'oauth2',
  // Gitea and most plain servers accept any name with a token as the password.
  gitea: null,
  generic: null,
};

/** Credentials for git itself; `account` is the login the token check reported, if any. */
export function gitCredentials(connection: GitServerConnection, account: string | null): GitCredentials {
  const username = connection.username ?? PROVIDER_USER[connection.provider] ?? account ?? 'git';
  return { username, token: connection.token };
}

export const DEFAULT_API_URL: Partial<Record<GitProvider, string>> = { github: 'https://api.github.com' };
