// The files a merge left conflicted, with who changed what, and their versions, read from the index stages.
import fs from 'node:fs';
import path from 'node:path';
import type { ConflictFile } from '@superset-git/contracts';
import { GitError } from './git-error.ts';
import { assertRepoPath } from './input-validation.ts';
import type { Git, Repo } from './repo.ts';
import { parseStatus } from './status-parser.ts';

export async function listConflicts(git: Git): Promise<ConflictFile[]> {
  const result = await git(['status', '--porcelain=v2', '-z', '--untracked-files=no']);
  return parseStatus(result.stdout)
    .files.filter((file) => file.conflict !== null)
    .map((file) => ({ path: file.path, kind: file.conflict! }));
}

export interface ConflictVersions {
  path: string;
  kind: ConflictFile['kind'];
  /** The common ancestor's text (stage 1); null when the file did not exist there. */
  base: string | null;
  /** Our side (stage 2): the local branch in a pull. */
  mine: string | null;
  /** Their side (stage 3): what came in. */
  theirs: string | null;
  /** The work tree file as git left it, with conflict markers; null when it is gone. */
  merged: string | null;
}

/** The three versions of one conflicted file, and the work tree's attempt at merging them. */
export async function conflictVersions(repo: Repo, filePath: string): Promise<ConflictVersions> {
  const file = assertRepoPath(filePath);
  return repo.read(async (git) => {
    const conflict = (await listConflicts(git)).find((entry) => entry.path === file);
    if (!conflict) throw new GitError('GIT_INVALID_PATH', `'${file}' has no conflict to resolve.`);
    const stage = async (n: 1 | 2 | 3) => {
      const result = await git(['cat-file', 'blob', `:${n}:${file}`], { okExitCodes: [0, 128] });
      return result.exitCode === 0 ? result.stdout : null;
    };
    const onDisk = path.join(repo.path, file);
    return {
      path: file,
      kind: conflict.kind,
      base: await stage(1),
      mine: await stage(2),
      theirs: await stage(3),
      merged: fs.existsSync(onDisk) ? fs.readFileSync(onDisk, 'utf8') : null,
    };
  });
}
