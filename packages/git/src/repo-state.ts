// Small facts about a repository that several verbs need: merge in progress, refs, the current branch, the remote.
import fs from 'node:fs';
import path from 'node:path';
import { GitError } from './git-error.ts';
import { hostOf } from './credentials.ts';
import { resolveBranchInProcess } from './ref-files.ts';
import type { Git, Repo } from './repo.ts';

export function isMerging(repo: Repo): boolean {
  return fs.existsSync(path.join(repo.gitDir, 'MERGE_HEAD'));
}

/** The branch HEAD is on, read from `.git/HEAD` without a process; null when HEAD is detached. */
export function branchOfHead(repo: Repo): string | null {
  const head = fs.readFileSync(path.join(repo.gitDir, 'HEAD'), 'utf8').trim();
  return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : null;
}

/** HEAD's commit: from the branch's ref in `.git` (loose or packed) when it is there, else from git. */
export async function headCommit(git: Git, repo: Repo): Promise<string> {
  const branch = branchOfHead(repo);
  const ref = branch ? resolveBranchInProcess(repo, `refs/heads/${branch}`) : null;
  return ref?.oid ?? requireCommit(git, 'HEAD');
}

/** The commits several revisions name, from one process; an unknown one is named as requireCommit names it. */
export async function requireCommits(git: Git, revisions: string[]): Promise<string[]> {
  const result = await git(['rev-parse', '--end-of-options', ...revisions.map((rev) => `${rev}^{commit}`)], {
    okExitCodes: [0, 128],
  });
  const oids = result.stdout.split('\n').filter(Boolean);
  if (result.exitCode === 0 && oids.length === revisions.length) return oids;
  const each: string[] = [];
  for (const revision of revisions) each.push(await requireCommit(git, revision));
  return each;
}

/** The commit a revision names, or null when it names none. */
export async function resolveCommit(git: Git, revision: string): Promise<string | null> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], {
    okExitCodes: [0, 1, 128],
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** How many commits each of two commits has that the other has not: `[only left, only right]`. */
export async function countApart(git: Git, left: string, right: string): Promise<[number, number]> {
  const counts = await git(['rev-list', '--left-right', '--count', `${left}...${right}`]);
  const [onlyLeft = 0, onlyRight = 0] = counts.stdout.trim().split(/\s+/).map(Number);
  return [onlyLeft, onlyRight];
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
