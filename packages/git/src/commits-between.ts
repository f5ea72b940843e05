// `rev-list`/`log base..head`: how far two refs have gone apart, the commits one has that the other has not
// (what a merge or a pull request brings), and where they parted.
import type { GitCommit } from '@superset-git/contracts';
import { COMMIT_FORMAT, parseCommits } from './commit-parser.ts';
import { GitError } from './git-error.ts';
import { assertRefName, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { countApart, requireCommit, resolveCommit } from './repo-state.ts';

export interface CommitsBetween {
  baseSha: string;
  headSha: string;
  /** Commits on head that base does not contain. */
  ahead: number;
  /** Commits on base that head does not contain. */
  behind: number;
  /** Where head left base; null when they share no history. */
  mergeBase: string | null;
  /** The newest `limit` of the `ahead` commits, newest first. */
  commits: GitCommit[];
}

export async function commitsBetween(
  repo: Repo,
  options: { base: string; head: string; limit?: number },
): Promise<CommitsBetween> {
  const base = assertRevision(options.base);
  const head = assertRevision(options.head);
  return repo.read(async (git) => {
    const baseSha = await requireCommit(git, base);
    const headSha = await requireCommit(git, head);
    const [behind, ahead] = await countApart(git, baseSha, headSha);
    const parted = await git(['merge-base', baseSha, headSha], { okExitCodes: [0, 1] });
    const listed = await git([
      'log',
      '-z',
      `--format=${COMMIT_FORMAT}`,
      `--max-count=${options.limit ?? 50}`,
      `${baseSha}..${headSha}`,
      '--',
    ]);
    const mergeBase = parted.exitCode === 0 ? parted.stdout.trim() : null;
    return { baseSha, headSha, ahead, behind, mergeBase, commits: parseCommits(listed.stdout) };
  });
}

/**
 * A branch by name as a full ref: `refs/heads/…`, or `refs/remotes/origin/…` for one only on the git server.
 * `prefer: 'remote'` reads the server's copy first (a pull request merges into the server's branch).
 */
export async function branchRef(repo: Repo, name: string, prefer: 'local' | 'remote'): Promise<string> {
  assertRefName(name);
  const local = `refs/heads/${name}`;
  const remote = `refs/remotes/origin/${name}`;
  return repo.read(async (git) => {
    for (const ref of prefer === 'local' ? [local, remote] : [remote, local])
      if (await resolveCommit(git, ref)) return ref;
    throw new GitError('GIT_INVALID_REF', `There is no branch named '${name}'.`);
  });
}
