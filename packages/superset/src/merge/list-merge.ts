// Three-way merges of lists that have a shape we understand: sets of ids (order means nothing), ordered lists of
// unique ids (a layout node's children), and lists of objects keyed by an id field (native filters, columns).
import type { Json } from '../bundle/yaml-text.ts';

type Scalar = string | number;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isSorted(list: readonly Scalar[]): boolean {
  for (let i = 1; i < list.length; i += 1) if (String(list[i - 1]) > String(list[i])) return false;
  return true;
}

/** Unique strings or numbers, or null when the list holds anything else or a value twice. */
export function uniqueScalars(list: readonly Json[]): Scalar[] | null {
  const seen = new Set<Scalar>();
  for (const item of list) {
    if ((typeof item !== 'string' && typeof item !== 'number') || seen.has(item)) return null;
    seen.add(item);
  }
  return list as Scalar[];
}

/** Lists of uuids kept sorted by the normalizer: sets, whatever order a person gave them. */
export function isUuidSet(...lists: readonly Scalar[][]): boolean {
  return lists.every(
    (list) => isSorted(list) && list.every((item) => typeof item === 'string' && UUID.test(item)),
  );
}

/** What stays: kept by both, or added by one side; removed by either side means removed. */
function keptItems(base: readonly Scalar[], mine: readonly Scalar[], theirs: readonly Scalar[]): Set<Scalar> {
  const [inBase, inMine, inTheirs] = [new Set(base), new Set(mine), new Set(theirs)];
  const kept = new Set<Scalar>();
  for (const item of [...mine, ...theirs]) {
    const both = inMine.has(item) && inTheirs.has(item);
    if (both || !inBase.has(item)) kept.add(item);
  }
  return kept;
}

export function mergeSet(
  base: readonly Scalar[],
  mine: readonly Scalar[],
  theirs: readonly Scalar[],
): Scalar[] {
  return [...keptItems(base, mine, theirs)].sort((a, b) =>
    String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
}

const sameOrder = (a: readonly Scalar[], b: readonly Scalar[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** Runs of items a side added, keyed by the base item they follow (null: at the start). */
function additionRuns(
  side: readonly Scalar[],
  anchors: Set<Scalar>,
  added: Set<Scalar>,
): Map<Scalar | null, Scalar[]> {
  const runs = new Map<Scalar | null, Scalar[]>();
  let anchor: Scalar | null = null;
  for (const item of side) {
    if (anchors.has(item)) anchor = item;
    else if (added.has(item)) runs.set(anchor, [...(runs.get(anchor) ?? []), item]);
  }
  return runs;
}

/**
 * An ordered three-way merge of unique items: removals and insertions of both sides are kept, insertions at the
 * same place go in a fixed order (so merging is symmetric), and a reorder is taken from the side that made it.
 * Null when both sides reordered the same items differently.
 */
export function mergeOrdered(
  base: readonly Scalar[],
  mine: readonly Scalar[],
  theirs: readonly Scalar[],
): Scalar[] | null {
  const kept = keptItems(base, mine, theirs);
  const inBase = new Set(base);
  const common = (list: readonly Scalar[]) => list.filter((item) => inBase.has(item) && kept.has(item));
  const [orderBase, orderMine, orderTheirs] = [common(base), common(mine), common(theirs)];
  let skeleton: Scalar[];
  if (sameOrder(orderMine, orderBase)) skeleton = orderTheirs;
  else if (sameOrder(orderTheirs, orderBase) || sameOrder(orderMine, orderTheirs)) skeleton = orderMine;
  else return null;
  const anchors = new Set(skeleton);
  const added = new Set([...kept].filter((item) => !inBase.has(item)));
  const [runsMine, runsTheirs] = [additionRuns(mine, anchors, added), additionRuns(theirs, anchors, added)];
  const placed = new Set<Scalar>();
  const out: Scalar[] = [];
  const insertAfter = (anchor: Scalar | null) => {
    const runs = [runsMine.get(anchor) ?? [], runsTheirs.get(anchor) ?? []].sort((a, b) =>
      a.join('\n') < b.join('\n') ? -1 : a.join('\n') > b.join('\n') ? 1 : 0,
    );
    for (const item of runs.flat()) {
      if (placed.has(item)) continue;
      placed.add(item);
      out.push(item);
    }
  };
  insertAfter(null);
  for (const item of skeleton) {
    out.push(item);
    insertAfter(item);
  }
  return out;
}

/** Fields that identify an element of a list of objects, in the order they are tried. */
const ID_FIELDS = ['id', 'uuid', 'column_name', 'metric_name'];

/** The field every element of every list is identified by (present, a string, unique), or null. */
export function keyFieldOf(...lists: readonly Json[][]): string | null {
  const all = lists.flat();
  if (all.length === 0) return null;
  return (
    ID_FIELDS.find((field) =>
      lists.every((list) => {
        const ids = list.map((item) =>
          item && typeof item === 'object' && !Array.isArray(item) ? item[field] : undefined,
        );
        return ids.every((id) => typeof id === 'string') && new Set(ids).size === ids.length;
      }),
    ) ?? null
  );
}
