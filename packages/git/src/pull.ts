// `pull`: fetch, then merge the upstream into the current branch (fast-forward when possible). Offline or with
// local changes in the way, it fails before anything changes.
import type { GitPerson, MergeResult } from '@superset-git/contracts';
import { GitError } from './git-error.ts';
import { fetchWithin, type RemoteCallOptions } from './fetch.ts';
import { mergeWithin } from './merge.ts';
import type { FileMerger } from './settle-conflicts.ts';
import type { Repo } from './repo.ts';
import { currentBranch, resolveCommit } from './repo-state.ts';

export async function pull(
  repo: Repo,
  options: RemoteCallOptions & { author: GitPerson; mergeFile?: FileMerger },
): Promise<MergeResult> {
  return repo.write(async (git) => {
    const branch = await currentBranch(git);
    if (!branch)
      throw new GitError('GIT_DETACHED_HEAD', 'HEAD is not on a branch; switch to a branch to pull.');
    const remote = await fetchWithin(git, options);
    const upstreamRef = `refs/remotes/${remote.name}/${branch}`;
    const upstream = await resolveCommit(git, upstreamRef);
    if (!upstream) {
      throw new GitError('GIT_NO_UPSTREAM', `The remote has no branch '${branch}' yet; push it first.`);
    }
    if (!(await resolveCommit(git, 'HEAD'))) {
      // A fresh clone of an empty remote: take the remote branch as it is.
      await git(['reset', '--hard', '--quiet', upstreamRef]);
      return { outcome: 'fast-forward', head: upstream, conflicts: [] };
    }
    return mergeWithin(git, repo, {
      from: upstreamRef,
      author: options.author,
      message: `Merge ${remote.name}/${branch} into ${branch}`,
      mergeFile: options.mergeFile,
    });
  });
}
