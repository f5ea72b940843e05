// `catchUp`: before work on a copy that follows its remote, the current branch is brought to the remote's when
// that loses nothing: fetched, then fast-forwarded when this copy has no commit the remote lacks and its work tree
// no change. Anything else is said, never forced: the work then goes on on this copy as it is.
import { fetchWithin, type RemoteCallOptions } from './fetch.ts';
import { assertRefName } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { branchOfHead, countApart, isMerging, resolveCommit } from './repo-state.ts';

export type CatchUp =
  /** The branch moved from `from` (null: it had no commit yet) to the remote's `to`. */
  | { outcome: 'moved'; branch: string; from: string | null; to: string; commits: number }
  /** Nothing to take: the same commit, the remote has no such branch yet, or this copy is only ahead. */
  | { outcome: 'up-to-date' | 'no-upstream' | 'ahead'; branch: string | null }
  /** Behind, but moving would lose something: commits of this copy (diverged) or changes in the work tree. */
  | { outcome: 'diverged' | 'dirty'; branch: string; behind: number };

/**
 * The current branch (or `branch`, one that is not checked out: no work tree to mind) brought to the remote's.
 * A branch that exists only on the remote is left to the switch that makes it.
 */
export async function catchUp(
  repo: Repo,
  options: RemoteCallOptions & { branch?: string } = {},
): Promise<CatchUp> {
  return repo.write(async (git) => {
    const current = branchOfHead(repo);
    const branch = options.branch ? assertRefName(options.branch) : current;
    const checkedOut = branch === current;
    if (!branch || (checkedOut && isMerging(repo))) return { outcome: 'no-upstream', branch };
    const remote = await fetchWithin(git, options);
    const upstreamRef = `refs/remotes/${remote.name}/${branch}`;
    const upstream = await resolveCommit(git, upstreamRef);
    if (!upstream) return { outcome: 'no-upstream', branch };
    const head = await resolveCommit(git, checkedOut ? 'HEAD' : `refs/heads/${branch}`);
    if (!head && !checkedOut) return { outcome: 'no-upstream', branch };
    if (head === upstream) return { outcome: 'up-to-date', branch };
    const [ahead, behind] = head
      ? await countApart(git, head, upstream)
      : [0, Number((await git(['rev-list', '--count', upstream])).stdout.trim())];
    if (!behind) return { outcome: 'ahead', branch };
    if (ahead) return { outcome: 'diverged', branch, behind };
    if (!checkedOut) {
      const ref = `refs/heads/${branch}`;
      await git(['update-ref', '-m', 'catch up with the remote', '--', ref, upstream, head!]);
    } else {
      const changes = await git(['status', '--porcelain', '--untracked-files=all', '-z']);
      if (changes.stdout.length > 0) return { outcome: 'dirty', branch, behind };
      if (head) await git(['merge', '--ff-only', '--quiet', upstreamRef]);
      else await git(['reset', '--hard', '--quiet', upstreamRef]);
    }
    return { outcome: 'moved', branch, from: head, to: upstream, commits: behind };
  });
}
