// `rev-list`/`log base..head`: how far two refs have gone apart, and the commits one has that the other has not.
import type { GitCommit } from '@superset-git/contracts';
import { COMMIT_FORMAT, parseCommits } from './commit-parser.ts';
import { assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit } from './repo-state.ts';

export interface CommitsBetween {
  baseSha: string;
  headSha: string;
  /** Commits on head that base does not contain. */
  ahead: number;
  /** Commits on base that head does not contain. */
  behind: number;
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
    const counts = await git(['rev-list', '--left-right', '--count', `${baseSha}...${headSha}`]);
    const [behind = 0, ahead = 0] = counts.stdout.trim().split(/\s+/).map(Number);
    const listed = await git([
      'log',
      '-z',
      `--format=${COMMIT_FORMAT}`,
      `--max-count=${options.limit ?? 50}`,
      `${baseSha}..${headSha}`,
      '--',
    ]);
    return { baseSha, headSha, ahead, behind, commits: parseCommits(listed.stdout) };
  });
}
