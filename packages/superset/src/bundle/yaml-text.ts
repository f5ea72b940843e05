// YAML as superset-git writes it: keys sorted at every level, no line folding (a one-word edit is a one-line
// diff), so the same content is always the same bytes.
import { parse, stringify } from 'yaml';
import { BundleError } from './bundle-error.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key]!)]),
    );
  }
  return value;
}

export function toYaml(value: Json): string {
  // YAML 1.1 is what Superset's PyYAML speaks: strings such as `no`, `on` or an ISO date get quoted, so they
  // come back as strings and not as booleans or datetimes.
  return stringify(sortKeys(value), { lineWidth: 0, indent: 2, version: '1.1' });
}

export function fromYaml(text: string, file = '(yaml)'): Record<string, Json> {
  let value: unknown;
  try {
    value = parse(text, { version: '1.1' });
  } catch (error) {
    throw new BundleError(`invalid YAML (${(error as Error).message.split('\n')[0]})`, file);
  }
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
