// Which charts a dashboard holds on an instance, their ids there, and detaching the ones it should no longer hold
// (Superset before 6.1 only adds charts to a dashboard on import).
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { supersetRelease } from './identity-api.ts';
import { lookupIds } from './object-ids.ts';
import { dashboardIdOrNull } from './dashboards-api.ts';
import { filtersByUuid } from './versions/superset-release.ts';

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
 * The target's ids of these charts, which must all exist there (they were just imported). Before 6.0 charts
 * cannot be filtered by uuid: the ones the dashboard already holds come in one call, the rest from the list.
 */
export async function chartIdsOnTarget(
  client: SupersetClient,
  dashboardUuid: string | null,
  uuids: string[],
): Promise<Map<string, number>> {
  let ids = new Map<string, number>();
  if (!filtersByUuid(await supersetRelease(client)) && dashboardUuid) {
    const dashboardId = await dashboardIdOrNull(client, dashboardUuid);
    if (dashboardId !== null) ids = await linkedCharts(client, dashboardId);
  }
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

/** Detaches from the dashboard every chart linked to it whose uuid is not in `keep`; answers how many. */
export async function detachChartsNotIn(
  client: SupersetClient,
  dashboardUuid: string,
  keep: ReadonlySet<string>,
): Promise<number> {
  const dashboardId = await dashboardIdOrNull(client, dashboardUuid);
  if (dashboardId === null) return 0;
  let detached = 0;
  for (const [uuid, id] of await linkedCharts(client, dashboardId)) {
    if (keep.has(uuid)) continue;
    const detail = await client.json(
      { path: `/api/v1/chart/${id}`, action: 'read a chart' },
      ChartDashboards,
    );
    await client.call({
      method: 'PUT',
      path: `/api/v1/chart/${id}`,
      json: {
        dashboards: detail.result.dashboards
          .map((dashboard) => dashboard.id)
          .filter((other) => other !== dashboardId),
      },
      action: 'detach a chart from the dashboard',
    });
    detached += 1;
  }
  return detached;
}
