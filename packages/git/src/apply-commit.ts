// `cherry-pick --no-commit`: one commit's changes brought into a clean work tree and left uncommitted (nothing
// staged), for the person to review and commit. A pick that conflicts is undone whole: never half-applied.
import { GitError } from './git-error.ts';
import { assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { isMerging, requireCommit } from './repo-state.ts';
import { settleConflicts, unmergedFiles, type FileMerger } from './settle-conflicts.ts';

interface ApplyOptions {
  commit: string;
  /** Merges the files the pick left conflicted; the pick goes on only when every one merges cleanly. */
  mergeFile?: FileMerger;
}

export async function applyCommit(repo: Repo, options: ApplyOptions): Promise<{ files: string[] }> {
  const revision = assertRevision(options.commit);
  return repo.write(async (git) => {
    if (isMerging(repo)) {
      throw new GitError('GIT_MERGE_CONFLICT', 'Finish or abort the merge in progress first.');
    }
    const dirty = (await git(['status', '--porcelain', '-z', '--untracked-files=all'])).stdout;
    if (dirty.length > 0) {
      throw new GitError(
        'GIT_DIRTY_WORK_TREE',
        'The work tree has uncommitted changes; keep or commit them before applying another commit.',
      );
    }
    const oid = await requireCommit(git, revision);
    const picked = await git(['cherry-pick', '--no-commit', oid], { okExitCodes: [0, 1] });
    const unmerged = picked.exitCode !== 0 && options.mergeFile ? await unmergedFiles(git) : [];
    const settled =
      unmerged.length > 0 && !!options.mergeFile
        ? (await settleConflicts(git, repo, unmerged, options.mergeFile)).length === 0
        : false;
    if (settled) await git(['cherry-pick', '--quit'], { okExitCodes: [0, 128] });
    if (picked.exitCode !== 0 && !settled) {
      const conflicted = (await git(['diff', '--name-only', '--diff-filter=U', '-z'])).stdout
        .split('\0')
        .filter(Boolean);
      // The work tree was clean: going back to HEAD drops only what the pick wrote.
      await git(['reset', '--hard', '--quiet', 'HEAD']);
      await git(['cherry-pick', '--quit'], { okExitCodes: [0, 128] });
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        `Applying ${oid.slice(0, 8)} conflicts in ${conflicted.join(', ') || 'some files'}; nothing was changed.`,
        { details: Object.fromEntries(conflicted.map((file) => [file, 'conflict'])) },
      );
    }
    const files = (await git(['diff', '--cached', '--name-only', '-z'])).stdout.split('\0').filter(Boolean);
    // Uncommitted like a sync leaves them: the Changes list shows them for review.
    await git(['reset', '--quiet']);
    return { files };
  });
}
