// Puts a branch or the work tree back to an earlier commit, always keeping the state it replaces reachable
// (a backup ref for the commit, a stash entry for uncommitted changes).
import type { GitPerson } from '@superset-git/contracts';
import { authorEnv } from './author.ts';
import { GitError } from './git-error.ts';
import { assertRefName, assertRevision, assertRepoPath } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { backUp, keepCommit, stashChanges } from './backup.ts';
import { currentBranch, refExists, requireCommit } from './repo-state.ts';

interface RestoreResult {
  previousHead: string;
  head: string;
  /** Ref that keeps the replaced commit reachable. */
  backupRef: string | null;
  /** Stash entry holding uncommitted changes that were set aside. */
  stash: string | null;
}

/** Resets the current branch (work tree included), or another branch, to `to`. */
export async function resetTo(repo: Repo, options: { to: string; branch?: string }): Promise<RestoreResult> {
  const to = assertRevision(options.to);
  const branch = options.branch ? assertRefName(options.branch) : null;
  return repo.write(async (git) => {
    const target = await requireCommit(git, to);
    const current = await currentBranch(git);
    if (branch && branch !== current) {
      if (!(await refExists(git, `refs/heads/${branch}`)))
        throw new GitError('GIT_INVALID_REF', `There is no branch named '${branch}'.`);
      const previousHead = await requireCommit(git, `refs/heads/${branch}`);
      const backupRef = await keepCommit(git, previousHead, `reset-${branch}`);
      await git([
        'update-ref',
        '-m',
        `superset-git: reset to ${to}`,
        `refs/heads/${branch}`,
        target,
        previousHead,
      ]);
      return { previousHead, head: target, backupRef, stash: null };
    }
    const previousHead = await requireCommit(git, 'HEAD');
    const { backupRef, stash } = await backUp(git, `reset-${current ?? 'detached'}`);
    await git(['reset', '--hard', '--quiet', target]);
    return { previousHead, head: target, backupRef, stash };
  });
}

/** Throws away uncommitted changes (all, or chosen files) into a stash entry, so they can be brought back. */
export async function discardChanges(
  repo: Repo,
  options: { paths?: string[] } = {},
): Promise<{ stash: string | null }> {
  const paths = options.paths?.map(assertRepoPath) ?? ['.'];
  return repo.write(async (git) => ({
    stash: await stashChanges(git, 'superset-git: discarded changes', paths),
  }));
}

/**
 * A new commit on the current branch whose files are exactly those of `ref`: an earlier version back, with
 * the history that followed it kept. The work tree must be clean (nothing uncommitted is overwritten).
 */
export async function restoreVersion(
  repo: Repo,
  options: { ref: string; message: string; author: GitPerson },
): Promise<string> {
  const ref = assertRevision(options.ref);
  return repo.write(async (git) => {
    const target = await requireCommit(git, ref);
    const dirty = await git(['status', '--porcelain', '-z', '--untracked-files=all']);
    if (dirty.stdout.length > 0) {
      throw new GitError('GIT_DIRTY_WORK_TREE', 'Commit or discard the uncommitted changes first.');
    }
    await git(['read-tree', '--reset', '-u', target]);
    const staged = await git(['diff', '--cached', '--quiet'], { okExitCodes: [0, 1] });
    if (staged.exitCode === 0) {
      throw new GitError('GIT_NOTHING_TO_COMMIT', 'The dashboard is already at that version.');
    }
    await git(['commit', '--quiet', '--no-verify', '--file=-'], {
      stdin: options.message,
      env: authorEnv(options.author),
    });
    return (await git(['rev-parse', 'HEAD'])).stdout.trim();
  });
}
