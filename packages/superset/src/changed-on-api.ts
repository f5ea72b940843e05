// When Superset's dashboards, charts and datasets last changed, read from the list endpoints newest change
// first: a cheap way to learn what was edited in Superset since a moment, one request per object type in the
// usual case, on every supported release (4.1–6.1 all list `uuid`, `changed_on_utc` and `changed_by`).
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SUPERSET_MAX_PAGE_SIZE } from './dashboards-api.ts';

export type WatchedType = 'dashboard' | 'chart' | 'dataset';
export const WATCHED_TYPES: readonly WatchedType[] = ['dashboard', 'chart', 'dataset'];

export interface ChangedOnRow {
  type: WatchedType;
  uuid: string;
  name: string;
  /** As Superset wrote it (UTC, microseconds). */
  changedOn: string;
  changedBy: string | null;
}

const NAME_COLUMN: Record<WatchedType, string> = {
  dashboard: 'dashboard_title',
  chart: 'slice_name',
  dataset: 'table_name',
};

/** What each list orders by changed_on as: charts and datasets on 4.1–6.1 accept no other name for it. */
const CHANGED_ON_ORDER: Record<WatchedType, string> = {
  dashboard: 'changed_on',
  chart: 'changed_on_delta_humanized',
  dataset: 'changed_on_delta_humanized',
};

const Row = z
  .object({
    uuid: z.string().nullish(),
    changed_on_utc: z.string().nullish(),
    changed_by: z.object({ first_name: z.string().nullish(), last_name: z.string().nullish() }).nullish(),
  })
  .catchall(z.unknown());
const Answer = z.object({ count: z.number().optional(), result: z.array(Row) });

/**
 * Superset's `changed_on_utc` (`2026-12-02T13:11:28.857902+0000`, the fraction left out when zero) as
 * microseconds since 1970, so two of them compare exactly; NaN when unreadable.
 */
export function changedOnMicros(text: string): number {
  const match = text.match(/^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:?\d\d)?$/);
  if (!match) return Number.NaN;
  const zone = !match[3] || match[3] === 'Z' ? 'Z' : match[3].replace(/^([+-]\d\d)(\d\d)$/, '$1:$2');
  const seconds = Date.parse(`${match[1]}${zone}`);
  return seconds * 1000 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** Superset's change time as an ISO string of the API (milliseconds, `Z`). */
export const changedOnIso = (text: string): string => {
  const micros = changedOnMicros(text);
  return Number.isNaN(micros) ? text : new Date(Math.floor(micros / 1000)).toISOString();
};

async function page(client: SupersetClient, type: WatchedType, number: number, size: number) {
  const answer = await client.json(
    {
      path: `/api/v1/${type}/`,
      query: {
        q: rison({
          columns: [
            'uuid',
            NAME_COLUMN[type],
            'changed_on_utc',
            'changed_by.first_name',
            'changed_by.last_name',
          ],
          order_column: CHANGED_ON_ORDER[type],
          order_direction: 'desc',
          page_size: size,
          page: number,
        }),
      },
      action: `list recently changed ${type}s`,
    },
    Answer,
  );
  return answer.result.flatMap((row): ChangedOnRow[] => {
    if (!row.uuid || !row.changed_on_utc) return [];
    const name = row[NAME_COLUMN[type]];
    const by = [row.changed_by?.first_name, row.changed_by?.last_name].filter(Boolean).join(' ');
    return [
      {
        type,
        uuid: row.uuid,
        name: typeof name === 'string' ? name : row.uuid,
        changedOn: row.changed_on_utc,
        changedBy: by || null,
      },
    ];
  });
}

/** How many of the newest changes are asked for before the moment to look back to is known. */
const NEWEST_FEW = 20;

/**
 * The newest few of `type`'s changes, asked for before the moment to look back to is known: usually all that
 * changed since, and far cheaper for Superset to answer than a page of 100. `changedSince` reads on from there
 * only when they do not reach back far enough.
 */
export function newestChanges(client: SupersetClient, type: WatchedType): Promise<ChangedOnRow[]> {
  return page(client, type, 0, NEWEST_FEW);
}

/**
 * The objects of `type` changed at or after `since` (a `changed_on_utc` of Superset's own clock), newest first,
 * reading at most `maxPages` pages of 100 (after `newest`, the few newest asked for already, when they did not
 * reach back to `since`); `complete` says whether every such change was seen.
 */
export async function changedSince(
  client: SupersetClient,
  type: WatchedType,
  options: { since: string; maxPages?: number; newest?: Promise<ChangedOnRow[]> },
): Promise<{ rows: ChangedOnRow[]; complete: boolean; oldestSeen: string | null }> {
  const since = changedOnMicros(options.since);
  const reaches = (found: ChangedOnRow[], size: number) => {
    const last = found.at(-1);
    return found.length < size || !last || changedOnMicros(last.changedOn) < since;
  };
  if (options.newest) {
    const few = await options.newest;
    if (reaches(few, NEWEST_FEW)) {
      const rows = few.filter((row) => changedOnMicros(row.changedOn) >= since);
      return { rows, complete: true, oldestSeen: few.at(-1)?.changedOn ?? null };
    }
  }
  const rows: ChangedOnRow[] = [];
  const maxPages = options.maxPages ?? 3;
  for (let number = 0; number < maxPages; number += 1) {
    const found = await page(client, type, number, SUPERSET_MAX_PAGE_SIZE);
    for (const row of found) if (changedOnMicros(row.changedOn) >= since) rows.push(row);
    if (reaches(found, SUPERSET_MAX_PAGE_SIZE))
      return { rows, complete: true, oldestSeen: found.at(-1)?.changedOn ?? null };
  }
  return { rows, complete: false, oldestSeen: rows.at(-1)?.changedOn ?? null };
}

/**
 * The newest change time of each type on the instance: Superset's clock now, as far as its objects tell. An
 * edit made after this reads has a later change time than the mark of its type.
 */
export async function changeMarks(client: SupersetClient): Promise<Record<WatchedType, string | null>> {
  const [dashboard, chart, dataset] = await Promise.all(
    WATCHED_TYPES.map(async (type) => (await page(client, type, 0, 1))[0]?.changedOn ?? null),
  );
  return { dashboard: dashboard ?? null, chart: chart ?? null, dataset: dataset ?? null };
}
