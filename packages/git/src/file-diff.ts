// One file's diff between two refs, or between a ref and the work tree.
import type { FileDiff } from '@superset-git/contracts';
import { assertRepoPath, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit } from './repo-state.ts';

interface FileDiffOptions {
  path: string;
  from: string;
  /** A ref, or omitted for the work tree. */
  to?: string;
  contextLines?: number;
}

export async function fileDiff(repo: Repo, options: FileDiffOptions): Promise<FileDiff> {
  const file = assertRepoPath(options.path);
  const from = assertRevision(options.from);
  const to = options.to === undefined ? null : assertRevision(options.to);
  return repo.read(async (git) => {
    const fromOid = await requireCommit(git, from);
    const toOid = to ? await requireCommit(git, to) : null;
    const args = [
      'diff',
      '--no-color',
      '--no-ext-diff',
      '-M',
      `--unified=${options.contextLines ?? 3}`,
      fromOid,
    ];
    if (toOid) args.push(toOid);
    const result = await git([...args, '--', file]);
    return {
      path: file,
      from: fromOid,
      to: toOid ?? 'WORKTREE',
      binary: /^Binary files .* differ$/m.test(result.stdout),
      patch: result.stdout,
    };
  });
}
