// Which repository on the provider a dashboard's remote is: `owner/name` (GitLab `group/sub/name`) read from the
// clone URL's path, less the instance's own path when it lives under one (https://example.com/gitlab/…).
import { AppError } from '../http/app-error.ts';

/** The path of a clone URL: `https://host/owner/name.git`, or scp-like `git@host:owner/name.git`. */
function pathOf(remoteUrl: string): string {
  const scp = /^[^/@\s]+@[^/:\s]+:(.+)$/.exec(remoteUrl);
  if (scp) return `/${scp[1]}`;
  try {
    return new URL(remoteUrl).pathname;
  } catch {
    return '';
  }
}

export function providerRepository(remoteUrl: string, serverUrl: string): string {
  let path = pathOf(remoteUrl);
  const root = (() => {
    try {
      return new URL(serverUrl).pathname.replace(/\/+$/, '').replace(/\/api\/v[134]$/i, '');
    } catch {
      return '';
    }
  })();
  if (root && root !== '/' && path.startsWith(`${root}/`)) path = path.slice(root.length);
  const name = decodeURIComponent(path.replace(/^\/+|\/+$/g, '').replace(/\.git$/i, ''));
  if (!name.includes('/'))
    throw new AppError(
      'VALIDATION',
      `The repository URL ${remoteUrl} does not name an owner and a repository (owner/name), so no pull request can be opened for it.`,
    );
  return name;
}
