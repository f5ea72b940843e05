// Superset's import errors, told per object: which file (by the path the person knows: the repository's or the
// export folder's, not the bundle's) and each field's message, nested fields flattened.
import { fromYaml } from './bundle/yaml-text.ts';
import type { BundleFiles } from './bundle/bundle-zip.ts';
import { SupersetError } from './superset-error.ts';

const NAME_KEYS = ['slice_name', 'dashboard_title', 'table_name', 'database_name'];

/** "chart 'Revenue' (charts/revenue--2d197a0b.yaml)" for a bundle path Superset named in an error. */
function objectLabel(files: BundleFiles, path: string, sources: ReadonlyMap<string, string>): string {
  let name: unknown;
  try {
    const value = fromYaml(files.get(path) ?? '{}', path);
    name = NAME_KEYS.map((key) => value[key]).find((candidate) => typeof candidate === 'string');
  } catch {
    name = undefined;
  }
  const shown = sources.get(path) ?? path;
  const kind = path
    .split('/')[0]!
    .replace(/\.yaml$/, '')
    .replace(/s$/, '');
  return typeof name === 'string' ? `${kind} '${name}' (${shown})` : shown;
}

/**
 * `{"columns": {"3": {"datetime_format": ["Unknown field."]}}}` → `columns[3].datetime_format: Unknown field.`;
 * marshmallow nests messages by field, and list items by their index.
 */
export function flattenProblems(value: unknown, at = ''): string[] {
  if (typeof value === 'string') return [at ? `${at}: ${value}` : value];
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return [`${at ? `${at}: ` : ''}${value.join(' ')}`];
    return value.flatMap((item) => flattenProblems(item, at));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      flattenProblems(inner, /^\d+$/.test(key) ? `${at}[${key}]` : at ? `${at}.${key}` : key),
    );
  }
  return [at ? `${at}: ${String(value)}` : String(value)];
}

function problemText(detail: string): string {
  try {
    return flattenProblems(JSON.parse(detail)).join('; ');
  } catch {
    return detail; // Not JSON: Superset's own words.
  }
}

/** Superset's import errors come keyed by bundle path: they are told by object name and known path instead. */
export function byObjectName(
  error: unknown,
  kind: string,
  files: BundleFiles,
  sources: ReadonlyMap<string, string> = new Map(),
): unknown {
  if (!(error instanceof SupersetError) || !error.details) return error;
  const problems = Object.entries(error.details).map(
    ([path, detail]) => `${objectLabel(files, path, sources)}: ${problemText(detail)}`,
  );
  const text = problems.join('; ').replace(/\.$/, '');
  return new SupersetError(error.code, `Superset refused to import the ${kind}s: ${text}.`, {
    status: error.status,
    details: Object.fromEntries(
      Object.entries(error.details).map(([path, detail]) => [sources.get(path) ?? path, detail]),
    ),
    cause: error,
  });
}
