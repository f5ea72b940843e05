// A bundle made by one Superset release, fitted to the importer of another: fields that importer does not know
// (it would refuse the whole bundle as "Unknown field") are left out, and what that loses is told.
import type { BundleFiles } from '../bundle/bundle-zip.ts';
import { fromYaml, toYaml, type Json } from '../bundle/yaml-text.ts';
import { PRE_LOAD_ALIASES, type FieldPlace, type ImportFields } from './import-fields.ts';

type Obj = { [key: string]: Json };
type ObjectPlace = 'dashboard' | 'chart' | 'dataset' | 'database';

const isObj = (value: Json | undefined): value is Obj =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** A field left out of one object, e.g. `columns[3].datetime_format` of dataset 'sales'. */
export interface DroppedField {
  /** The file it was in (the bundle's or the repository's path). */
  path: string;
  objectType: ObjectPlace;
  name: string | null;
  field: string;
  /** Whether it held something (a null, false or empty value loses nothing). */
  lost: boolean;
}

const NAME_KEYS: Record<ObjectPlace, string> = {
  dashboard: 'dashboard_title',
  chart: 'slice_name',
  dataset: 'table_name',
  database: 'database_name',
};

/** The object a file holds, in Superset's layout (`dashboards/…`) or the repository's (`dashboard.yaml`). */
function objectPlaceOf(path: string): ObjectPlace | null {
  if (path === 'dashboard.yaml' || path.startsWith('dashboards/')) return 'dashboard';
  if (path.startsWith('charts/')) return 'chart';
  if (path.startsWith('datasets/')) return 'dataset';
  if (path.startsWith('databases/')) return 'database';
  return null;
}

const holdsSomething = (value: Json | undefined): boolean =>
  !(
    value === null ||
    value === undefined ||
    value === false ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isObj(value) && Object.keys(value).length === 0)
  );

/** Nested places: a list's items (`columns[]`), an object (`extra`); folders nest in themselves. */
function nestedPlace(fields: ImportFields, place: string, key: string): string | null {
  for (const candidate of [`${place}.${key}[]`, `${place}.${key}`]) if (candidate in fields) return candidate;
  if (place.endsWith('.children[]') && key === 'children') return place;
  return null;
}

function fitValue(
  value: Obj,
  place: string,
  fields: ImportFields,
  label: string,
  dropped: Array<{ field: string; lost: boolean }>,
): Obj {
  const allowed = new Set([
    ...(fields[place as FieldPlace] ?? []),
    ...(PRE_LOAD_ALIASES[place as FieldPlace] ?? []),
  ]);
  const out: Obj = {};
  for (const [key, inner] of Object.entries(value)) {
    const at = label ? `${label}.${key}` : key;
    if (!allowed.has(key)) {
      dropped.push({ field: at, lost: holdsSomething(inner) });
      continue;
    }
    const nested = nestedPlace(fields, place, key);
    if (nested && nested.endsWith('[]') && Array.isArray(inner)) {
      out[key] = inner.map((item, index) =>
        isObj(item) ? fitValue(item, nested, fields, `${at}[${index}]`, dropped) : item,
      );
    } else if (nested && isObj(inner)) {
      out[key] = fitValue(inner, nested, fields, at, dropped);
    } else {
      out[key] = inner;
    }
  }
  return out;
}

/** One object fitted to an importer; `dropped` names each field left out. */
export function fitObject(
  path: string,
  value: Obj,
  fields: ImportFields,
): { value: Obj; dropped: DroppedField[] } {
  const place = objectPlaceOf(path);
  if (!place || !(place in fields)) return { value, dropped: [] };
  const found: Array<{ field: string; lost: boolean }> = [];
  const fitted = fitValue(value, place, fields, '', found);
  const name = value[NAME_KEYS[place]];
  return {
    value: fitted,
    dropped: found.map((entry) => ({
      path,
      objectType: place,
      name: typeof name === 'string' ? name : null,
      ...entry,
    })),
  };
}

/** Every object file of a bundle (either layout) fitted; files that need nothing left out are kept as they are. */
export function fitFiles(
  files: BundleFiles,
  fields: ImportFields,
): { files: BundleFiles; dropped: DroppedField[] } {
  const out: BundleFiles = new Map();
  const dropped: DroppedField[] = [];
  for (const [path, text] of files) {
    if (!objectPlaceOf(path) || !path.endsWith('.yaml')) {
      out.set(path, text);
      continue;
    }
    const fitted = fitObject(path, fromYaml(text, path), fields);
    out.set(path, fitted.dropped.length > 0 ? toYaml(fitted.value) : text);
    dropped.push(...fitted.dropped);
  }
  return { files: out, dropped };
}
