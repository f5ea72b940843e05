// `branch -D`: delete a branch, keeping a backup ref so its commits stay reachable.
import { keepDeletedBranch } from './backup.ts';
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { currentBranch, refExists, requireCommit } from './repo-state.ts';

interface DeleteBranchResult {
  /** Where the deleted branch's last commit stays reachable. */
  backupRef: string;
}

export async function deleteBranch(
  repo: Repo,
  options: { name: string; force?: boolean },
): Promise<DeleteBranchResult> {
  const name = assertRefName(options.name);
  return repo.write(async (git) => {
    if (!(await refExists(git, `refs/heads/${name}`))) {
      throw new GitError('GIT_INVALID_REF', `There is no branch named '${name}'.`);
    }
    if ((await currentBranch(git)) === name) {
      throw new GitError(
        'GIT_BRANCH_IS_CURRENT',
        `'${name}' is the current branch; switch to another branch first.`,
      );
    }
    const tip = await requireCommit(git, `refs/heads/${name}`);
    if (!options.force) {
      const merged = await git(['branch', '--format=%(refname)', '--merged', 'HEAD']);
      if (!merged.stdout.split('\n').includes(`refs/heads/${name}`)) {
        throw new GitError(
          'GIT_BRANCH_NOT_MERGED',
          `Branch '${name}' has commits that the current branch does not contain; delete it with force to drop it (a backup ref keeps its commits).`,
        );
      }
    }
    const backupRef = await keepDeletedBranch(git, name, tip);
    await git(['branch', '--quiet', '-D', '--end-of-options', name]);
    return { backupRef };
  });
}
