// Superset's export appends charts whose layout node lacks a uuid as "orphans": CHART nodes with random ids,
// different on every export, in a new ROW when the layout has a grid, or in no container at all when it has
// tabs. A chart already placed in the layout loses its orphan copy; a chart really not placed gets ids derived
// from its uuid, so exports are stable.
//
// Only what the export generated is touched: its ids are `ROW-N-` and `CHART-` followed by exactly eight
// upper-case letters or digits (superset/commands/dashboard/export.py, 4.1 to 6.1). A row's meta alone says
// nothing: rows made in Superset's editor carry `{"0": "ROOT_ID"}` too once a bundle with it was imported, and
// they hold columns, markdown and headers that must stay.
import type { Json } from './yaml-text.ts';

type Obj = { [key: string]: Json };
const isObj = (value: Json | undefined): value is Obj =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const childrenOf = (node: Json | undefined): string[] =>
  isObj(node) && Array.isArray(node.children)
    ? node.children.filter((child): child is string => typeof child === 'string')
    : [];
const chartUuid = (node: Json | undefined): string | null =>
  isObj(node) && node.type === 'CHART' && isObj(node.meta) && typeof node.meta.uuid === 'string'
    ? node.meta.uuid
    : null;

const GENERATED_ROW = /^ROW-N-[A-Z0-9]{8}$/;
const GENERATED_CHART = /^CHART-[A-Z0-9]{8}$/;

export function settleOrphans(position: Obj): Obj {
  const out: Obj = structuredClone(position);
  const generatedRows = Object.keys(out).filter((id) => {
    const node = out[id];
    return (
      GENERATED_ROW.test(id) &&
      isObj(node) &&
      node.type === 'ROW' &&
      childrenOf(node).every((child) => GENERATED_CHART.test(child) && chartUuid(out[child]) !== null)
    );
  });
  const listed = new Set(Object.values(out).flatMap(childrenOf));
  const loose = Object.keys(out).filter(
    (id) => GENERATED_CHART.test(id) && chartUuid(out[id]) !== null && !listed.has(id),
  );
  const generated = new Set([...generatedRows.flatMap((id) => childrenOf(out[id])), ...loose]);
  if (generated.size === 0) return out;

  const placed = new Set(
    Object.keys(out)
      .filter((id) => !generated.has(id))
      .map((id) => chartUuid(out[id]))
      .filter((uuid): uuid is string => uuid !== null),
  );
  const renamed = new Map<string, string | null>();
  for (const id of generated) {
    const uuid = chartUuid(out[id]);
    renamed.set(id, uuid && !placed.has(uuid) ? `CHART-${uuid.slice(0, 8)}` : null);
  }
  for (const rowId of generatedRows) {
    const kept = childrenOf(out[rowId])
      .map((id) => renamed.get(id))
      .filter((id): id is string => !!id);
    renamed.set(rowId, kept.length > 0 ? 'ROW-unplaced-charts' : null);
  }
  const rename = (id: string) => (renamed.has(id) ? renamed.get(id)! : id);
  const result: Obj = {};
  for (const [id, node] of Object.entries(out)) {
    const newId = rename(id);
    if (newId === null) continue;
    if (!isObj(node)) {
      result[newId] = node;
      continue;
    }
    const copy: Obj = { ...node };
    if (renamed.has(id)) copy.id = newId;
    if (Array.isArray(copy.children)) {
      copy.children = copy.children.flatMap((child): Json[] => {
        if (typeof child !== 'string') return [child];
        const next = rename(child);
        return next === null ? [] : [next];
      });
    }
    if (Array.isArray(copy.parents)) {
      copy.parents = copy.parents.map((parent) =>
        typeof parent === 'string' ? (rename(parent) ?? parent) : parent,
      );
    }
    result[newId] = copy;
  }
  return result;
}
