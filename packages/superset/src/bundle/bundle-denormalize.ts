// The tree kept in git → a bundle Superset imports: Superset's file layout, a metadata timestamp, chart ids
// that the bundle's positions and metadata agree on (Superset's import maps them to the target's ids),
// embedded JSON as strings again.
import { BundleError } from './bundle-error.ts';
import type { BundleFiles } from './bundle-zip.ts';
import type { NormalizedTree } from './bundle-normalize.ts';
import { mapChartRefs } from './chart-refs.ts';
import { fromYaml, slugify, toYaml, type Json } from './yaml-text.ts';

type Obj = { [key: string]: Json };

export interface DenormalizedBundle {
  files: BundleFiles;
  /** Bundle path of each database file by database uuid, for import passwords. */
  databaseFiles: Map<string, string>;
  /** The tree's path of each bundle file, to name files in messages as the repository has them. */
  sources: Map<string, string>;
}

export function denormalizeTree(tree: NormalizedTree, now = new Date()): DenormalizedBundle {
  const parsed = new Map<string, Obj>();
  for (const [path, text] of tree) parsed.set(path, fromYaml(text, path));
  const dashboard = parsed.get('dashboard.yaml');
  if (!dashboard) throw new BundleError('The repository has no dashboard.yaml; sync the dashboard first.');

  const files: BundleFiles = new Map();
  const databaseFiles = new Map<string, string>();
  const sources = new Map<string, string>();
  files.set('metadata.yaml', toYaml({ version: '1.0.0', type: 'Dashboard', timestamp: now.toISOString() }));

  const chartPaths = [...parsed.keys()].filter((path) => path.startsWith('charts/')).sort();
  const idByUuid = new Map<string, number>();
  chartPaths.forEach((path, index) => {
    const chart = parsed.get(path)!;
    if (typeof chart.uuid !== 'string') throw new BundleError('a chart needs its uuid', path);
    idByUuid.set(chart.uuid, index + 1);
    const file = `charts/${slugify(String(chart.slice_name))}_${index + 1}.yaml`;
    files.set(file, toYaml(denormalizeChart(chart)));
    sources.set(file, path);
  });
  let datasetIndex = 0;
  for (const [path, value] of parsed) {
    if (path.startsWith('datasets/')) {
      datasetIndex += 1;
      const file = `datasets/${slugify(String(value.table_name))}_${datasetIndex}.yaml`;
      files.set(file, toYaml(value));
      sources.set(file, path);
    } else if (path.startsWith('databases/')) {
      const file = `databases/${slugify(String(value.database_name))}--${String(value.uuid).slice(0, 8)}.yaml`;
      files.set(file, toYaml(value));
      sources.set(file, path);
      databaseFiles.set(String(value.uuid), file);
    } else if (path.startsWith('other/')) {
      files.set(path.slice('other/'.length), toYaml(value));
    }
  }
  const dashboardFile = `dashboards/${slugify(String(dashboard.dashboard_title))}_1.yaml`;
  files.set(dashboardFile, toYaml(denormalizeDashboard(dashboard, idByUuid)));
  sources.set(dashboardFile, 'dashboard.yaml');
  return { files, databaseFiles, sources };
}

function denormalizeChart(chart: Obj): Obj {
  const out: Obj = structuredClone(chart);
  // Superset's import sets the real datasource from `dataset_uuid`; it only needs the key to exist.
  if (out.params && typeof out.params === 'object' && !Array.isArray(out.params))
    out.params.datasource = '0__table';
  if (out.query_context && typeof out.query_context === 'object')
    out.query_context = JSON.stringify(out.query_context);
  return out;
}

function denormalizeDashboard(dashboard: Obj, idByUuid: Map<string, number>): Obj {
  const toId = (ref: Json): Json => (typeof ref === 'string' && idByUuid.has(ref) ? idByUuid.get(ref)! : ref);
  const out: Obj = structuredClone(dashboard);
  const position = out.position;
  if (position && typeof position === 'object' && !Array.isArray(position)) {
    for (const node of Object.values(position)) {
      if (!node || typeof node !== 'object' || Array.isArray(node) || node.type !== 'CHART') continue;
      const meta = node.meta as Obj | undefined;
      if (meta && typeof meta.uuid === 'string' && idByUuid.has(meta.uuid))
        meta.chartId = idByUuid.get(meta.uuid)!;
    }
  }
  if (out.metadata && typeof out.metadata === 'object' && !Array.isArray(out.metadata)) {
    out.metadata = mapChartRefs(out.metadata, toId);
  }
  return out;
}
