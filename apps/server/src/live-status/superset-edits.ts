// Which of a repository's objects Superset changed after a moment: Superset's recent changes (newest first, one
// list per object type) against the objects the repository holds and the change mark of each type.
import type { SupersetChangedObject } from '@superset-git/contracts';
import {
  changedOnIso,
  changedOnMicros,
  changedSince,
  WATCHED_TYPES,
  type ChangedOnRow,
  type SupersetClient,
  type WatchedType,
} from '@superset-git/superset';
import type { ChangeMarks } from './superset-baseline.ts';

/** What a repository is compared with: its objects' uuids and, per type, the change time they are as of. */
export interface Watch {
  objects: ReadonlySet<string>;
  marks: ChangeMarks;
}

const EPOCH = '1970-01-01T00:00:00Z';

/** Each type's newest page of changes, already asked for (see `newestChanges`). */
export type NewestChanges = Partial<Record<WatchedType, Promise<ChangedOnRow[]>>>;

/**
 * Superset's recent changes of each of `types` since the earliest of `marks`: one list request per type, usually
 * (none more when `newest` holds that first page already). A type left out counts as wholly seen: the caller
 * knows its changes another way.
 */
export async function recentChanges(
  client: SupersetClient,
  since: ChangeMarks,
  maxPages: number,
  newest?: NewestChanges,
  types: readonly WatchedType[] = WATCHED_TYPES,
): Promise<{ rows: ChangedOnRow[]; oldest: Record<WatchedType, number> }> {
  const answers = await Promise.all(
    types.map((type) =>
      changedSince(client, type, {
        since: since[type] ?? EPOCH,
        maxPages,
        ...(newest?.[type] ? { newest: newest[type] } : {}),
      }),
    ),
  );
  const oldest = { dashboard: -Infinity, chart: -Infinity, dataset: -Infinity };
  types.forEach((type, index) => {
    const answer = answers[index]!;
    // Complete: everything after the mark was seen. Otherwise only what is newer than the oldest row seen.
    oldest[type] = answer.complete ? -Infinity : changedOnMicros(answer.oldestSeen ?? EPOCH);
  });
  return { rows: answers.flatMap((answer) => answer.rows), oldest };
}

/** The watched objects among `rows` changed strictly after their type's mark. */
export function editedObjects(rows: ChangedOnRow[], watch: Watch): SupersetChangedObject[] {
  return rows
    .filter((row) => watch.objects.has(row.uuid))
    .filter((row) => changedOnMicros(row.changedOn) > changedOnMicros(watch.marks[row.type] ?? EPOCH))
    .map((row) => ({ ...row, changedOn: changedOnIso(row.changedOn) }));
}

/** Whether every change after the watch's marks was among what was read. */
export function seenAll(watch: Watch, oldest: Record<WatchedType, number>): boolean {
  return WATCHED_TYPES.every((type) => oldest[type] <= changedOnMicros(watch.marks[type] ?? EPOCH));
}

/** The earliest mark of each type over several watches: what one list per type must reach back to. */
export function earliestMarks(watches: Watch[]): ChangeMarks {
  const pick = (type: WatchedType) =>
    watches
      .map((watch) => watch.marks[type] ?? EPOCH)
      .reduce<string | null>(
        (earliest, mark) =>
          earliest === null || changedOnMicros(mark) < changedOnMicros(earliest) ? mark : earliest,
        null,
      );
  return { dashboard: pick('dashboard'), chart: pick('chart'), dataset: pick('dataset') };
}
