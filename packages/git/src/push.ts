// `push`: the current (or a named) branch to the remote, setting its upstream; a rejected push says to pull.
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import { remoteRun, type RemoteCallOptions } from './fetch.ts';
import { runGit } from './git-runner.ts';
import type { Repo } from './repo.ts';
import { currentBranch, remoteInfo, resolveCommit } from './repo-state.ts';

interface PushResult {
  branch: string;
  head: string;
  upstream: string;
}

/**
 * The transfer writes nothing in this repository (it pushes a commit id to the remote's URL, so git updates no
 * remote-tracking branch and no config), so it holds no turn of the read/write queue: a status or a commit does
 * not wait for the network. What it changes here, the remote-tracking branch and the upstream, is written after,
 * in a short write of its own, and only once the remote took the commit. Pushes of one repository still go one at
 * a time (`remoteTurn`), so none sends an older commit after a newer one.
 */
export async function push(
  repo: Repo,
  options: RemoteCallOptions & { branch?: string } = {},
): Promise<PushResult> {
  return repo.remoteTurn(() => pushNow(repo, options));
}

async function pushNow(repo: Repo, options: RemoteCallOptions & { branch?: string }): Promise<PushResult> {
  const plan = await repo.read(async (git) => {
    const branch = options.branch ? assertRefName(options.branch) : await currentBranch(git);
    if (!branch)
      throw new GitError(
        'GIT_DETACHED_HEAD',
        'HEAD is not on a branch; create or switch to a branch to push.',
      );
    const head = await resolveCommit(git, `refs/heads/${branch}`);
    if (!head) {
      if (!(await resolveCommit(git, 'HEAD')))
        throw new GitError('GIT_EMPTY_REPOSITORY', 'Nothing to push: the repository has no commits yet.');
      throw new GitError('GIT_INVALID_REF', `There is no branch named '${branch}'.`);
    }
    const remote = await remoteInfo(git);
    const tracking = `refs/remotes/${remote.name}/${branch}`;
    return { branch, head, remote, tracking, trackingBefore: await resolveCommit(git, tracking) };
  });
  const { branch, head, remote, tracking, trackingBefore } = plan;
  // The repository's folder is only read; `runGit` directly, since this holds no turn of the queue.
  await runGit(['push', '--progress', '--porcelain', '--', remote.url, `${head}:refs/heads/${branch}`], {
    cwd: repo.path,
    env: { GIT_OPTIONAL_LOCKS: '0' },
    ...remoteRun(remote, options),
  });
  await repo.write(async (git) => {
    // Unless a fetch moved it meanwhile: then it knows the remote better than this push does.
    await git(['update-ref', '-m', 'push', '--', tracking, head, trackingBefore ?? ''], {
      okExitCodes: [0, 128],
    });
    const upstream = await git(['for-each-ref', '--format=%(upstream)', '--', `refs/heads/${branch}`]);
    if (upstream.stdout.trim() !== tracking)
      await git(['branch', `--set-upstream-to=${remote.name}/${branch}`, '--', branch]);
  });
  return { branch, head, upstream: `${remote.name}/${branch}` };
}
