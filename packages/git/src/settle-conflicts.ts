// After a merge or a cherry-pick stopped on conflicts: hands each conflicted file's three versions to a merger
// the caller gives (the git engine knows no file format), writes what it answers, and stages the files it merged
// cleanly. Files it cannot merge, or merges with conflicts left, stay conflicted for a person. A fixed number of
// git processes whatever the number of files: one to list the stages, one to read them all, one to stage.
import fs from 'node:fs';
import path from 'node:path';
import type { ConflictFile } from '@superset-git/contracts';
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

/** The blob of each stage of each conflicted file: `ls-files -u` lines "mode oid stage\tpath". */
async function stageBlobs(git: Git, paths: string[]): Promise<Map<string, (string | null)[]>> {
  const listed = await git(['ls-files', '-u', '-z', '--', ...paths]);
  const stages = new Map<string, (string | null)[]>();
  for (const entry of listed.stdout.split('\0').filter(Boolean)) {
    const tab = entry.indexOf('\t');
    const [, oid, stage] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    const slots = stages.get(file) ?? [null, null, null];
    slots[Number(stage) - 1] = oid!;
    stages.set(file, slots);
  }
  return stages;
}

/** Every blob's text, read by one `cat-file --batch` ("<oid> blob <size>\n<bytes>\n" each). */
async function readBlobs(git: Git, oids: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (oids.length === 0) return texts;
  const out = (await git(['cat-file', '--batch'], { stdin: `${oids.join('\n')}\n` })).stdoutBytes;
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    const [oid, , size] = out.toString('utf8', at, end).split(' ');
    const length = Number(size);
    texts.set(oid!, out.toString('utf8', end + 1, end + 1 + length));
    at = end + 1 + length + 1;
  }
  return texts;
}

/** Runs inside the repository's write slot, given the conflicts git left; answers the conflicts that remain. */
export async function settleConflicts(
  git: Git,
  repo: Repo,
  conflicts: ConflictFile[],
  merger: FileMerger,
): Promise<ConflictFile[]> {
  const candidates = conflicts.filter((conflict) => BOTH_SIDES.has(conflict.kind));
  const left = conflicts.filter((conflict) => !BOTH_SIDES.has(conflict.kind));
  if (candidates.length === 0) return left;
  const stages = await stageBlobs(
    git,
    candidates.map((conflict) => conflict.path),
  );
  const texts = await readBlobs(git, [...new Set([...stages.values()].flat().filter((oid) => oid !== null))]);
  const text = (oid: string | null | undefined) => (oid ? (texts.get(oid) ?? null) : null);
  const merged: string[] = [];
  for (const conflict of candidates) {
    const [base, mine, theirs] = stages.get(conflict.path) ?? [null, null, null];
    const result = await merger({
      path: conflict.path,
      base: text(base),
      mine: text(mine),
      theirs: text(theirs),
    });
    if (result) fs.writeFileSync(path.join(repo.path, conflict.path), result.text);
    if (result?.clean) merged.push(conflict.path);
    else left.push(conflict);
  }
  if (merged.length > 0) await git(['add', '--', ...merged]);
  return left;
}
