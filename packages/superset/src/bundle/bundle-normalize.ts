// Superset's dashboard export → the tree superset-git keeps in git: stable file names without ids, no
// timestamp, sorted keys, embedded JSON as structure, chart ids replaced by chart uuids and fields that only
// carry one release's default left out, so a diff shows only real edits and the same dashboard looks the same
// from any Superset instance and release.
import { BundleError } from './bundle-error.ts';
import type { BundleFiles } from './bundle-zip.ts';
import { chartIdOf, mapChartRefs } from './chart-refs.ts';
import { withoutReleaseDefaults } from './release-defaults.ts';
import { settleOrphans } from './position-orphans.ts';
import { fromYaml, slugify, toYaml, type Json } from './yaml-text.ts';

/** Normalized files by their path in the repository, e.g. `charts/revenue-by-region--2d197a0b.yaml`. */
export type NormalizedTree = Map<string, string>;

type Obj = { [key: string]: Json };
const short = (uuid: Json | undefined) => String(uuid ?? '').slice(0, 8);

function idFromFileName(file: string): number | null {
  const match = file.match(/_(\d+)\.yaml$/);
  return match ? Number(match[1]) : null;
}

export function normalizeBundle(files: BundleFiles): NormalizedTree {
  const parsed = new Map<string, Obj>();
  for (const [file, text] of files) if (file.endsWith('.yaml')) parsed.set(file, fromYaml(text, file));
  const metadata = parsed.get('metadata.yaml');
  if (!metadata) throw new BundleError('The bundle has no metadata.yaml.');
  if (metadata.type !== 'Dashboard') {
    throw new BundleError(
      `This is a ${String(metadata.type)} bundle; superset-git keeps dashboard bundles.`,
      'metadata.yaml',
    );
  }
  const dashboards = [...parsed.keys()].filter((file) => file.startsWith('dashboards/'));
  if (dashboards.length !== 1)
    throw new BundleError(`A dashboard bundle holds one dashboard; this one holds ${dashboards.length}.`);

  const tree: NormalizedTree = new Map();
  const put = (path: string, value: Obj, source: string) => {
    if (tree.has(path)) throw new BundleError(`two objects would be written to ${path}`, source);
    tree.set(path, toYaml(value));
  };
  put('metadata.yaml', { version: metadata.version ?? '1.0.0', type: 'Dashboard' }, 'metadata.yaml');

  const chartUuidById = new Map<number, string>();
  for (const [file, chart] of parsed) {
    const id = idFromFileName(file);
    if (file.startsWith('charts/') && id !== null && typeof chart.uuid === 'string')
      chartUuidById.set(id, chart.uuid);
  }
  putObjects(parsed, put);
  const dashboardFile = dashboards[0]!;
  put('dashboard.yaml', normalizeDashboard(parsed.get(dashboardFile)!, chartUuidById), dashboardFile);
  for (const [file, value] of parsed) {
    if (/^(metadata\.yaml|dashboards\/|charts\/|datasets\/|databases\/)/.test(file)) continue;
    // Themes, tags and whatever later versions add: kept, only with sorted keys.
    put(`other/${file}`, value, file);
  }
  return tree;
}

/** Charts, datasets and databases under their stable names. */
function putObjects(parsed: Map<string, Obj>, put: (path: string, value: Obj, source: string) => void): void {
  for (const [file, chart] of parsed) {
    if (!file.startsWith('charts/')) continue;
    put(
      `charts/${slugify(String(chart.slice_name ?? 'chart'))}--${short(chart.uuid)}.yaml`,
      normalizeChart(chart),
      file,
    );
  }
  for (const [file, dataset] of parsed) {
    if (!file.startsWith('datasets/')) continue;
    put(
      `datasets/${slugify(String(dataset.table_name ?? 'dataset'))}--${short(dataset.uuid)}.yaml`,
      withoutReleaseDefaults('dataset', dataset),
      file,
    );
  }
  for (const [file, database] of parsed) {
    if (!file.startsWith('databases/')) continue;
    put(
      `databases/${slugify(String(database.database_name ?? 'database'))}--${short(database.uuid)}.yaml`,
      withoutReleaseDefaults('database', database),
      file,
    );
  }
}

/**
 * The charts, datasets and databases of a chart or dataset export, normalized exactly as they are inside a
 * dashboard's tree (so one object can be compared with its file in the repository).
 */
export function normalizeObjectFiles(files: BundleFiles): NormalizedTree {
  const tree: NormalizedTree = new Map();
  const parsed = new Map<string, Obj>();
  for (const [file, text] of files)
    if (/^(charts|datasets|databases)\/.*\.yaml$/.test(file)) parsed.set(file, fromYaml(text, file));
  putObjects(parsed, (path, value) => tree.set(path, toYaml(value)));
  return tree;
}

function normalizeChart(chart: Obj): Obj {
  const out: Obj = structuredClone(chart);
  // Both are rewritten by Superset's import from `dataset_uuid`; as ids they only differ between instances.
  if (out.params && typeof out.params === 'object' && !Array.isArray(out.params)) {
    delete out.params.datasource;
    // Superset's import adds an empty list when it is missing; writing it always keeps both sides equal.
    out.params.annotation_layers ??= [];
  }
  if (typeof out.query_context === 'string') {
    try {
      const context = JSON.parse(out.query_context) as Obj;
      delete context.datasource;
      if (context.form_data && typeof context.form_data === 'object' && !Array.isArray(context.form_data)) {
        delete context.form_data.datasource;
      }
      out.query_context = context;
    } catch {
      // Not JSON: keep the string as it is.
    }
  }
  return out;
}

function normalizeDashboard(dashboard: Obj, chartUuidById: Map<number, string>): Obj {
  const toUuid = (ref: Json): Json => {
    const id = chartIdOf(ref);
    return id !== null && chartUuidById.has(id) ? chartUuidById.get(id)! : ref;
  };
  const out: Obj = withoutReleaseDefaults('dashboard', dashboard);
  const position = out.position;
  if (position && typeof position === 'object' && !Array.isArray(position)) {
    for (const node of Object.values(position)) {
      if (!node || typeof node !== 'object' || Array.isArray(node) || node.type !== 'CHART') continue;
      const meta = node.meta as Obj | undefined;
      if (!meta) continue;
      const uuid = meta.uuid ?? toUuid(meta.chartId ?? null);
      // The uuid is what links a chart to the dashboard on import; the id is the instance's own.
      if (typeof uuid === 'string') {
        meta.uuid = uuid;
        delete meta.chartId;
      }
    }
  }
  if (out.position && typeof out.position === 'object' && !Array.isArray(out.position)) {
    out.position = settleOrphans(out.position);
  }
  if (out.metadata && typeof out.metadata === 'object' && !Array.isArray(out.metadata)) {
    // As uuids, every chart reference means the same chart on every instance; as sets, in one order.
    out.metadata = mapChartRefs(out.metadata, toUuid, { sortLists: true });
  }
  return out;
}
