// One commit with its changed files and line counts (against its first parent for merges).
import type { CommitDetail } from '@superset-git/contracts';
import { parseChanges } from './changes-parser.ts';
import { COMMIT_FORMAT, parseCommit } from './commit-parser.ts';
import { assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit } from './repo-state.ts';

export async function commitDetail(repo: Repo, revision: string): Promise<CommitDetail> {
  assertRevision(revision);
  return repo.read(async (git) => {
    const oid = await requireCommit(git, revision);
    const result = await git([
      'show',
      '-z',
      `--format=${COMMIT_FORMAT}`,
      '--raw',
      '--numstat',
      '-M',
      '--diff-merges=first-parent',
      oid,
    ]);
    // The commit's fields end at the first NUL; the changed files follow.
    const end = result.stdout.indexOf('\0');
    const header = end < 0 ? result.stdout : result.stdout.slice(0, end);
    const files = end < 0 ? [] : parseChanges(result.stdout.slice(end + 1));
    return { commit: parseCommit(header), files };
  });
}
