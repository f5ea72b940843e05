// Resolves one conflicted file as ours, theirs or given content (the index stages :2: and :3:), and stages it.
import fs from 'node:fs';
import path from 'node:path';
import type { ConflictResolution } from '@superset-git/contracts';
import { listConflicts } from './conflicts.ts';
import { GitError } from './git-error.ts';
import { assertRepoPath } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { isMerging } from './repo-state.ts';

interface ResolveOptions {
  path: string;
  resolution: ConflictResolution;
  /** The merged text, for `content`. */
  content?: string;
}

export async function resolveConflict(repo: Repo, options: ResolveOptions): Promise<void> {
  const file = assertRepoPath(options.path);
  if (options.resolution === 'content' && options.content === undefined) {
    const details = { content: 'Give the merged content' };
    return Promise.reject(
      new GitError('VALIDATION', 'Give the merged content to resolve with.', { details }),
    );
  }
  return repo.write(async (git) => {
    if (!isMerging(repo)) throw new GitError('GIT_NOT_MERGING', 'No merge is in progress.');
    const conflict = (await listConflicts(git)).find((entry) => entry.path === file);
    if (!conflict) throw new GitError('GIT_INVALID_PATH', `'${file}' has no conflict to resolve.`);
    const gone =
      (options.resolution === 'mine' &&
        ['deleted-by-us', 'both-deleted', 'added-by-them'].includes(conflict.kind)) ||
      (options.resolution === 'theirs' &&
        ['deleted-by-them', 'both-deleted', 'added-by-us'].includes(conflict.kind));
    if (options.resolution === 'content') {
      fs.writeFileSync(path.join(repo.path, file), options.content!);
      await git(['add', '--', file]);
    } else if (gone) {
      await git(['rm', '--quiet', '--cached', '--ignore-unmatch', '--', file]);
      fs.rmSync(path.join(repo.path, file), { force: true });
    } else {
      // git's own words: "ours" is the branch being merged into, which people call mine.
      await git(['checkout', options.resolution === 'mine' ? '--ours' : '--theirs', '--', file]);
      await git(['add', '--', file]);
    }
  });
}
