// What a destructive operation replaces stays reachable: a ref to each commit it moves away from, a stash
// entry for uncommitted work it throws away. Every ref superset-git keeps is named here.
import type { Git } from './repo.ts';
import { resolveCommit } from './repo-state.ts';

/** Keeps `commit` reachable under refs/superset-git/backups/<UTC time>-<label>, and answers that ref. */
export async function keepCommit(git: Git, commit: string, label: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const ref = `refs/superset-git/backups/${stamp}-${label.replace(/[^A-Za-z0-9._-]/g, '-')}`;
  await git(['update-ref', ref, commit]);
  return ref;
}

/**
 * Keeps a deleted branch's last commit reachable under its own name, so it can be brought back by name. An
 * earlier branch of that name deleted before keeps its commit under a timestamped backup ref, never dropped.
 */
export async function keepDeletedBranch(git: Git, name: string, tip: string): Promise<string> {
  const ref = `refs/superset-git/deleted-branches/${name}`;
  const earlier = await resolveCommit(git, ref);
  if (earlier && earlier !== tip) await keepCommit(git, earlier, `deleted-${name}`);
  await git(['update-ref', ref, tip]);
  return ref;
}

/** Keeps a deleted tag under its own name (the tag object itself, so an annotated tag keeps its message). */
export async function keepDeletedTag(git: Git, name: string, target: string): Promise<string> {
  const ref = `refs/superset-git/deleted-tags/${name}`;
  await git(['update-ref', ref, target]);
  return ref;
}

/**
 * Sets the uncommitted changes under `paths` (untracked files included) aside in a stash entry and answers its
 * commit; null when there were none. Needs a commit to stash against.
 */
export async function stashChanges(
  git: Git,
  message: string,
  paths: readonly string[] = ['.'],
): Promise<string | null> {
  const dirty = await git(['status', '--porcelain', '-z', '--untracked-files=all', '--', ...paths]);
  if (dirty.stdout.length === 0) return null;
  // Explicit paths because with literal pathspecs a bare `stash push -u` leaves untracked files behind.
  await git(['stash', 'push', '--include-untracked', '--message', message, '--', ...paths]);
  return (await git(['rev-parse', 'refs/stash'])).stdout.trim();
}

/**
 * Keeps the state a destructive operation on the work tree is about to leave behind: a ref to the current
 * commit and, when the work tree has changes, a stash entry holding them. Nothing is ever lost.
 */
export async function backUp(
  git: Git,
  label: string,
): Promise<{ backupRef: string | null; stash: string | null }> {
  const head = await resolveCommit(git, 'HEAD');
  if (!head) return { backupRef: null, stash: null };
  const backupRef = await keepCommit(git, head, label);
  return { backupRef, stash: await stashChanges(git, `superset-git: before ${label}`) };
}
