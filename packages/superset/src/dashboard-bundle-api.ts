// A dashboard's bundle: export by uuid (Superset's export takes numeric ids), and import with overwrite.
import { FormData } from 'undici';
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { writeBundle, type BundleFiles } from './bundle/bundle-zip.ts';

export async function dashboardIdOf(client: SupersetClient, uuid: string): Promise<number> {
  const answer = await client.json(
    { path: `/api/v1/dashboard/${encodeURIComponent(uuid)}`, action: 'find the dashboard' },
    z.object({ result: z.object({ id: z.number().int() }) }),
  );
  return answer.result.id;
}

/** The dashboard's export ZIP, as Superset makes it. */
export async function exportDashboardBundle(client: SupersetClient, uuid: string): Promise<Uint8Array> {
  const id = await dashboardIdOf(client, uuid);
  return client.bytes({
    path: '/api/v1/dashboard/export/',
    query: { q: rison([id]) },
    action: 'export the dashboard',
  });
}

async function importZip(
  client: SupersetClient,
  kind: 'dataset' | 'chart' | 'dashboard',
  zip: Uint8Array,
  passwords: Record<string, string>,
): Promise<void> {
  const form = new FormData();
  form.set('formData', new Blob([zip], { type: 'application/zip' }), 'bundle.zip');
  form.set('overwrite', 'true');
  if (Object.keys(passwords).length > 0) form.set('passwords', JSON.stringify(passwords));
  await client.call({ method: 'POST', path: `/api/v1/${kind}/import/`, form, action: `import the ${kind}s` });
}

/**
 * Imports a dashboard bundle so that everything in it really replaces what the target has. Superset's
 * dashboard import overwrites the dashboard but not existing charts and datasets, so datasets, then charts,
 * then the dashboard are imported through their own endpoints, each with overwrite.
 */
export async function importDashboardBundle(
  client: SupersetClient,
  files: BundleFiles,
  passwords: Record<string, string> = {},
): Promise<void> {
  const pick = (prefixes: string[]) =>
    new Map([...files].filter(([file]) => prefixes.some((prefix) => file.startsWith(prefix))));
  const metadata = (type: string) =>
    `version: 1.0.0\ntype: ${type}\ntimestamp: '${new Date().toISOString()}'\n`;
  const datasets = pick(['datasets/', 'databases/']);
  datasets.set('metadata.yaml', metadata('SqlaTable'));
  const charts = pick(['charts/', 'datasets/', 'databases/']);
  charts.set('metadata.yaml', metadata('Slice'));
  await importZip(client, 'dataset', writeBundle(datasets, 'dataset_export_superset_git'), passwords);
  await importZip(client, 'chart', writeBundle(charts, 'chart_export_superset_git'), passwords);
  await importZip(client, 'dashboard', writeBundle(files, 'dashboard_export_superset_git'), passwords);
}
