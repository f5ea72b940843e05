// The places in a dashboard's metadata that name charts by their numeric id, which differs between Superset
// instances. Normalizing turns them into chart uuids; rebuilding a bundle turns them back into ids that the
// bundle's own positions use (the target's own ids, where the target has the charts already).
import type { Json } from './yaml-text.ts';

export type RefMap = (ref: Json) => Json;

type Obj = { [key: string]: Json };
const isObj = (value: Json | undefined): value is Obj =>
  !!value && typeof value === 'object' && !Array.isArray(value);

export interface RefOptions {
  /**
   * Sort every list of chart references: they are sets (Superset derives `chartsInScope` from a scope and writes
   * it in whatever order the layout gave), so their order is noise in a diff.
   */
  sortLists?: boolean;
}

/** Applies `map` to every chart reference in `metadata` (a dashboard's json_metadata), returning a copy. */
export function mapChartRefs(metadata: Obj, map: RefMap, options: RefOptions = {}): Obj {
  const list = (value: Json | undefined): Json | undefined => {
    if (!Array.isArray(value)) return value;
    const mapped = value.map(map);
    return options.sortLists
      ? mapped.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
      : mapped;
  };
  const keys = (value: Json | undefined): Json | undefined =>
    isObj(value)
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [String(map(key)), inner]))
      : value;
  /** `{scope: {excluded: [ids]}, chartsInScope: [ids]}`, as native filters and cross-filters have them. */
  const scoped = (holder: Obj) => {
    if (holder.chartsInScope !== undefined) holder.chartsInScope = list(holder.chartsInScope)!;
    if (isObj(holder.scope) && holder.scope.excluded !== undefined)
      holder.scope.excluded = list(holder.scope.excluded)!;
  };

  const out: Obj = structuredClone(metadata);
  if (out.timed_refresh_immune_slices !== undefined)
    out.timed_refresh_immune_slices = list(out.timed_refresh_immune_slices)!;
  if (isObj(out.filter_scopes)) {
    const scopes = keys(out.filter_scopes) as Obj;
    for (const columns of Object.values(scopes)) {
      if (!isObj(columns)) continue;
      for (const attributes of Object.values(columns))
        if (isObj(attributes) && Array.isArray(attributes.immune))
          attributes.immune = list(attributes.immune)!;
    }
    out.filter_scopes = scopes;
  }
  if (out.expanded_slices !== undefined) out.expanded_slices = keys(out.expanded_slices)!;
  // Legacy filter box defaults: a JSON string keyed by chart id.
  if (typeof out.default_filters === 'string') {
    try {
      const parsed = JSON.parse(out.default_filters) as Json;
      if (isObj(parsed)) out.default_filters = JSON.stringify(keys(parsed));
    } catch {
      // Not JSON: left as it is.
    }
  }
  if (Array.isArray(out.native_filter_configuration))
    for (const filter of out.native_filter_configuration) if (isObj(filter)) scoped(filter);
  if (isObj(out.chart_configuration)) {
    const configs = keys(out.chart_configuration) as Obj;
    for (const config of Object.values(configs)) {
      if (!isObj(config)) continue;
      if (config.id !== undefined) config.id = map(config.id);
      if (isObj(config.crossFilters)) scoped(config.crossFilters);
    }
    out.chart_configuration = configs;
  }
  if (isObj(out.global_chart_configuration)) scoped(out.global_chart_configuration);
  return out;
}

/** A chart reference as a number, when it is one (`12` or `"12"`). */
export function chartIdOf(ref: Json): number | null {
  if (typeof ref === 'number' && Number.isInteger(ref)) return ref;
  if (typeof ref === 'string' && /^\d+$/.test(ref)) return Number(ref);
  return null;
}

/**
 * A bundle's dashboard file with its chart ids replaced by the target's ids for the same charts (by uuid).
 * Superset's importers map only some references to the target's ids (4.1 not `chart_configuration`, none of them
 * `chartsInScope`); when the bundle already uses the target's ids, what they leave alone is right as well.
 */
export function retargetChartIds(dashboard: Obj, targetIds: ReadonlyMap<string, number>): Obj {
  const out: Obj = structuredClone(dashboard);
  const idMap = new Map<number, number>();
  if (isObj(out.position)) {
    for (const node of Object.values(out.position)) {
      if (!isObj(node) || node.type !== 'CHART' || !isObj(node.meta)) continue;
      const uuid = node.meta.uuid;
      const target = typeof uuid === 'string' ? targetIds.get(uuid) : undefined;
      if (target === undefined) continue;
      const old = chartIdOf(node.meta.chartId ?? null);
      if (old !== null) idMap.set(old, target);
      node.meta.chartId = target;
    }
  }
  if (isObj(out.metadata)) {
    out.metadata = mapChartRefs(out.metadata, (ref) => {
      const id = chartIdOf(ref);
      return id !== null && idMap.has(id) ? idMap.get(id)! : ref;
    });
  }
  return out;
}
