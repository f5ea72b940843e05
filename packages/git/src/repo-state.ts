// Small facts about a repository that several verbs need: merge in progress, refs, the remote, backups.
import fs from 'node:fs';
import path from 'node:path';
import { GitError } from './git-error.ts';
import { hostOf } from './credentials.ts';
import type { Git, Repo } from './repo.ts';

export function isMerging(repo: Repo): boolean {
  return fs.existsSync(path.join(repo.gitDir, 'MERGE_HEAD'));
}

/** The commit a revision names, or null when it names none. */
export async function resolveCommit(git: Git, revision: string): Promise<string | null> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], {
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

export async function requireCommit(git: Git, revision: string): Promise<string> {
  const oid = await resolveCommit(git, revision);
  if (!oid) {
    if (revision === 'HEAD') throw new GitError('GIT_EMPTY_REPOSITORY', 'The repository has no commits yet.');
    throw new GitError('GIT_INVALID_REF', `There is no branch, tag or commit named '${revision}'.`);
  }
  return oid;
}

export async function refExists(git: Git, ref: string): Promise<boolean> {
  const result = await git(['show-ref', '--verify', '--quiet', ref], { okExitCodes: [0, 1] });
  return result.exitCode === 0;
}

export async function currentBranch(git: Git): Promise<string | null> {
  const result = await git(['symbolic-ref', '--quiet', '--short', 'HEAD'], { okExitCodes: [0, 1] });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

export interface RemoteInfo {
  name: string;
  url: string;
  host: string | null;
}

export async function remoteInfo(git: Git, name = 'origin'): Promise<RemoteInfo> {
  const result = await git(['remote', 'get-url', '--', name], { okExitCodes: [0, 2, 128] });
  if (result.exitCode !== 0) {
    throw new GitError(
      'GIT_NO_UPSTREAM',
      `This repository has no remote '${name}'; connect it to a git server first.`,
    );
  }
  const url = result.stdout.trim();
  return { name, url, host: hostOf(url) };
}

/**
 * Keeps the state a destructive operation is about to leave behind: a ref to the old commit and, when the work
 * tree has changes, a stash entry holding them (untracked files included). Nothing is ever lost.
 */
export async function backUp(
  git: Git,
  label: string,
): Promise<{ backupRef: string | null; stash: string | null }> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const head = await resolveCommit(git, 'HEAD');
  let backupRef: string | null = null;
  if (head) {
    backupRef = `refs/superset-git/backups/${stamp}-${label.replace(/[^A-Za-z0-9._-]/g, '-')}`;
    await git(['update-ref', backupRef, head]);
  }
  let stash: string | null = null;
  const dirty = await git(['status', '--porcelain', '-z', '--untracked-files=all']);
  if (head && dirty.stdout.length > 0) {
    // An explicit '.' because with literal pathspecs a bare `stash push -u` leaves untracked files behind.
    await git([
      'stash',
      'push',
      '--include-untracked',
      '--message',
      `superset-git: before ${label}`,
      '--',
      '.',
    ]);
    stash = (await git(['rev-parse', 'refs/stash'])).stdout.trim();
  }
  return { backupRef, stash };
}
