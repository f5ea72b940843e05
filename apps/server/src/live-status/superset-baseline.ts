// The Superset side of a repository as of its last sync (or the last import into Superset: pull, switch, merge,
// restore): kept as a small JSON file inside the repository's .git folder, so it needs no table, goes with the
// repository, and a repository from before it simply has none.
import fs from 'node:fs';
import path from 'node:path';
import { SupersetBaseline } from '@superset-git/contracts';
import type { Repo } from '@superset-git/git';
import {
  changeMarks,
  objectsOf,
  type NormalizedTree,
  type SupersetClient,
  type WatchedType,
} from '@superset-git/superset';
import { readStateFile, writeStateFile } from '../dashboard-repos/repo-state-file.ts';

export type ChangeMarks = SupersetBaseline['marks'];

const FILE = 'superset-baseline.json';

/** The recorded baseline; null when none was recorded or the file is unreadable (then it is treated as none). */
export function readBaseline(repo: Repo): SupersetBaseline | null {
  return readStateFile(repo, FILE, SupersetBaseline);
}

const known = new WeakMap<Repo, { stamp: string; value: SupersetBaseline | null }>();

/**
 * The baseline, read again only when its file changed (a stat instead of a read and a parse): the hub reads one
 * per row, and a page of 500 cost 20–70 ms of reading and parsing each time.
 */
export function knownBaseline(repo: Repo): SupersetBaseline | null {
  const stat = fs.statSync(path.join(repo.gitDir, 'superset-git', FILE), { throwIfNoEntry: false });
  const stamp = stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : 'none';
  const hit = known.get(repo);
  if (hit && hit.stamp === stamp) return hit.value;
  const value = stat ? readBaseline(repo) : null;
  known.set(repo, { stamp, value });
  return value;
}

/** Superset's change marks now; null when Superset cannot tell them (the baseline is then dropped, not guessed). */
export async function marksNow(client: SupersetClient): Promise<ChangeMarks | null> {
  return changeMarks(client).catch(() => null);
}

/**
 * Records that the repository's `tree` is what Superset held at `marks`. Read the marks *before* exporting: an
 * edit made meanwhile then shows as an edit rather than being hidden.
 */
export function recordBaseline(repo: Repo, tree: NormalizedTree, marks: ChangeMarks | null): void {
  if (!marks) {
    writeStateFile(repo, FILE, null);
    return;
  }
  const objects: SupersetBaseline['objects'] = {};
  for (const object of objectsOf(tree).values())
    if (object.type === 'dashboard' || object.type === 'chart' || object.type === 'dataset')
      objects[object.uuid] = { type: object.type satisfies WatchedType, name: object.name };
  writeStateFile(repo, FILE, { version: 1, recordedAt: new Date().toISOString(), marks, objects });
}
