// YAML as superset-git writes it: keys sorted at every level, no line folding (a one-word edit is a one-line
// diff), so the same content is always the same bytes.
import { dump, DUMP_SCHEMA, load, YAML11_SCHEMA } from 'js-yaml';
import { BundleError } from './bundle-error.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function toYaml(value: Json): string {
  // Strings that any YAML 1.1 or 1.2 reader (Superset's PyYAML is 1.1) would take for something else, such as
  // `no`, `on` or an ISO date, are quoted, so they come back as strings and not as booleans or datetimes.
  return dump(value, { schema: DUMP_SCHEMA, sortKeys: true, lineWidth: -1, noRefs: true, indent: 2 });
}

/** More values than any dashboard file holds (the largest seeded chart has a few thousand). */
const MAX_YAML_VALUES = 1_000_000;

/**
 * Counts the values a document holds once its aliases are expanded, stopping at the limit: aliases of aliases
 * (a "billion laughs" file of a few hundred bytes) parse into shared objects cheaply, but anything that walks or
 * writes them would expand them all and exhaust memory.
 */
function assertBoundedExpansion(value: unknown, file: string): void {
  const pending: unknown[] = [value];
  let count = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    count += 1;
    if (count > MAX_YAML_VALUES)
      throw new BundleError(
        `the YAML expands to more than ${MAX_YAML_VALUES.toLocaleString('en')} values through its aliases; refused`,
        file,
      );
    if (next && typeof next === 'object') pending.push(...(Array.isArray(next) ? next : Object.values(next)));
  }
}

/** Read as YAML 1.1, like Superset's PyYAML; aliases are capped so a hostile file cannot expand without bound. */
export function fromYaml(text: string, file = '(yaml)'): Record<string, Json> {
  let value: unknown;
  try {
    value = load(text, { schema: YAML11_SCHEMA, maxAliases: 100, filename: file });
  } catch (error) {
    throw new BundleError(`invalid YAML (${(error as Error).message.split('\n')[0]})`, file);
  }
  assertBoundedExpansion(value, file);
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new BundleError('expected a YAML mapping', file);
  return value as Record<string, Json>;
}

/** Lower-case words joined by '-', for file names that stay the same across exports and instances. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'unnamed';
}
