// `branch <name> <start>`: a new branch from any branch, tag or commit (the current one by default).
import { GitError } from './git-error.ts';
import { assertRefName, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { refExists, requireCommit } from './repo-state.ts';

export async function createBranch(repo: Repo, options: { name: string; from?: string }): Promise<string> {
  const name = assertRefName(options.name);
  const from = assertRevision(options.from ?? 'HEAD');
  return repo.write(async (git) => {
    if (await refExists(git, `refs/heads/${name}`)) {
      throw new GitError('GIT_BRANCH_EXISTS', `A branch named '${name}' already exists.`);
    }
    const start = await requireCommit(git, from);
    await git(['branch', '--no-track', '--end-of-options', name, start]);
    return start;
  });
}
