// A dashboard's bundle: export by uuid (Superset's export takes numeric ids), and import with overwrite, fitted
// to the target's release.
import { FormData } from 'undici';
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { readBundle, writeBundle, type BundleFiles } from './bundle/bundle-zip.ts';
import { retargetChartIds } from './bundle/chart-refs.ts';
import { fromYaml, toYaml } from './bundle/yaml-text.ts';
import { chartIdsOnTarget, detachCharts, linkedCharts } from './dashboard-charts-api.ts';
import { dashboardIdOrNull } from './dashboards-api.ts';
import { supersetRelease } from './identity-api.ts';
import { byObjectName } from './import-errors.ts';
import { rememberIds, uuidInText } from './object-ids.ts';
import { fitFiles } from './versions/fit-to-release.ts';
import { importFieldsOf, importUnlinksCharts } from './versions/superset-release.ts';

export async function dashboardIdOf(client: SupersetClient, uuid: string): Promise<number> {
  const answer = await client.json(
    { path: `/api/v1/dashboard/${encodeURIComponent(uuid)}`, action: 'find the dashboard' },
    z.object({ result: z.object({ id: z.number().int() }) }),
  );
  return answer.result.id;
}

const exportById = (client: SupersetClient, id: number) =>
  client.bytes({
    path: '/api/v1/dashboard/export/',
    query: { q: rison([id]) },
    action: 'export the dashboard',
  });

/** The uuid of the one dashboard in an export; the ids of its charts and datasets are remembered. */
function exportedUuid(client: SupersetClient, zip: Uint8Array): string | null {
  const { files } = readBundle(zip);
  rememberIds(client, files);
  for (const [file, text] of files) if (file.startsWith('dashboards/')) return uuidInText(text);
  return null;
}

/** Dashboard ids by uuid, per Superset client: export takes ids, and finding one costs a round trip. */
const knownIds = new WeakMap<SupersetClient, Map<string, number>>();

/**
 * The dashboard's export ZIP, as Superset makes it. The id found last time is tried first; the export says
 * which dashboard it holds, so an id that now names another dashboard (or none) is looked up again.
 */
export async function exportDashboardBundle(
  client: SupersetClient,
  uuid: string,
  /** Its id when the caller just looked it up (saves a round trip; still checked against the export). */
  id?: number,
): Promise<Uint8Array> {
  let ids = knownIds.get(client);
  if (!ids) knownIds.set(client, (ids = new Map()));
  const known = id ?? ids.get(uuid);
  if (known !== undefined) {
    try {
      const zip = await exportById(client, known);
      if (exportedUuid(client, zip) === uuid) {
        ids.set(uuid, known);
        return zip;
      }
    } catch (error) {
      if (!(error instanceof SupersetError) || error.status !== 404) throw error;
    }
    ids.delete(uuid);
  }
  const found = await dashboardIdOf(client, uuid);
  ids.set(uuid, found);
  const zip = await exportById(client, found);
  exportedUuid(client, zip);
  return zip;
}

export interface ImportOptions {
  /** Database passwords by the bundle's database file. */
  passwords?: Record<string, string>;
  /** The path each bundle file has where the person knows it (the repository's), for error messages. */
  sources?: ReadonlyMap<string, string>;
}

export async function importZip(
  client: SupersetClient,
  kind: 'dataset' | 'chart' | 'dashboard',
  bundle: BundleFiles,
  options: ImportOptions = {},
): Promise<void> {
  // Fields the target's importer does not know would make it refuse the whole bundle; the deploy plan warns
  // about what that leaves out.
  const { files } = fitFiles(bundle, importFieldsOf(await supersetRelease(client)));
  const form = new FormData();
  const zip = writeBundle(files, `${kind}_export_superset_git`);
  form.set('formData', new Blob([zip], { type: 'application/zip' }), 'bundle.zip');
  form.set('overwrite', 'true');
  const passwords = options.passwords ?? {};
  if (Object.keys(passwords).length > 0) form.set('passwords', JSON.stringify(passwords));
  try {
    await client.call({
      method: 'POST',
      path: `/api/v1/${kind}/import/`,
      form,
      action: `import the ${kind}s`,
    });
  } catch (error) {
    throw byObjectName(error, kind, files, options.sources);
  }
}

/** A bundle's metadata.yaml for an import of one object type (`Slice`, `SqlaTable`). */
export const metadataOf = (type: string) =>
  `version: 1.0.0\ntype: ${type}\ntimestamp: '${new Date().toISOString()}'\n`;

/**
 * Imports a dashboard bundle so that everything in it really replaces what the target has, and the dashboard
 * ends with exactly the bundle's charts:
 * - Superset's dashboard import overwrites the dashboard but not existing charts and datasets, so datasets, then
 *   charts, then the dashboard are imported through their own endpoints, each with overwrite;
 * - the dashboard goes in with the target's own ids for its charts, since the importers leave some references
 *   (`chartsInScope`, and on 4.1 `chart_configuration`) as the bundle has them;
 * - before 6.1, the import only adds charts to a dashboard: the ones the bundle no longer holds are detached.
 */
export async function importDashboardBundle(
  client: SupersetClient,
  files: BundleFiles,
  options: ImportOptions = {},
): Promise<void> {
  const pick = (prefixes: string[]) =>
    new Map([...files].filter(([file]) => prefixes.some((prefix) => file.startsWith(prefix))));
  const datasets = pick(['datasets/', 'databases/']);
  datasets.set('metadata.yaml', metadataOf('SqlaTable'));
  const charts = pick(['charts/', 'datasets/', 'databases/']);
  charts.set('metadata.yaml', metadataOf('Slice'));
  await importZip(client, 'dataset', datasets, options);
  await importZip(client, 'chart', charts, options);

  const dashboardFile = [...files.keys()].find((file) => file.startsWith('dashboards/'));
  if (!dashboardFile) throw new SupersetError('SUPERSET_ERROR', 'The bundle holds no dashboard.');
  const dashboard = fromYaml(files.get(dashboardFile)!, dashboardFile);
  const uuid = typeof dashboard.uuid === 'string' ? dashboard.uuid : null;
  const chartUuids = [...files]
    .filter(([file]) => file.startsWith('charts/'))
    .map(([, text]) => uuidInText(text))
    .filter((chart): chart is string => chart !== null);
  // Before 6.1 an import only adds charts: the ones linked now that the bundle no longer holds stay linked after.
  const dashboardId = uuid ? await dashboardIdOrNull(client, uuid) : null;
  const unlinks = importUnlinksCharts(await supersetRelease(client));
  const linked =
    dashboardId !== null && !unlinks ? await linkedCharts(client, dashboardId) : new Map<string, number>();
  const targetIds = await chartIdsOnTarget(client, chartUuids, linked);
  const retargeted = new Map(files);
  retargeted.set(dashboardFile, toYaml(retargetChartIds(dashboard, targetIds)));
  await importZip(client, 'dashboard', retargeted, options);
  const kept = new Set(chartUuids);
  if (dashboardId !== null)
    await detachCharts(
      client,
      dashboardId,
      [...linked].filter(([chart]) => !kept.has(chart)).map(([, id]) => id),
    );
}
