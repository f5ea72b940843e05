// Where a repository named on a git server lives (its clone URL), and creating it there: through the provider's
// API for GitHub, GitLab and Gitea, through the create convention for a plain git server that offers it.
import { createOnPlainServer, parseRemoteUrl } from '@superset-git/git';
import { createRepository } from '@superset-git/providers';
import { AppError } from '../http/app-error.ts';
import { gitCredentials, type GitServerConnection } from '../git-servers/git-server-connection.ts';

export interface CreateOptions {
  /** The repository's path on the server: `owner/name`, or only `name` for the token's account. */
  repository: string;
  owner?: string | null;
  private?: boolean;
  description: string;
}

const trimSlashes = (text: string) => text.replace(/^\/+|\/+$/g, '');

/** The https clone URL of `repository` (a path, or a URL given as is) on the server. */
export function repositoryUrl(server: GitServerConnection, repository: string): string {
  if (/^https?:\/\//i.test(repository)) return parseRemoteUrl(repository).url;
  const repoPath = trimSlashes(repository);
  if (server.provider === 'generic') return `${server.url.replace(/\/+$/, '')}/${repoPath}`;
  const suffix = repoPath.endsWith('.git') ? '' : '.git';
  let base = server.url.replace(/\/+$/, '');
  if (server.provider === 'github') {
    // The API root names the web host: api.github.com for github.com, HOST/api/v3 for Enterprise.
    base = /^https?:\/\/api\.github\.com$/i.test(base)
      ? 'https://github.com'
      : base.replace(/\/api\/v3$/i, '');
  }
  if (server.provider === 'gitlab') base = base.replace(/\/api\/v4$/i, '');
  if (server.provider === 'gitea') base = base.replace(/\/api\/v1$/i, '');
  return `${base}/${repoPath}${suffix}`;
}

/** Creates the repository; answers its clone URL. */
export async function createOnServer(server: GitServerConnection, options: CreateOptions): Promise<string> {
  const parts = trimSlashes(options.repository).split('/');
  const name = parts.pop()!;
  const owner = parts.join('/') || options.owner || undefined;
  if (server.provider === 'generic') {
    if (owner)
      throw new AppError(
        'VALIDATION',
        'A plain git server creates repositories by name only, without an owner.',
        {
          repository: 'a name, without /',
        },
      );
    const cloneUrl = await createOnPlainServer(
      { url: server.url, credentials: gitCredentials(server, null), verifyTls: server.verifyTls },
      name,
    );
    return parseRemoteUrl(cloneUrl).url;
  }
  const created = await createRepository(
    { provider: server.provider, apiUrl: server.url, token: server.token, verifyTls: server.verifyTls },
    { name, ...(owner ? { owner } : {}), private: options.private ?? true, description: options.description },
  );
  return parseRemoteUrl(created.cloneUrl).url;
}
