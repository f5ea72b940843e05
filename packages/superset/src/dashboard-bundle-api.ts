// A dashboard's bundle: export by uuid (Superset's export takes numeric ids), and import with overwrite.
import { FormData } from 'undici';
import { z } from 'zod';
import { rison } from './rison.ts';
import type { SupersetClient } from './superset-client.ts';
import { SupersetError } from './superset-error.ts';
import { readBundle, writeBundle, type BundleFiles } from './bundle/bundle-zip.ts';
import { fromYaml } from './bundle/yaml-text.ts';
import { rememberIds, uuidInText } from './object-ids.ts';

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

export async function importZip(
  client: SupersetClient,
  kind: 'dataset' | 'chart' | 'dashboard',
  files: BundleFiles,
  passwords: Record<string, string>,
): Promise<void> {
  const form = new FormData();
  const zip = writeBundle(files, `${kind}_export_superset_git`);
  form.set('formData', new Blob([zip], { type: 'application/zip' }), 'bundle.zip');
  form.set('overwrite', 'true');
  if (Object.keys(passwords).length > 0) form.set('passwords', JSON.stringify(passwords));
  try {
    await client.call({
      method: 'POST',
      path: `/api/v1/${kind}/import/`,
      form,
      action: `import the ${kind}s`,
    });
  } catch (error) {
    throw byObjectName(error, kind, files);
  }
}

const NAME_KEYS = ['slice_name', 'dashboard_title', 'table_name', 'database_name'];

/** "chart 'Revenue' (charts/revenue_12.yaml)" for a bundle path Superset named in an error. */
function objectLabel(files: BundleFiles, path: string): string {
  let name: unknown;
  try {
    const value = fromYaml(files.get(path) ?? '{}', path);
    name = NAME_KEYS.map((key) => value[key]).find((candidate) => typeof candidate === 'string');
  } catch {
    name = undefined;
  }
  const kind = path
    .split('/')[0]!
    .replace(/\.yaml$/, '')
    .replace(/s$/, '');
  return typeof name === 'string' ? `${kind} '${name}' (${path})` : path;
}

/** `{"cache_timeout": ["Not a valid integer."]}` → `cache_timeout: Not a valid integer.` */
function problemText(detail: string): string {
  try {
    const value: unknown = JSON.parse(detail);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.entries(value)
        .map(([field, messages]) => `${field}: ${[messages].flat().join(' ')}`)
        .join('; ');
  } catch {
    // Not JSON: Superset's own words.
  }
  return detail;
}

/** Superset's import errors come keyed by bundle path: they are told by object name instead. */
function byObjectName(error: unknown, kind: string, files: BundleFiles): unknown {
  if (!(error instanceof SupersetError) || !error.details) return error;
  const problems = Object.entries(error.details).map(
    ([path, detail]) => `${objectLabel(files, path)}: ${problemText(detail)}`,
  );
  return new SupersetError(error.code, `Superset refused to import the ${kind}s: ${problems.join('; ')}.`, {
    status: error.status,
    details: error.details,
    cause: error,
  });
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
  await importZip(client, 'dataset', datasets, passwords);
  await importZip(client, 'chart', charts, passwords);
  await importZip(client, 'dashboard', files, passwords);
}
