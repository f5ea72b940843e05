// How the change summaries name the things a dashboard refers to by uuid (charts, datasets): from the dashboard's
// own layout first, then from the rest of the repository's tree, and never by the uuid itself.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { NAME_KEY, objectTypeOfPath } from '../repo-layout/repo-paths.ts';
import { fromYaml, type Json } from '../bundle/yaml-text.ts';
import { asObject, clip } from './values.ts';

/** A chart's or dataset's name by its uuid, when the caller knows it. */
export type NameLookup = (uuid: string) => string | null | undefined;

export const UNNAMED_CHART = 'an unnamed chart';
export const UNNAMED_DATASET = 'an unnamed dataset';

export const quoted = (name: string) => `'${clip(name)}'`;

/** Names of every object of one or more trees (the later tree wins), for a summary of their dashboard. */
export function treeNames(...trees: Array<NormalizedTree | null | undefined>): NameLookup {
  const names = new Map<string, string>();
  for (const tree of trees)
    for (const [path, text] of tree ?? []) {
      const type = objectTypeOfPath(path);
      if (type !== 'chart' && type !== 'dataset') continue;
      try {
        // A file mid-merge holds conflict markers and does not parse: its name is simply not known.
        const value = fromYaml(text, path);
        const name = value[NAME_KEY[type]];
        if (typeof value.uuid === 'string' && typeof name === 'string') names.set(value.uuid, name);
      } catch {
        continue;
      }
    }
  return (uuid) => names.get(uuid);
}

/** Chart names as a dashboard's layout shows them, by chart uuid. */
export function layoutChartNames(position: Json | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of Object.values(asObject(position))) {
    const value = asObject(node);
    if (value.type !== 'CHART') continue;
    const meta = asObject(value.meta);
    const name = meta.sliceNameOverride ?? meta.sliceName;
    if (typeof meta.uuid === 'string' && typeof name === 'string' && name) names.set(meta.uuid, name);
  }
  return names;
}

/** Names a dashboard's summary uses: its two layouts, then what the caller knows. */
export class DashboardNames {
  private readonly charts: Map<string, string>;
  constructor(
    before: Json | undefined,
    after: Json | undefined,
    private readonly lookup: NameLookup = () => undefined,
  ) {
    this.charts = new Map([...layoutChartNames(before), ...layoutChartNames(after)]);
  }

  /** `'Total revenue'`, or "an unnamed chart" (never the id). */
  chart(ref: Json | undefined): string {
    const key = String(ref ?? '');
    const name = this.charts.get(key) ?? this.lookup(key);
    return name ? quoted(name) : UNNAMED_CHART;
  }

  dataset(ref: Json | undefined): string {
    const name = typeof ref === 'string' ? this.lookup(ref) : undefined;
    return name ? `dataset ${quoted(name)}` : UNNAMED_DATASET;
  }

  /** `'A', 'B' and 'C'`. */
  chartList(refs: Json[]): string {
    return joinNames(refs.map((ref) => this.chart(ref)));
  }
}

/** "'A'", "'A' and 'B'", "'A', 'B' and 'C'". */
export function joinNames(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}
