// The files a merge left conflicted, with who changed what, read from the index stages.
import type { ConflictFile } from '@superset-git/contracts';
import type { Git } from './repo.ts';
import { parseStatus } from './status-parser.ts';

export async function listConflicts(git: Git): Promise<ConflictFile[]> {
  const result = await git(['status', '--porcelain=v2', '-z', '--untracked-files=no']);
  return parseStatus(result.stdout)
    .files.filter((file) => file.conflict !== null)
    .map((file) => ({ path: file.path, kind: file.conflict! }));
}
