// Fields that some Superset releases export and others do not, with the value that means "nothing set": they are
// left out of the normalized tree when they hold that value, so the same dashboard gives the same files from 4.1,
// 5.0, 6.0 and 6.1, and a round trip through another release adds nothing. Each importer takes the missing
// field as this same default.
import type { Json } from './yaml-text.ts';

type Obj = { [key: string]: Json };
const isObj = (value: Json | undefined): value is Obj =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/** Top-level fields by object type, and the value a release that does not export them stands for. */
const DEFAULTS: Record<string, Record<string, Json>> = {
  // 6.0+: dashboard themes.
  dashboard: { theme_uuid: null },
  // 6.0+ folders; 6.1 currency code column.
  dataset: { folders: null, currency_code_column: null },
  // 5.0+ impersonation; 6.1 the form the connection was made with.
  database: { impersonate_user: false, configuration_method: 'sqlalchemy_form' },
};

/** 6.1 dataset columns: the date format; an import there turns a missing `is_active` into true. */
const COLUMN_DEFAULTS: Record<string, Json> = { datetime_format: null };

function dropDefaults(value: Obj, defaults: Record<string, Json>): void {
  for (const [key, fallback] of Object.entries(defaults))
    if (key in value && value[key] === fallback) delete value[key];
}

/** A copy of an object's parsed file without the fields that only carry a release's default. */
export function withoutReleaseDefaults(
  type: 'dashboard' | 'chart' | 'dataset' | 'database',
  value: Obj,
): Obj {
  const out: Obj = structuredClone(value);
  const defaults = DEFAULTS[type];
  if (defaults) dropDefaults(out, defaults);
  if (type === 'dataset' && Array.isArray(out.columns)) {
    for (const column of out.columns) {
      if (!isObj(column)) continue;
      dropDefaults(column, COLUMN_DEFAULTS);
      // Superset treats an unset column as active; 6.1's import writes it as true.
      if (column.is_active === null) column.is_active = true;
    }
  }
  if (type === 'dashboard' && isObj(out.metadata) && out.metadata.default_filters === '{}')
    delete out.metadata.default_filters;
  return out;
}
