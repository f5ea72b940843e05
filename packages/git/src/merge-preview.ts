// Merge preview with `git merge-tree --write-tree`: which files would conflict, without touching the work tree.
import type { MergePreview } from '@superset-git/contracts';
import { assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit } from './repo-state.ts';

export async function previewMerge(
  repo: Repo,
  options: { from: string; into?: string },
): Promise<MergePreview> {
  const from = assertRevision(options.from);
  const into = assertRevision(options.into ?? 'HEAD');
  return repo.read(async (git) => {
    const ours = await requireCommit(git, into);
    const theirs = await requireCommit(git, from);
    const contains = async (ancestor: string, descendant: string) =>
      (await git(['merge-base', '--is-ancestor', ancestor, descendant], { okExitCodes: [0, 1] })).exitCode ===
      0;
    if (await contains(theirs, ours))
      return { clean: true, upToDate: true, fastForward: false, conflicts: [] };
    if (await contains(ours, theirs))
      return { clean: true, upToDate: false, fastForward: true, conflicts: [] };
    const result = await git(
      [
        'merge-tree',
        '--write-tree',
        '--name-only',
        '-z',
        '--no-messages',
        '--allow-unrelated-histories',
        ours,
        theirs,
      ],
      { okExitCodes: [0, 1] },
    );
    // `<tree>\0<conflicted path>\0…`
    const conflicts = [...new Set(result.stdout.split('\0').slice(1).filter(Boolean))];
    return { clean: result.exitCode === 0, upToDate: false, fastForward: false, conflicts };
  });
}
