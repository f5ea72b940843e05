// `push`: the current (or a named) branch to the remote, setting its upstream; a rejected push says to pull.
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { RemoteCallOptions } from './fetch.ts';
import type { Repo } from './repo.ts';
import { currentBranch, refExists, remoteInfo, resolveCommit } from './repo-state.ts';

export interface PushResult {
  branch: string;
  head: string;
  upstream: string;
}

export async function push(
  repo: Repo,
  options: RemoteCallOptions & { branch?: string } = {},
): Promise<PushResult> {
  return repo.write(async (git) => {
    const branch = options.branch ? assertRefName(options.branch) : await currentBranch(git);
    if (!branch)
      throw new GitError(
        'GIT_DETACHED_HEAD',
        'HEAD is not on a branch; create or switch to a branch to push.',
      );
    if (!(await refExists(git, `refs/heads/${branch}`))) {
      if (!(await resolveCommit(git, 'HEAD')))
        throw new GitError('GIT_EMPTY_REPOSITORY', 'Nothing to push: the repository has no commits yet.');
      throw new GitError('GIT_INVALID_REF', `There is no branch named '${branch}'.`);
    }
    const remote = await remoteInfo(git);
    await git(
      [
        'push',
        '--progress',
        '--porcelain',
        '--set-upstream',
        '--',
        remote.name,
        `refs/heads/${branch}:refs/heads/${branch}`,
      ],
      {
        credentials: options.credentials,
        host: remote.host,
        onProgress: options.onProgress,
        timeoutMs: options.timeoutMs,
      },
    );
    const head = (await git(['rev-parse', `refs/heads/${branch}`])).stdout.trim();
    return { branch, head, upstream: `${remote.name}/${branch}` };
  });
}
