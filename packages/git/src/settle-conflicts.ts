// After a merge or a cherry-pick stopped on conflicts: hands each conflicted file's three versions to a merger
// the caller gives (the git engine knows no file format), writes what it answers, and stages the files it merged
// cleanly. Files it cannot merge, or merges with conflicts left, stay conflicted for a person. A fixed number of
// git processes whatever the number of files: one to list the stages, at most one to read them, one to stage.
import fs from 'node:fs';
import path from 'node:path';
import type { ConflictFile } from '@superset-git/contracts';
import { readObjects } from './loose-objects.ts';
import type { Git, Repo } from './repo.ts';

export interface FileVersions {
  path: string;
  /** The common ancestor's text (stage 1); null when the file did not exist there. */
  base: string | null;
  /** The branch being merged into (stage 2). */
  mine: string | null;
  /** What comes in (stage 3). */
  theirs: string | null;
  /** git's own merge of the three with diff3 conflict markers, when the caller has it. */
  marked?: string | null;
}

/** The merged text, and whether it is clean; null leaves git's own text merge in place. */
export type FileMerger = (
  file: FileVersions,
) => { text: string; clean: boolean } | null | Promise<{ text: string; clean: boolean } | null>;

/** Conflicts where both sides hold a text to merge (the only ones a merger is given). */
export const BOTH_SIDES = new Set<ConflictFile['kind']>(['both-modified', 'both-added']);

/** Which stages a conflicted file has says what each side did (git's own two-letter codes: UU, AA, UD, …). */
const KIND_OF_STAGES: Record<string, ConflictFile['kind']> = {
  '123': 'both-modified',
  '23': 'both-added',
  '12': 'deleted-by-them',
  '13': 'deleted-by-us',
  '2': 'added-by-us',
  '3': 'added-by-them',
  '1': 'both-deleted',
};

export interface UnmergedFile extends ConflictFile {
  /** The blob of stages 1, 2 and 3; null where the stage is missing. */
  blobs: (string | null)[];
}

/** Every conflicted file with its stages' blobs, from one `ls-files -u`. */
export async function unmergedFiles(git: Git): Promise<UnmergedFile[]> {
  return parseUnmerged((await git(['ls-files', '-u', '-z'])).stdout.split('\0'));
}

/** Stage entries ("mode oid stage\tpath", as `ls-files -u` and `merge-tree` print them) grouped by file. */
export function parseUnmerged(entries: readonly string[]): UnmergedFile[] {
  const stages = new Map<string, (string | null)[]>();
  for (const entry of entries.filter(Boolean)) {
    const tab = entry.indexOf('\t');
    const [, oid, stage] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    const slots = stages.get(file) ?? [null, null, null];
    slots[Number(stage) - 1] = oid!;
    stages.set(file, slots);
  }
  return [...stages].map(([file, blobs]) => {
    const present = blobs.map((oid, index) => (oid ? String(index + 1) : '')).join('');
    return { path: file, kind: KIND_OF_STAGES[present] ?? 'both-modified', blobs };
  });
}

/** Runs inside the repository's write slot, given the files git left unmerged; answers the conflicts that remain. */
export async function settleConflicts(
  git: Git,
  repo: Repo,
  unmerged: UnmergedFile[],
  merger: FileMerger,
  /** False leaves the merged files unstaged, for a caller that stages them with its commit. */
  stage = true,
): Promise<ConflictFile[]> {
  const left: ConflictFile[] = [];
  const candidates: UnmergedFile[] = [];
  for (const file of unmerged) {
    if (BOTH_SIDES.has(file.kind)) candidates.push(file);
    else left.push({ path: file.path, kind: file.kind });
  }
  if (candidates.length === 0) return left;
  const oids = candidates.flatMap((file) => file.blobs).filter((oid): oid is string => oid !== null);
  const texts = await readObjects(git, repo, oids);
  const text = (oid: string | null | undefined) => (oid ? (texts.get(oid)?.toString('utf8') ?? null) : null);
  const merged: string[] = [];
  for (const file of candidates) {
    const [base, mine, theirs] = file.blobs;
    const result = await merger({
      path: file.path,
      base: text(base),
      mine: text(mine),
      theirs: text(theirs),
    });
    if (result) fs.writeFileSync(path.join(repo.path, file.path), result.text);
    if (result?.clean) merged.push(file.path);
    else left.push({ path: file.path, kind: file.kind });
  }
  if (stage && merged.length > 0) await git(['add', '--', ...merged]);
  return left;
}
