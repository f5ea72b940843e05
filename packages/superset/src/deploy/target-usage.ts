// Which other dashboards on the target use the charts and datasets a deploy overwrites or deletes: charts and
// datasets are shared between dashboards in Superset, so "last deploy wins" reaches them too.
import { z } from 'zod';
import type { PlanItem, UsedBy } from '@superset-git/contracts';
import { listByUuid, lookupIds } from '../object-ids.ts';
import type { SupersetClient } from '../superset-client.ts';

/** At most this many related-objects requests at once: a big plan must not flood the target. */
const PARALLEL = 4;

const ChartRow = z.object({
  id: z.number(),
  uuid: z.string(),
  dashboards: z.array(z.object({ id: z.number(), dashboard_title: z.string().nullish() })).nullish(),
});

const Related = z.object({
  dashboards: z
    .object({ result: z.array(z.object({ id: z.number(), title: z.string().nullish() })).default([]) })
    .nullish(),
});

const reached = (item: PlanItem) => item.action === 'update' || item.action === 'delete-on-target';

/**
 * By uuid, the dashboards other than `dashboardId` (this deploy's, on the target; null when new there) that use
 * each updated or deleted chart and dataset. Charts: one list request per 100 (the list shows their dashboards);
 * datasets: Superset's related objects, a few at a time.
 */
export async function otherDashboardsUsing(
  client: SupersetClient,
  items: PlanItem[],
  dashboardId: number | null,
): Promise<Map<string, UsedBy[]>> {
  const out = new Map<string, UsedBy[]>();
  const others = (rows: Array<{ id: number; title: string }>) =>
    rows
      .filter((row) => row.id !== dashboardId)
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((row) => ({ id: row.id, title: row.title }));
  const uuidsOf = (type: PlanItem['objectType']) =>
    items.filter((item) => item.objectType === type && reached(item)).map((item) => item.uuid);

  const charts = await listByUuid(
    client,
    'chart',
    uuidsOf('chart'),
    ['dashboards.id', 'dashboards.dashboard_title'],
    ChartRow,
  );
  for (const [uuid, row] of charts) {
    const used = others(
      (row.dashboards ?? []).map((dashboard) => ({
        id: dashboard.id,
        title: dashboard.dashboard_title ?? `dashboard ${dashboard.id}`,
      })),
    );
    if (used.length) out.set(uuid, used);
  }

  const datasets = [...(await lookupIds(client, 'dataset', uuidsOf('dataset')))];
  for (let start = 0; start < datasets.length; start += PARALLEL) {
    await Promise.all(
      datasets.slice(start, start + PARALLEL).map(async ([uuid, id]) => {
        const related = await client.json(
          { path: `/api/v1/dataset/${id}/related_objects`, action: "list a dataset's dashboards" },
          Related,
        );
        const used = others(
          (related.dashboards?.result ?? []).map((row) => ({
            id: row.id,
            title: row.title ?? `dashboard ${row.id}`,
          })),
        );
        if (used.length) out.set(uuid, used);
      }),
    );
  }
  return out;
}
