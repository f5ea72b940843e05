// `add` and its undo: stage all changes or chosen files, or take them out of the index again.
import { assertRepoPath } from './input-validation.ts';
import type { Git, Repo } from './repo.ts';
import { resolveCommit } from './repo-state.ts';

export type PathSelection = 'all' | readonly string[];

export function pathspec(paths: PathSelection): string[] {
  return paths === 'all' ? ['.'] : paths.map(assertRepoPath);
}

/** Stages the files (additions, edits and deletions), inside a write the caller holds. */
export async function stageIn(git: Git, files: readonly string[]): Promise<void> {
  if (files.length > 0) await git(['add', '--all', '--', ...files]);
}

export async function stage(repo: Repo, paths: PathSelection = 'all'): Promise<void> {
  const files = pathspec(paths);
  return repo.write((git) => stageIn(git, files));
}

export async function unstage(repo: Repo, paths: PathSelection = 'all'): Promise<void> {
  const files = pathspec(paths);
  return repo.write(async (git) => {
    if (files.length === 0) return;
    if (await resolveCommit(git, 'HEAD')) await git(['reset', '--quiet', 'HEAD', '--', ...files]);
    else await git(['rm', '--cached', '--quiet', '-r', '--ignore-unmatch', '--', ...files]);
  });
}
