// Small helpers the change summaries share: equality of parsed YAML values, how a value is shown in a line,
// and keyed list comparison ("2 filters added").
import type { Json } from '../bundle/yaml-text.ts';

export type Value = Record<string, Json>;

export const same = (a: Json | undefined, b: Json | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** A name or setting as it appears in a line: strings quoted, the rest as JSON, long values cut. */
export function show(value: Json | undefined): string {
  if (value === undefined || value === null) return 'none';
  return typeof value === 'string' ? `'${clip(value)}'` : clip(JSON.stringify(value));
}

/** A key as words: `filterType` → "filter type", `refresh_frequency` → "refresh frequency". */
export const words = (key: string): string =>
  key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();

/** An expression shown as is (no quotes): `SUM(amount)`. */
export const plain = (value: string): string => clip(value.replace(/\s+/g, ' ').trim());

export const asObject = (value: Json | undefined): Value =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};

export const asArray = (value: Json | undefined): Json[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

/** Keys not handled by name: "row_limit changed 100 → 1000", "color_scheme set to 'x'", "css changed". */
export function otherKeys(before: Value, after: Value, handled: string[], prefix = ''): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    if (handled.includes(key) || same(before[key], after[key])) continue;
    const [a, b] = [before[key], after[key]];
    const scalar = (v: Json | undefined) => v === undefined || v === null || typeof v !== 'object';
    if (a === undefined || a === null) lines.push(`${prefix}${key} set to ${show(b)}`);
    else if (b === undefined || b === null) lines.push(`${prefix}${key} removed`);
    else if (scalar(a) && scalar(b)) lines.push(`${prefix}${key} changed ${show(a)} → ${show(b)}`);
    else lines.push(`${prefix}${key} changed`);
  }
  return lines;
}

/** What differs between two versions of one named item, field by field: "type 'INT' → 'FLOAT'; filterable changed". */
export function fieldChanges(before: Json, after: Json, skip: string[] = []): string {
  const [a, b] = [asObject(before), asObject(after)];
  const scalar = (v: Json | undefined) => v === undefined || v === null || typeof v !== 'object';
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .sort()
    .filter((key) => !skip.includes(key) && !same(a[key], b[key]))
    .map((key) =>
      scalar(a[key]) && scalar(b[key])
        ? `${words(key)} ${show(a[key])} → ${show(b[key])}`
        : `${words(key)} changed`,
    )
    .join('; ');
}

const counted = (count: number, noun: string) => (count === 1 ? noun : `${count} ${noun}s`);

/**
 * Compares two lists of things a person names (metrics, filters, columns): one swapped for another reads
 * "metric changed A → B"; otherwise "filter added: A", "2 filters removed: A; B", "column 'x' changed".
 */
export function listChanges(
  noun: string,
  before: Json[],
  after: Json[],
  label: (item: Json) => string,
  key: (item: Json) => string = label,
  changeText: (before: Json, after: Json) => string = (_before, after) => `${noun} ${label(after)} changed`,
): string[] {
  const older = new Map(before.map((item) => [key(item), item]));
  const newer = new Map(after.map((item) => [key(item), item]));
  const added = [...newer.keys()].filter((name) => !older.has(name));
  const removed = [...older.keys()].filter((name) => !newer.has(name));
  const changed = [...newer.keys()].filter(
    (name) => older.has(name) && !same(older.get(name), newer.get(name)),
  );
  const lines: string[] = [];
  if (added.length === 1 && removed.length === 1) {
    lines.push(`${noun} changed ${label(older.get(removed[0]!)!)} → ${label(newer.get(added[0]!)!)}`);
  } else {
    const names = (list: string[], from: Map<string, Json>) =>
      list.map((name) => label(from.get(name)!)).join('; ');
    if (added.length) lines.push(`${counted(added.length, noun)} added: ${names(added, newer)}`);
    if (removed.length) lines.push(`${counted(removed.length, noun)} removed: ${names(removed, older)}`);
  }
  for (const name of changed) lines.push(changeText(older.get(name)!, newer.get(name)!));
  if (!lines.length && !same(before, after)) lines.push(`${noun}s reordered`);
  return lines;
}
