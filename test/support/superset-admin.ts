// Direct Superset calls the bundle tests need: find by uuid, export, import, and clear a target instance so
// its ids differ from dev's.
import { FormData } from 'undici';
import { z } from 'zod';
import {
  findDashboard,
  normalizeBundle,
  readBundle,
  rison,
  SupersetClient,
  type NormalizedTree,
} from '@superset-git/superset';
import type { SupersetInfo } from '../superset-instances.ts';

export function clientFor(info: SupersetInfo): SupersetClient {
  return new SupersetClient(
    { url: info.url, username: info.username, password: info.password, provider: 'db', verifyTls: true },
    { timeoutMs: 60_000 },
  );
}

const IdList = z.object({ result: z.array(z.object({ id: z.number(), uuid: z.string().optional() })) });

export async function idsOf(
  client: SupersetClient,
  kind: 'dashboard' | 'chart' | 'dataset',
  uuids?: string[],
): Promise<Map<string, number>> {
  const answer = await client.json(
    {
      path: `/api/v1/${kind}/`,
      query: { q: rison({ columns: ['id', 'uuid'], page_size: 100, page: 0 }) },
      action: `list ${kind}s`,
    },
    IdList,
  );
  const map = new Map<string, number>();
  for (const row of answer.result)
    if (row.uuid && (!uuids || uuids.includes(row.uuid))) map.set(row.uuid, row.id);
  return map;
}

export async function exportNormalized(client: SupersetClient, dashboardId: number): Promise<NormalizedTree> {
  const zip = await client.bytes({
    path: '/api/v1/dashboard/export/',
    query: { q: rison([dashboardId]) },
    action: 'export a dashboard',
  });
  return normalizeBundle(readBundle(zip).files);
}

export async function importDashboardZip(client: SupersetClient, zip: Uint8Array): Promise<void> {
  const form = new FormData();
  form.set('formData', new Blob([zip]), 'bundle.zip');
  form.set('overwrite', 'true');
  await client.call({
    method: 'POST',
    path: '/api/v1/dashboard/import/',
    form,
    action: 'import a dashboard',
  });
}

/** Deletes dashboards and charts by uuid (datasets and databases stay). */
export async function deleteDashboardsAndCharts(
  client: SupersetClient,
  dashboardUuids: string[],
  chartUuids: string[],
): Promise<void> {
  const dashboards = [...(await idsOf(client, 'dashboard', dashboardUuids)).values()];
  if (dashboards.length)
    await client.call({
      method: 'DELETE',
      path: '/api/v1/dashboard/',
      query: { q: rison(dashboards) },
      action: 'delete dashboards',
    });
  const charts = [...(await idsOf(client, 'chart', chartUuids)).values()];
  if (charts.length)
    await client.call({
      method: 'DELETE',
      path: '/api/v1/chart/',
      query: { q: rison(charts) },
      action: 'delete charts',
    });
}

/** A chart nobody uses, so charts imported later get other ids than on dev. */
export async function createSpacerChart(client: SupersetClient, datasetId: number): Promise<void> {
  await client.call({
    method: 'POST',
    path: '/api/v1/chart/',
    json: {
      slice_name: `spacer ${Date.now()}`,
      viz_type: 'big_number_total',
      datasource_id: datasetId,
      datasource_type: 'table',
      params: '{}',
    },
    action: 'create a chart',
  });
}

export async function dashboardId(client: SupersetClient, uuidOrSlug: string): Promise<number> {
  const answer = await client.json(
    { path: `/api/v1/dashboard/${encodeURIComponent(uuidOrSlug)}`, action: 'read a dashboard' },
    z.object({ result: z.object({ id: z.number() }) }),
  );
  return answer.result.id;
}

/** A dashboard's title as the instance holds it now (other tests may have deployed a title override). */
export async function dashboardTitle(client: SupersetClient, uuidOrSlug: string | number): Promise<string> {
  const answer = await client.json(
    { path: `/api/v1/dashboard/${encodeURIComponent(String(uuidOrSlug))}`, action: 'read a dashboard' },
    z.object({ result: z.object({ dashboard_title: z.string() }) }),
  );
  return answer.result.dashboard_title;
}

/** Renames a dashboard on the instance, as a person would in Superset. */
export async function renameDashboard(client: SupersetClient, uuid: string, title: string): Promise<void> {
  await client.call({
    method: 'PUT',
    path: `/api/v1/dashboard/${await dashboardId(client, uuid)}`,
    json: { dashboard_title: title },
    action: 'rename a dashboard',
  });
}

/** The uuid of a dashboard by slug (4.1 and 5.0 leave it out of the dashboard's own answer). */
export async function dashboardUuid(client: SupersetClient, slug: string): Promise<string> {
  const found = await findDashboard(client, slug);
  if (!found) throw new Error(`no dashboard '${slug}' on ${client.baseUrl}`);
  return found.uuid;
}

const CHART_NAME = z.object({ result: z.object({ slice_name: z.string() }) });

/** A chart's name as Superset has it now. */
export async function chartName(client: SupersetClient, id: number): Promise<string> {
  return (await client.json({ path: `/api/v1/chart/${id}`, action: 'read a chart' }, CHART_NAME)).result
    .slice_name;
}

/** Renames a chart through Superset's API, as a person editing it in Superset would. */
export function renameChart(client: SupersetClient, id: number, name: string): Promise<unknown> {
  return client.call({
    method: 'PUT',
    path: `/api/v1/chart/${id}`,
    json: { slice_name: name },
    action: 'rename',
  });
}

const DASHBOARD_CHARTS = z.object({ result: z.array(z.object({ id: z.number(), slice_name: z.string() })) });

/** A dashboard's charts (id and name) as Superset lists them. */
export async function dashboardCharts(
  client: SupersetClient,
  uuidOrId: string | number,
): Promise<{ id: number; slice_name: string }[]> {
  return (
    await client.json(
      { path: `/api/v1/dashboard/${uuidOrId}/charts`, action: 'list charts' },
      DASHBOARD_CHARTS,
    )
  ).result;
}
