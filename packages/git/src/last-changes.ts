// "Last change per file", like a repository browser's file list: for each file, the newest commit touching it.
import type { LastChange } from '@superset-git/contracts';
import { COMMIT_FORMAT, parseCommit, summaryOf } from './commit-parser.ts';
import { assertRepoPath, assertRevision } from './input-validation.ts';
import type { Repo } from './repo.ts';
import { requireCommit, resolveCommit } from './repo-state.ts';

const BATCH = 500;

export async function lastChanges(
  repo: Repo,
  options: { ref?: string; path?: string } = {},
): Promise<LastChange[]> {
  const ref = assertRevision(options.ref ?? 'HEAD');
  const scope = options.path ? [assertRepoPath(options.path)] : [];
  return repo.read(async (git) => {
    if (!options.ref && !(await resolveCommit(git, 'HEAD'))) return [];
    const start = await requireCommit(git, ref);
    const tree = await git(['ls-tree', '-r', '-z', '--name-only', start, '--', ...scope]);
    const pending = new Set(tree.stdout.split('\0').filter(Boolean));
    const found = new Map<string, LastChange>();
    // Walk history newest first in batches, and stop as soon as every file has its commit.
    for (let skip = 0; pending.size > 0; skip += BATCH) {
      const result = await git([
        'log',
        '-z',
        `--format=%x1e${COMMIT_FORMAT}`,
        '--name-only',
        '--no-renames',
        `--skip=${skip}`,
        `--max-count=${BATCH}`,
        start,
        '--',
        ...scope,
      ]);
      if (!result.stdout) break;
      for (const record of result.stdout.split('\x1e').filter(Boolean)) {
        const end = record.indexOf('\0');
        const commit = summaryOf(parseCommit(record.slice(0, end)));
        for (const file of record
          .slice(end + 1)
          .replace(/^\n/, '')
          .split('\0')) {
          if (pending.delete(file)) found.set(file, { path: file, commit });
        }
      }
    }
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
  });
}
