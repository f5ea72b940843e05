// What a deploy needs to know about its target Superset: its databases, whether a dashboard (by uuid or by
// slug) exists, and which dashboards use a chart.
import { z } from 'zod';
import { rison } from '../rison.ts';
import { SupersetError } from '../superset-error.ts';
import type { SupersetClient } from '../superset-client.ts';
import { lookupIds } from '../object-ids.ts';

export interface TargetDatabase {
  id: number;
  uuid: string;
  name: string;
}

export async function listDatabases(client: SupersetClient): Promise<TargetDatabase[]> {
  const answer = await client.json(
    {
      path: '/api/v1/database/',
      query: { q: rison({ columns: ['id', 'uuid', 'database_name'], page_size: 100, page: 0 }) },
      action: 'list databases',
    },
    z.object({ result: z.array(z.object({ id: z.number(), uuid: z.string(), database_name: z.string() })) }),
  );
  return answer.result.map((row) => ({ id: row.id, uuid: row.uuid, name: row.database_name }));
}

export async function listDatasetUuids(client: SupersetClient): Promise<Set<string>> {
  const uuids = new Set<string>();
  for (let page = 0; ; page += 1) {
    const answer = await client.json(
      {
        path: '/api/v1/dataset/',
        query: { q: rison({ columns: ['id', 'uuid'], page_size: 100, page }) },
        action: 'list datasets',
      },
      z.object({ result: z.array(z.object({ uuid: z.string() })) }),
    );
    for (const row of answer.result) uuids.add(row.uuid);
    if (answer.result.length < 100) return uuids;
  }
}

/** The dashboard's uuid and id when `idOrSlug` names one on the target, else null. */
export async function findDashboard(
  client: SupersetClient,
  idOrSlug: string,
): Promise<{ id: number; uuid: string } | null> {
  try {
    const answer = await client.json(
      { path: `/api/v1/dashboard/${encodeURIComponent(idOrSlug)}`, action: 'find a dashboard' },
      z.object({ result: z.object({ id: z.number(), uuid: z.string() }) }),
    );
    return answer.result;
  } catch (error) {
    if (error instanceof SupersetError && error.status === 404) return null;
    throw error;
  }
}

/** Charts by uuid with the dashboards that use them (only the ones that exist). */
export async function chartsByUuid(
  client: SupersetClient,
  uuids: string[],
): Promise<Map<string, { id: number; dashboards: number[] }>> {
  const out = new Map<string, { id: number; dashboards: number[] }>();
  if (uuids.length === 0) return out;
  const ids = await lookupIds(client, 'chart', uuids);
  for (const [uuid, id] of ids) {
    const detail = await client.json(
      { path: `/api/v1/chart/${id}`, action: 'read a chart' },
      z.object({ result: z.object({ dashboards: z.array(z.object({ id: z.number() })).default([]) }) }),
    );
    out.set(uuid, { id, dashboards: detail.result.dashboards.map((dashboard) => dashboard.id) });
  }
  return out;
}

export async function deleteChart(client: SupersetClient, id: number): Promise<void> {
  await client.call({ method: 'DELETE', path: `/api/v1/chart/${id}`, action: 'delete a chart' });
}
