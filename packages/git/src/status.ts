// `status`: branch, upstream, ahead/behind and every changed, untracked or conflicted file.
import type { GitStatus } from '@superset-git/contracts';
import type { Repo } from './repo.ts';
import { isMerging } from './repo-state.ts';
import { parseStatus } from './status-parser.ts';

export async function status(repo: Repo): Promise<GitStatus> {
  return repo.read(async (git) => {
    const result = await git(['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all']);
    const parsed = parseStatus(result.stdout);
    const merging = isMerging(repo);
    return { ...parsed, merging, clean: parsed.files.length === 0 && !merging };
  });
}
