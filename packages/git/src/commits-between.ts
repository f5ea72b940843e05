// `log base..head`: the commits a branch would bring into another (what a pull request proposes), and the
// merge base both trees are compared from.
import type { GitCommit } from '@superset-git/contracts';
import { COMMIT_FORMAT, parseCommits } from './commit-parser.ts';
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { Git, Repo } from './repo.ts';
import { resolveCommit } from './repo-state.ts';

export interface CommitsBetween {
  /** The ref each name was read from: `refs/heads/…`, or `refs/remotes/origin/…` for a branch only there. */
  baseRef: string;
  headRef: string;
  /** Where the branch left the base; null when they share no history. */
  mergeBase: string | null;
  /** Newest first, at most `limit`. */
  commits: GitCommit[];
}

/**
 * A branch by name: for the base the remote's copy comes first (a pull request merges into the server's branch),
 * for the head the local one (it is pushed before the request is opened).
 */
async function branchRef(git: Git, name: string, prefer: 'local' | 'remote'): Promise<string> {
  assertRefName(name);
  const local = `refs/heads/${name}`;
  const remote = `refs/remotes/origin/${name}`;
  for (const ref of prefer === 'local' ? [local, remote] : [remote, local])
    if (await resolveCommit(git, ref)) return ref;
  throw new GitError('GIT_INVALID_REF', `There is no branch named '${name}'.`);
}

export async function commitsBetween(
  repo: Repo,
  options: { base: string; head: string; limit?: number },
): Promise<CommitsBetween> {
  return repo.read(async (git) => {
    const baseRef = await branchRef(git, options.base, 'remote');
    const headRef = await branchRef(git, options.head, 'local');
    const base = await git(['merge-base', '--end-of-options', baseRef, headRef], { okExitCodes: [0, 1] });
    const listed = await git([
      'log',
      '-z',
      `--format=${COMMIT_FORMAT}`,
      `--max-count=${options.limit ?? 200}`,
      '--end-of-options',
      `${baseRef}..${headRef}`,
      '--',
    ]);
    return {
      baseRef,
      headRef,
      mergeBase: base.exitCode === 0 ? base.stdout.trim() : null,
      commits: parseCommits(listed.stdout),
    };
  });
}
