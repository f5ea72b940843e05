// `fetch`: the remote's branches and tags, without touching the work tree; offline it fails and changes nothing.
import type { GitCredentials } from './credentials.ts';
import type { Git, Repo } from './repo.ts';
import { remoteInfo, type RemoteInfo } from './repo-state.ts';

export interface RemoteCallOptions {
  credentials?: GitCredentials | null;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}

/** The fetch itself, for verbs that already hold the repository's write slot (pull). */
export async function fetchWithin(git: Git, options: RemoteCallOptions): Promise<RemoteInfo> {
  const remote = await remoteInfo(git);
  await git(['fetch', '--progress', '--prune', '--tags', '--', remote.name], {
    credentials: options.credentials,
    host: remote.host,
    onProgress: options.onProgress,
    timeoutMs: options.timeoutMs,
  });
  return remote;
}

export async function fetchRemote(repo: Repo, options: RemoteCallOptions = {}): Promise<void> {
  await repo.write((git) => fetchWithin(git, options));
}
