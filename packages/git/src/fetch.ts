// `fetch`: the remote's branches and tags, without touching the work tree; offline it fails and changes nothing.
import type { GitCredentials } from './credentials.ts';
import type { Repo } from './repo.ts';
import { remoteInfo } from './repo-state.ts';

export interface RemoteCallOptions {
  credentials?: GitCredentials | null;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}

export async function fetchRemote(repo: Repo, options: RemoteCallOptions = {}): Promise<void> {
  return repo.write(async (git) => {
    const remote = await remoteInfo(git);
    await git(['fetch', '--progress', '--prune', '--tags', '--', remote.name], {
      credentials: options.credentials,
      host: remote.host,
      onProgress: options.onProgress,
      timeoutMs: options.timeoutMs,
    });
  });
}
