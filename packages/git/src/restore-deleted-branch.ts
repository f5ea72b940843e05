// A deleted branch back under its name from the backup `branch -D` kept (delete-branch.ts), the backup then
// dropped: the branch itself keeps its commits again.
import { DELETED_BRANCHES } from './kept-branches.ts';
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { refExists, requireCommit } from './repo-state.ts';

export async function restoreDeletedBranch(repo: Repo, options: { name: string }): Promise<string> {
  const name = assertRefName(options.name);
  const backup = `${DELETED_BRANCHES}${name}`;
  return repo.write(async (git) => {
    if (!(await refExists(git, backup))) {
      throw new GitError('GIT_INVALID_REF', `No deleted branch named '${name}' is kept.`);
    }
    if (await refExists(git, `refs/heads/${name}`)) {
      throw new GitError(
        'GIT_BRANCH_EXISTS',
        `A branch named '${name}' exists now; rename or delete it first, then restore the deleted one.`,
      );
    }
    const tip = await requireCommit(git, backup);
    await git(['branch', '--no-track', '--end-of-options', name, tip]);
    await git(['update-ref', '-d', backup, tip]);
    return tip;
  });
}
