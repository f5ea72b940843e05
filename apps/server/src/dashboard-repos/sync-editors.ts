// Who made the edits a sync brought in: asked of Superset while syncing (it is being asked for the export anyway)
// and kept beside the live-status baseline in the repository's .git folder, so Commit reads it without calling
// Superset and stays a local operation that never waits on a slow or unreachable instance.
import { z } from 'zod';
import type { Repo } from '@superset-git/git';
import {
  lastEditors,
  type AuthoredObject,
  type SupersetClient,
  type SupersetEditor,
} from '@superset-git/superset';
import { readStateFile, writeStateFile } from './repo-state-file.ts';

const SyncEditors = z.record(
  z.string(),
  z.object({ id: z.number(), name: z.string(), changedAt: z.string() }),
);

/** Superset is asked for at most this long: a sync does not wait on a slow instance for names. */
const EDITORS_TIMEOUT_MS = 15_000;

const FILE = 'sync-editors.json';

/** Who last changed each object, by uuid, as of the syncs since it was last committed. */
export function readSyncEditors(repo: Repo): Map<string, SupersetEditor> {
  return new Map(Object.entries(readStateFile(repo, FILE, SyncEditors) ?? {}));
}

const writeSyncEditors = (repo: Repo, editors: Map<string, SupersetEditor>) =>
  writeStateFile(repo, FILE, Object.fromEntries(editors));

/** Asks Superset who last changed `objects`; nobody when it cannot say in time (the committer is then the author). */
export async function askEditors(
  client: SupersetClient,
  objects: AuthoredObject[],
): Promise<Map<string, SupersetEditor>> {
  if (objects.length === 0) return new Map();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Map<string, SupersetEditor>>((resolve) => {
    timer = setTimeout(() => resolve(new Map()), EDITORS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lastEditors(client, objects).catch(() => new Map()), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps what a sync learned: each synced object's editor replaces (or, unknown now, clears) the earlier one. */
export function recordSyncEditors(
  repo: Repo,
  synced: AuthoredObject[],
  editors: Map<string, SupersetEditor>,
): void {
  if (synced.length === 0) return;
  const kept = readSyncEditors(repo);
  for (const { uuid } of synced) {
    const editor = editors.get(uuid);
    if (editor) kept.set(uuid, editor);
    else kept.delete(uuid);
  }
  writeSyncEditors(repo, kept);
}

/** Once committed, an object's edits are named in git: its entry goes. */
export function forgetSyncEditors(repo: Repo, uuids: string[]): void {
  const kept = readSyncEditors(repo);
  if (!uuids.some((uuid) => kept.delete(uuid))) return;
  writeSyncEditors(repo, kept);
}
