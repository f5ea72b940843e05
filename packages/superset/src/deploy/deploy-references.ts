// References inside a bundle checked before anything is imported: native filters and cross-filters scoped to
// charts the dashboard does not hold, filters on datasets neither the bundle nor the target has, charts
// without their dataset, and layout nodes naming missing charts. Superset imports most of these without a word
// and leaves a dashboard that fails when someone opens it.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf, type TreeObject } from '../repo-layout/tree-objects.ts';
import type { DeployProblem } from './deploy-checks.ts';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => !!value && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export interface ReferenceContext {
  /** Datasets the target has (by uuid), among the ones the bundle's filters name and the bundle lacks. */
  targetDatasets: ReadonlySet<string>;
  /** Names the target knows for objects the bundle lacks (the target's version of the dashboard). */
  targetNames: ReadonlyMap<string, string>;
  /** Charts this deploy deletes from the target: a filter still naming one is stale, not broken. */
  deleted: ReadonlySet<string>;
}

/** The datasets the dashboard's native filters read from, that the bundle does not hold. */
export function filterDatasetsOutside(tree: NormalizedTree): string[] {
  const objects = objectsOf(tree);
  const dashboard = [...objects.values()].find((object) => object.type === 'dashboard');
  const uuids = nativeFilters(dashboard).flatMap((filter) =>
    listOf(filter.targets).flatMap((target) =>
      isObj(target) && typeof target.datasetUuid === 'string' ? [target.datasetUuid] : [],
    ),
  );
  return [...new Set(uuids)].filter((uuid) => !objects.has(uuid));
}

function nativeFilters(dashboard: TreeObject | undefined): Obj[] {
  const metadata = dashboard?.value.metadata;
  return isObj(metadata) ? listOf(metadata.native_filter_configuration).filter(isObj) : [];
}

export function referenceProblems(
  tree: NormalizedTree,
  context: ReferenceContext,
): { errors: DeployProblem[]; warnings: DeployProblem[] } {
  const errors: DeployProblem[] = [];
  const warnings: DeployProblem[] = [];
  const objects = objectsOf(tree);
  const dashboard = [...objects.values()].find((object) => object.type === 'dashboard');
  const charts = new Set([...objects.values()].filter((o) => o.type === 'chart').map((o) => o.uuid));
  const chartName = (ref: unknown) => {
    if (typeof ref === 'number' || /^\d+$/.test(String(ref))) return `chart id ${String(ref)}`;
    const name = objects.get(String(ref))?.name ?? context.targetNames.get(String(ref));
    return name ? `chart '${name}'` : `chart ${String(ref)}`;
  };
  /** A reference to a chart the bundle lacks: an error, unless the deploy deletes that chart anyway. */
  const missingChart = (ref: unknown, where: string, path: string) => {
    if (typeof ref === 'string' && charts.has(ref)) return;
    if (typeof ref !== 'string' || /^\d+$/.test(ref))
      // An id the source Superset left behind for a chart it no longer has: stale, and ignored there too.
      warnings.push({ path, message: `${where} still names ${chartName(ref)}, which no longer exists.` });
    else if (context.deleted.has(ref))
      warnings.push({
        path,
        message: `${where} still names ${chartName(ref)}, which this deploy deletes from the target; Superset ignores it there.`,
      });
    else
      errors.push({
        path,
        message: `${where} names ${chartName(ref)}, which is not in this dashboard. Remove it from the scope in Superset, sync and commit.`,
      });
  };

  for (const chart of [...objects.values()].filter((object) => object.type === 'chart')) {
    const dataset = chart.value.dataset_uuid;
    if (typeof dataset !== 'string' || objects.get(dataset)?.type !== 'dataset')
      errors.push({
        path: chart.path,
        message: `Chart '${chart.name ?? chart.uuid}' has no dataset in the repository${typeof dataset === 'string' ? ` (dataset ${dataset})` : ''}; Superset would skip it on import.`,
      });
  }
  if (!dashboard) return { errors, warnings };
  const path = dashboard.path;
  for (const filter of nativeFilters(dashboard)) {
    const label = `Native filter '${typeof filter.name === 'string' ? filter.name : String(filter.id)}'`;
    for (const ref of listOf(filter.chartsInScope)) missingChart(ref, label, path);
    for (const target of listOf(filter.targets).filter(isObj)) {
      const dataset = target.datasetUuid;
      if (typeof dataset !== 'string' || objects.has(dataset) || context.targetDatasets.has(dataset))
        continue;
      errors.push({
        path,
        message: `${label} reads dataset ${dataset}, which neither the repository nor the target has.`,
      });
    }
  }
  const metadata = isObj(dashboard.value.metadata) ? dashboard.value.metadata : {};
  if (isObj(metadata.chart_configuration)) {
    for (const [chart, config] of Object.entries(metadata.chart_configuration)) {
      if (!charts.has(chart)) missingChart(chart, 'A cross-filter', path);
      const scope = isObj(config) && isObj(config.crossFilters) ? config.crossFilters : {};
      for (const ref of listOf(scope.chartsInScope))
        missingChart(ref, `The cross-filter of ${chartName(chart)}`, path);
    }
  }
  if (isObj(dashboard.value.position)) {
    for (const node of Object.values(dashboard.value.position)) {
      if (!isObj(node) || node.type !== 'CHART' || !isObj(node.meta)) continue;
      const ref = node.meta.uuid ?? node.meta.chartId;
      if (typeof ref === 'string' && charts.has(ref)) continue;
      const name = typeof node.meta.sliceName === 'string' ? ` ('${node.meta.sliceName}')` : '';
      (typeof ref === 'string' ? errors : warnings).push({
        path,
        message: `The dashboard's layout places ${chartName(ref)}${name}, which is not in the repository.`,
      });
    }
  }
  return { errors, warnings };
}
