// `switch`: to a local branch, or to a remote one as a new tracking branch. Uncommitted changes are refused,
// carried along, or discarded into a stash entry, as the caller chooses; never silently lost.
import type { BranchSwitchChanges } from '@superset-git/contracts';
import { GitError } from './git-error.ts';
import { assertRefName } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { backUp } from './backup.ts';
import { currentBranch, isMerging, refExists, requireCommit } from './repo-state.ts';

export interface SwitchResult {
  branch: string;
  head: string;
  /** Stash entry holding discarded changes, when changes were discarded. */
  discardedTo: string | null;
}

export async function switchBranch(
  repo: Repo,
  options: { name: string; changes?: BranchSwitchChanges },
): Promise<SwitchResult> {
  const name = assertRefName(options.name);
  const changes = options.changes ?? 'refuse';
  return repo.write(async (git) => {
    const local = await refExists(git, `refs/heads/${name}`);
    const remote = !local && (await refExists(git, `refs/remotes/origin/${name}`));
    if (!local && !remote) throw new GitError('GIT_INVALID_REF', `There is no branch named '${name}'.`);
    if ((await currentBranch(git)) === name) {
      return { branch: name, head: await requireCommit(git, 'HEAD'), discardedTo: null };
    }
    if (isMerging(repo)) {
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        'Finish or abort the merge in progress before switching branches.',
      );
    }
    const dirty = (await git(['status', '--porcelain', '-z', '--untracked-files=all'])).stdout;
    let discardedTo: string | null = null;
    if (dirty.length > 0) {
      if (changes === 'refuse') {
        const files = dirty
          .split('\0')
          .filter(Boolean)
          .map((entry) => entry.slice(3));
        throw new GitError(
          'GIT_DIRTY_WORK_TREE',
          `You have ${files.length} uncommitted change(s); commit them, or choose to carry or discard them.`,
          { details: Object.fromEntries(files.slice(0, 50).map((file) => [file, 'uncommitted'])) },
        );
      }
      if (changes === 'discard') discardedTo = (await backUp(git, `switch-to-${name}`)).stash;
    }
    await git(
      local ? ['switch', '--quiet', '--no-guess', name] : ['switch', '--quiet', '--track', `origin/${name}`],
    );
    return { branch: name, head: await requireCommit(git, 'HEAD'), discardedTo };
  });
}
