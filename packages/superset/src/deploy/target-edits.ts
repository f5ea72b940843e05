// Which charts, datasets and dashboards of a Superset were changed after a moment: each list read newest change
// first, page by page, until it reaches that moment. A hub page of many deployed dashboards costs one request per
// kind when nothing was edited, and about one more per hundred edits.
import { z } from 'zod';
import { rison } from '../rison.ts';
import type { SupersetClient } from '../superset-client.ts';

export type EditedKind = 'chart' | 'dataset' | 'dashboard';

export interface EditedObject {
  kind: EditedKind;
  uuid: string;
  name: string | null;
  changedOn: string;
}

const NAME_COLUMN: Record<EditedKind, string> = {
  chart: 'slice_name',
  dataset: 'table_name',
  dashboard: 'dashboard_title',
};

/** Enough for a busy day of edits; older ones than that many pages are not looked for. */
const MAX_PAGES = 10;

const Rows = z.object({
  result: z.array(
    z.object({
      uuid: z.string().nullish(),
      changed_on_utc: z.string().nullish(),
      slice_name: z.string().nullish(),
      table_name: z.string().nullish(),
      dashboard_title: z.string().nullish(),
    }),
  ),
});

/** Superset answers `2026-12-02T13:40:01.123456+0000`; Date wants the offset with a colon. */
export const supersetTime = (value: string): number =>
  Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2').replace(/(\.\d{3})\d+/, '$1'));

export async function editedSince(
  client: SupersetClient,
  kind: EditedKind,
  since: number,
): Promise<EditedObject[]> {
  const out: EditedObject[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.json(
      {
        path: `/api/v1/${kind}/`,
        query: {
          q: rison({
            columns: ['uuid', 'changed_on_utc', NAME_COLUMN[kind]],
            // What the lists order by changed_on as on every release (the dashboard list also takes changed_on).
            order_column: kind === 'dashboard' ? 'changed_on' : 'changed_on_delta_humanized',
            order_direction: 'desc',
            page_size: 100,
            page,
          }),
        },
        action: `list recently changed ${kind}s`,
      },
      Rows,
    );
    for (const row of answer.result) {
      if (!row.uuid || !row.changed_on_utc) continue;
      if (supersetTime(row.changed_on_utc) <= since) return out;
      const name = row[NAME_COLUMN[kind] as 'slice_name'];
      out.push({ kind, uuid: row.uuid, name: name ?? null, changedOn: row.changed_on_utc });
    }
    if (answer.result.length < 100) return out;
  }
  return out;
}
