// The three-way merge of parsed YAML values: maps key by key, known list shapes item by item (list-merge.ts),
// anything else taken from the one side that changed it, and a conflict only where both sides changed the same
// value differently. A conflict keeps a placeholder in the merged value for conflict-markers.ts to fill in.
import type { Json } from '../bundle/yaml-text.ts';
import { isUuidSet, keyFieldOf, mergeOrdered, mergeSet, uniqueScalars } from './list-merge.ts';

/** A value that is not there (a key one side removed, a file one side added) is `undefined`. */
export type Maybe = Json | undefined;

export interface FieldConflict {
  /** Where in the file: `cache_timeout`, `position.CHART-x.meta.width`, `metadata.native_filter_configuration[NATIVE_FILTER-1].name`. */
  path: string;
  base: Maybe;
  mine: Maybe;
  theirs: Maybe;
}

/** How a person settled one conflict: a side, or a value of their own (`undefined` removes the field). */
export type FieldChoice = { side: 'mine' | 'theirs' } | { value: Maybe };

export interface ValueMergeResult {
  value: Json;
  conflicts: FieldConflict[];
  /** The placeholder standing in the merged value for each conflict, by its position in `conflicts`. */
  placeholders: string[];
}

type Obj = { [key: string]: Json };
const isMap = (value: Maybe): value is Obj => !!value && typeof value === 'object' && !Array.isArray(value);

export function sameValue(a: Maybe, b: Maybe): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as Json[];
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]));
  }
  const [ka, kb] = [Object.keys(a), Object.keys(b as Obj)];
  return (
    ka.length === kb.length && ka.every((key) => key in (b as Obj) && sameValue(a[key], (b as Obj)[key]))
  );
}

class Merger {
  readonly conflicts: FieldConflict[] = [];
  readonly placeholders: string[] = [];

  constructor(
    private readonly choices: ReadonlyMap<string, FieldChoice>,
    private readonly placeholderStem: string,
  ) {}

  value(base: Maybe, mine: Maybe, theirs: Maybe, path: string): Maybe {
    if (sameValue(mine, theirs)) return mine;
    if (sameValue(base, mine)) return theirs;
    if (sameValue(base, theirs)) return mine;
    if (isMap(mine) && isMap(theirs) && (base === undefined || isMap(base)))
      return this.map(base ?? {}, mine, theirs, path);
    if (Array.isArray(mine) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
      const merged = this.list(base ?? [], mine, theirs, path);
      if (merged !== null) return merged;
    }
    return this.conflict(path, base, mine, theirs);
  }

  private conflict(path: string, base: Maybe, mine: Maybe, theirs: Maybe): Maybe {
    const choice = this.choices.get(path);
    if (choice) return 'side' in choice ? (choice.side === 'mine' ? mine : theirs) : choice.value;
    const placeholder = `${this.placeholderStem}${this.conflicts.length}__`;
    this.conflicts.push({ path, base, mine, theirs });
    this.placeholders.push(placeholder);
    return placeholder;
  }

  private map(base: Obj, mine: Obj, theirs: Obj, path: string): Obj {
    const out: Obj = {};
    const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
    for (const key of [...keys].sort()) {
      const merged = this.value(base[key], mine[key], theirs[key], path ? `${path}.${key}` : key);
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }

  private list(base: Json[], mine: Json[], theirs: Json[], path: string): Json[] | null {
    const field = keyFieldOf(base, mine, theirs);
    if (field) return this.keyedList(field, base, mine, theirs, path);
    const [b, m, t] = [uniqueScalars(base), uniqueScalars(mine), uniqueScalars(theirs)];
    if (!b || !m || !t) return null;
    return isUuidSet(b, m, t) ? mergeSet(b, m, t) : mergeOrdered(b, m, t);
  }

  /** Objects matched by their id field, each merged as a map; the list's order merged like any ordered list. */
  private keyedList(field: string, base: Json[], mine: Json[], theirs: Json[], path: string): Json[] | null {
    const byId = (list: Json[]) => new Map(list.map((item) => [(item as Obj)[field] as string, item]));
    const [b, m, t] = [byId(base), byId(mine), byId(theirs)];
    const order = mergeOrdered([...b.keys()], [...m.keys()], [...t.keys()]) as string[] | null;
    if (!order) return null;
    // An item one side removed and the other changed stays, as a conflict, where it was.
    for (const [index, id] of [...b.keys()].entries()) {
      if (order.includes(id) || !(m.has(id) || t.has(id))) continue;
      const before = [...b.keys()]
        .slice(0, index)
        .reverse()
        .find((other) => order.includes(other));
      order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, id);
    }
    const out: Json[] = [];
    for (const id of order) {
      const merged = this.value(b.get(id), m.get(id), t.get(id), `${path}[${id}]`);
      if (merged !== undefined) out.push(merged);
    }
    return out;
  }
}

/** Merges three parsed documents; `placeholderStem` must occur in none of them. */
export function mergeValues(
  base: Json,
  mine: Json,
  theirs: Json,
  options: { choices?: ReadonlyMap<string, FieldChoice>; placeholderStem: string },
): ValueMergeResult {
  const merger = new Merger(options.choices ?? new Map(), options.placeholderStem);
  const value = merger.value(base, mine, theirs, '') ?? {};
  return { value, conflicts: merger.conflicts, placeholders: merger.placeholders };
}
