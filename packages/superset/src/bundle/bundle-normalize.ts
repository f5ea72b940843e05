// Superset's dashboard export → the tree superset-git keeps in git: stable file names without ids, no
// timestamp, sorted keys, embedded JSON as structure, chart ids replaced by chart uuids and fields that only
// carry one release's default left out, so a diff shows only real edits and the same dashboard looks the same
// from any Superset instance and release.
import { BundleError } from './bundle-error.ts';
import type { BundleFiles } from './bundle-zip.ts';
import { chartIdOf, mapChartRefs } from './chart-refs.ts';
import { withoutReleaseDefaults } from './release-defaults.ts';
import { settleOrphans } from './position-orphans.ts';
import { fromYaml, toYaml, type Json } from './yaml-text.ts';
import {
  DASHBOARD_FILE,
  isObjectFile,
  METADATA_FILE,
  NAME_KEY,
  objectFileName,
  OBJECT_FOLDER,
  OTHER_FOLDER,
  type FolderObjectType,
} from '../repo-layout/repo-paths.ts';

/** Normalized files by their path in the repository, e.g. `charts/revenue-by-region--2d197a0b.yaml`. */
export type NormalizedTree = Map<string, string>;

type Obj = { [key: string]: Json };

function idFromFileName(file: string): number | null {
  const match = file.match(/_(\d+)\.yaml$/);
  return match ? Number(match[1]) : null;
}

export function normalizeBundle(files: BundleFiles): NormalizedTree {
  const parsed = new Map<string, Obj>();
  for (const [file, text] of files) if (file.endsWith('.yaml')) parsed.set(file, fromYaml(text, file));
  const metadata = parsed.get(METADATA_FILE);
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
  put(METADATA_FILE, { version: metadata.version ?? '1.0.0', type: 'Dashboard' }, METADATA_FILE);

  const chartUuidById = new Map<number, string>();
  for (const [file, chart] of parsed) {
    const id = idFromFileName(file);
    if (isObjectFile(file, 'chart') && id !== null && typeof chart.uuid === 'string')
      chartUuidById.set(id, chart.uuid);
  }
  putObjects(parsed, put);
  const dashboardFile = dashboards[0]!;
  put(DASHBOARD_FILE, normalizeDashboard(parsed.get(dashboardFile)!, chartUuidById), dashboardFile);
  for (const [file, value] of parsed) {
    if (file === METADATA_FILE || file.startsWith('dashboards/') || isObjectFile(file)) continue;
    // Themes, tags and whatever later versions add: kept, only with sorted keys.
    put(`${OTHER_FOLDER}/${file}`, value, file);
  }
  return tree;
}

const NORMALIZE: Record<FolderObjectType, (value: Obj) => Obj> = {
  chart: (chart) => normalizeChart(chart),
  dataset: (dataset) => withoutReleaseDefaults('dataset', dataset),
  database: (database) => withoutReleaseDefaults('database', database),
};

/** Charts, datasets and databases under their stable names. */
function putObjects(parsed: Map<string, Obj>, put: (path: string, value: Obj, source: string) => void): void {
  for (const type of Object.keys(OBJECT_FOLDER) as FolderObjectType[])
    for (const [file, value] of parsed) {
      if (!isObjectFile(file, type)) continue;
      put(objectFileName(type, value[NAME_KEY[type]], value.uuid), NORMALIZE[type](value), file);
    }
}

/**
 * The charts, datasets and databases of a chart or dataset export, normalized exactly as they are inside a
 * dashboard's tree (so one object can be compared with its file in the repository).
 */
export function normalizeObjectFiles(files: BundleFiles): NormalizedTree {
  const tree: NormalizedTree = new Map();
  const parsed = new Map<string, Obj>();
  for (const [file, text] of files) if (isObjectFile(file)) parsed.set(file, fromYaml(text, file));
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
