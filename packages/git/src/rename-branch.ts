// `branch -m`: rename a local branch.
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { refExists } from './repo-state.ts';

export async function renameBranch(repo: Repo, options: { from: string; to: string }): Promise<void> {
  const from = assertRefName(options.from);
  const to = assertRefName(options.to);
  return repo.write(async (git) => {
    if (!(await refExists(git, `refs/heads/${from}`))) {
      throw new GitError('GIT_INVALID_REF', `There is no branch named '${from}'.`);
    }
    if (await refExists(git, `refs/heads/${to}`)) {
      throw new GitError('GIT_BRANCH_EXISTS', `A branch named '${to}' already exists.`);
    }
    await git(['branch', '--quiet', '-m', '--end-of-options', from, to]);
  });
}
