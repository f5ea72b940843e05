// `fetch`: the remote's branches and tags, without touching the work tree; offline it fails and changes nothing.
import type { GitCredentials } from './credentials.ts';
import type { Git, Repo } from './repo.ts';
import { remoteInfo, type RemoteInfo } from './repo-state.ts';

export interface RemoteCallOptions {
  credentials?: GitCredentials | null;
  onProgress?: (line: string) => void;
  timeoutMs?: number;
}

/** How a call to `remote` runs: with the caller's credentials, progress and timeout, naming its host on failure. */
export function remoteRun(remote: { host: string | null }, options: RemoteCallOptions) {
  const { credentials, onProgress, timeoutMs } = options;
  return { credentials, host: remote.host, onProgress, timeoutMs };
}

/** The fetch itself, for verbs that already hold the repository's write slot (pull). */
export async function fetchWithin(git: Git, options: RemoteCallOptions): Promise<RemoteInfo> {
  const remote = await remoteInfo(git);
  await git(['fetch', '--progress', '--prune', '--tags', '--', remote.name], remoteRun(remote, options));
  return remote;
}

export async function fetchRemote(repo: Repo, options: RemoteCallOptions = {}): Promise<void> {
  await repo.write((git) => fetchWithin(git, options));
}
