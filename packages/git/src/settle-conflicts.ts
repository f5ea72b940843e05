// After a merge or a cherry-pick stopped on conflicts: hands each conflicted file's three versions to a merger
// the caller gives (the git engine knows no file format), writes what it answers, and stages the files it merged
// cleanly. Files it cannot merge, or merges with conflicts left, stay conflicted for a person.
import fs from 'node:fs';
import path from 'node:path';
import type { ConflictFile } from '@superset-git/contracts';
import { listConflicts } from './conflicts.ts';
import type { Git, Repo } from './repo.ts';

export interface FileVersions {
  path: string;
  /** The common ancestor's text (stage 1); null when the file did not exist there. */
  base: string | null;
  /** The branch being merged into (stage 2). */
  mine: string | null;
  /** What comes in (stage 3). */
  theirs: string | null;
}

/** The merged text, and whether it is clean; null leaves git's own text merge in place. */
export type FileMerger = (
  file: FileVersions,
) => { text: string; clean: boolean } | null | Promise<{ text: string; clean: boolean } | null>;

const BOTH_SIDES = new Set<ConflictFile['kind']>(['both-modified', 'both-added']);

/** Runs inside the repository's write slot; answers the conflicts that remain. */
export async function settleConflicts(git: Git, repo: Repo, merger: FileMerger): Promise<ConflictFile[]> {
  const left: ConflictFile[] = [];
  for (const conflict of await listConflicts(git)) {
    if (!BOTH_SIDES.has(conflict.kind)) {
      left.push(conflict);
      continue;
    }
    const stage = async (n: 1 | 2 | 3) => {
      const result = await git(['cat-file', 'blob', `:${n}:${conflict.path}`], { okExitCodes: [0, 128] });
      return result.exitCode === 0 ? result.stdout : null;
    };
    const merged = await merger({
      path: conflict.path,
      base: await stage(1),
      mine: await stage(2),
      theirs: await stage(3),
    });
    if (!merged) {
      left.push(conflict);
      continue;
    }
    fs.writeFileSync(path.join(repo.path, conflict.path), merged.text);
    if (merged.clean) await git(['add', '--', conflict.path]);
    else left.push(conflict);
  }
  return left;
}
