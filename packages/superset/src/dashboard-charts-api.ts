// Which charts a dashboard holds on an instance, their ids there, which dashboards a chart is on, and detaching
// charts a dashboard should no longer hold (Superset before 6.1 only adds charts to a dashboard on import).
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { lookupIds } from './object-ids.ts';

const Rows = z.object({ count: z.number(), result: z.array(z.object({ id: z.number(), uuid: z.string() })) });

/** The charts linked to a dashboard: uuid → id. */
export async function linkedCharts(
  client: SupersetClient,
  dashboardId: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let page = 0; ; page += 1) {
    const answer = await client.json(
      {
        path: '/api/v1/chart/',
        query: {
          q: rison({
            columns: ['id', 'uuid'],
            filters: [{ col: 'dashboards', opr: 'rel_m_m', value: dashboardId }],
            page_size: 100,
            page,
          }),
        },
        action: "list the dashboard's charts",
      },
      Rows,
    );
    for (const row of answer.result) out.set(row.uuid, row.id);
    if (answer.result.length < 100) return out;
  }
}

/**
 * The target's ids of these charts, which must all exist there (they were just imported). `known` are ids already
 * read (the charts the dashboard holds); the rest are looked up by uuid.
 */
export async function chartIdsOnTarget(
  client: SupersetClient,
  uuids: string[],
  known: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const ids = new Map([...known].filter(([uuid]) => uuids.includes(uuid)));
  const missing = uuids.filter((uuid) => !ids.has(uuid));
  for (const [uuid, id] of await lookupIds(client, 'chart', missing)) ids.set(uuid, id);
  const lost = uuids.filter((uuid) => !ids.has(uuid));
  if (lost.length > 0)
    throw new SupersetError(
      'SUPERSET_ERROR',
      `Superset did not keep ${lost.length} chart(s) of the bundle (${lost.slice(0, 3).join(', ')}); nothing more was imported.`,
    );
  return ids;
}

const ChartDashboards = z.object({
  result: z.object({ dashboards: z.array(z.object({ id: z.number() })).default([]) }),
});

/** The ids of the dashboards a chart is on. */
export async function chartDashboards(client: SupersetClient, chartId: number): Promise<number[]> {
  const detail = await client.json(
    { path: `/api/v1/chart/${chartId}`, action: 'read a chart' },
    ChartDashboards,
  );
  return detail.result.dashboards.map((dashboard) => dashboard.id);
}

/** Detaches charts (by id) from the dashboard, keeping them on any other dashboard they are on. */
export async function detachCharts(
  client: SupersetClient,
  dashboardId: number,
  chartIds: number[],
): Promise<void> {
  for (const id of chartIds) {
    const dashboards = await chartDashboards(client, id);
    await client.call({
      method: 'PUT',
      path: `/api/v1/chart/${id}`,
      json: { dashboards: dashboards.filter((other) => other !== dashboardId) },
      action: 'detach a chart from the dashboard',
    });
  }
}
