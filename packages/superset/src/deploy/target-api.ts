// What a deploy needs to know about its target Superset: its databases, whether a dashboard (by uuid or by
// slug) exists, and which dashboards use a chart.
import { z } from 'zod';
import { rison } from '../rison.ts';
import type { SupersetClient } from '../superset-client.ts';
import { lookupIds } from '../object-ids.ts';
import { chartDashboards } from '../dashboard-charts-api.ts';

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

export interface TargetDataset {
  uuid: string;
  tableName: string;
  schema: string | null;
  databaseName: string | null;
}

export async function listDatasets(client: SupersetClient): Promise<TargetDataset[]> {
  const datasets: TargetDataset[] = [];
  for (let page = 0; ; page += 1) {
    const answer = await client.json(
      {
        path: '/api/v1/dataset/',
        query: {
          q: rison({
            columns: ['id', 'uuid', 'table_name', 'schema', 'database.database_name'],
            page_size: 100,
            page,
          }),
        },
        action: 'list datasets',
      },
      z.object({
        result: z.array(
          z.object({
            uuid: z.string(),
            table_name: z.string(),
            schema: z.string().nullish(),
            database: z.object({ database_name: z.string() }).nullish(),
          }),
        ),
      }),
    );
    for (const row of answer.result)
      datasets.push({
        uuid: row.uuid,
        tableName: row.table_name,
        schema: row.schema ?? null,
        databaseName: row.database?.database_name ?? null,
      });
    if (answer.result.length < 100) return datasets;
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
    const dashboards = await chartDashboards(client, id);
    out.set(uuid, { id, dashboards });
  }
  return out;
}

export async function deleteChart(client: SupersetClient, id: number): Promise<void> {
  await client.call({ method: 'DELETE', path: `/api/v1/chart/${id}`, action: 'delete a chart' });
}
