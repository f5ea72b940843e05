// `remote add/set-url`: where this repository pushes and pulls. Credentials in a pasted URL are stripped and
// handed back so the caller keeps them sealed, never in .git/config.
import { parseRemoteUrl, type GitCredentials } from './credentials.ts';
import type { Repo } from './repo.ts';

export async function setRemote(
  repo: Repo,
  options: { url: string; name?: string },
): Promise<{ url: string; embedded: GitCredentials | null }> {
  const remote = parseRemoteUrl(options.url);
  const name = options.name ?? 'origin';
  return repo.write(async (git) => {
    const existing = await git(['remote', 'get-url', '--', name], { okExitCodes: [0, 2, 128] });
    await git(
      existing.exitCode === 0
        ? ['remote', 'set-url', '--', name, remote.url]
        : ['remote', 'add', '--', name, remote.url],
    );
    return { url: remote.url, embedded: remote.embedded };
  });
}
