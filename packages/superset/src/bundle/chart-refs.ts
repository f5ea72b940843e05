// The places in a dashboard's metadata that name charts by their numeric id, which differs between Superset
// instances. Normalizing turns them into chart uuids; rebuilding a bundle turns them back into ids that the
// bundle's own positions use, which Superset's import then maps to the target's ids.
import type { Json } from './yaml-text.ts';

export type RefMap = (ref: Json) => Json;

type Obj = { [key: string]: Json };
const isObj = (value: Json | undefined): value is Obj =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const mapList = (value: Json | undefined, map: RefMap): Json | undefined =>
  Array.isArray(value) ? value.map(map) : value;
const mapKeys = (value: Json | undefined, map: RefMap): Json | undefined =>
  isObj(value)
    ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [String(map(key)), inner]))
    : value;

/** Applies `map` to every chart reference in `metadata` (a dashboard's json_metadata), returning a copy. */
export function mapChartRefs(metadata: Obj, map: RefMap): Obj {
  const out: Obj = structuredClone(metadata);
  if (out.timed_refresh_immune_slices !== undefined)
    out.timed_refresh_immune_slices = mapList(out.timed_refresh_immune_slices, map)!;
  if (isObj(out.filter_scopes)) {
    const scopes = mapKeys(out.filter_scopes, map) as Obj;
    for (const columns of Object.values(scopes)) {
      if (!isObj(columns)) continue;
      for (const attributes of Object.values(columns)) {
        if (isObj(attributes) && Array.isArray(attributes.immune))
          attributes.immune = attributes.immune.map(map);
      }
    }
    out.filter_scopes = scopes;
  }
  if (out.expanded_slices !== undefined) out.expanded_slices = mapKeys(out.expanded_slices, map)!;
  if (Array.isArray(out.native_filter_configuration)) {
    for (const filter of out.native_filter_configuration) {
      if (!isObj(filter)) continue;
      if (filter.chartsInScope !== undefined) filter.chartsInScope = mapList(filter.chartsInScope, map)!;
      if (isObj(filter.scope) && filter.scope.excluded !== undefined)
        filter.scope.excluded = mapList(filter.scope.excluded, map)!;
    }
  }
  if (isObj(out.chart_configuration)) {
    const configs = mapKeys(out.chart_configuration, map) as Obj;
    for (const config of Object.values(configs)) {
      if (!isObj(config)) continue;
      if (config.id !== undefined) config.id = map(config.id);
      if (isObj(config.crossFilters) && config.crossFilters.chartsInScope !== undefined) {
        config.crossFilters.chartsInScope = mapList(config.crossFilters.chartsInScope, map)!;
      }
    }
    out.chart_configuration = configs;
  }
  if (isObj(out.global_chart_configuration) && out.global_chart_configuration.chartsInScope !== undefined) {
    out.global_chart_configuration.chartsInScope = mapList(
      out.global_chart_configuration.chartsInScope,
      map,
    )!;
  }
  return out;
}
