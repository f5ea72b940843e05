// The layout of a dashboard's repository, in one place: which path holds which object, the name an object's
// file gets, and which files superset-git owns. The folders are Superset's own bundle folders, so a bundle's
// object files and the repository's line up.
import type { ObjectType } from '@superset-git/contracts';
import { BundleError } from '../bundle/bundle-error.ts';
import { fromYaml, slugify } from '../bundle/yaml-text.ts';

export const METADATA_FILE = 'metadata.yaml';
export const DASHBOARD_FILE = 'dashboard.yaml';

export type FolderObjectType = Exclude<ObjectType, 'other' | 'dashboard'>;

/** The folder of each object type that is a file per object, in Superset's bundles and in the repository. */
export const OBJECT_FOLDER: Record<FolderObjectType, string> = {
  chart: 'charts',
  dataset: 'datasets',
  database: 'databases',
};

/** Everything else Superset's export holds (themes, tags, what later releases add), kept under other/. */
export const OTHER_FOLDER = 'other';

/** The YAML key holding each object's name. */
export const NAME_KEY: Record<Exclude<ObjectType, 'other'>, string> = {
  dashboard: 'dashboard_title',
  chart: 'slice_name',
  dataset: 'table_name',
  database: 'database_name',
};

const TYPE_OF_FOLDER = new Map(
  Object.entries(OBJECT_FOLDER).map(([type, folder]) => [folder, type as FolderObjectType]),
);

export function objectTypeOfPath(path: string): ObjectType {
  if (path === DASHBOARD_FILE) return 'dashboard';
  const slash = path.indexOf('/');
  return (slash > 0 && TYPE_OF_FOLDER.get(path.slice(0, slash))) || 'other';
}

/** Whether the path is a chart's, dataset's or database's file (in a bundle or the repository). */
export function isObjectFile(path: string, type?: FolderObjectType): boolean {
  const found = objectTypeOfPath(path);
  return found !== 'other' && found !== 'dashboard' && (!type || found === type) && path.endsWith('.yaml');
}

/** Files a sync owns: everything else in the repository (a README, CI files) is left alone. */
export function isManagedPath(path: string): boolean {
  return (
    path === METADATA_FILE ||
    path === DASHBOARD_FILE ||
    objectTypeOfPath(path) !== 'other' ||
    path.startsWith(`${OTHER_FOLDER}/`)
  );
}

/** An object's file: `charts/revenue-by-region--2d197a0b.yaml` (its name for people, its uuid for uniqueness). */
export function objectFileName(type: FolderObjectType, name: unknown, uuid: unknown): string {
  const slug = slugify(String(name ?? type));
  return `${OBJECT_FOLDER[type]}/${slug}--${String(uuid ?? '').slice(0, 8)}.yaml`;
}

const SHORT_UUID = /--([0-9a-f]{8})\.yaml$/;

/** What stays when an object is renamed: its folder and short uuid (`charts/2d197a0b`), or null. */
export function objectFileKey(path: string): string | null {
  const match = isObjectFile(path) ? path.match(SHORT_UUID) : null;
  return match ? `${path.slice(0, path.indexOf('/'))}/${match[1]}` : null;
}

/** The object's name as the file says, or null when the file is not an object's or does not parse. */
export function objectNameOf(path: string, text: string | null): string | null {
  const type = objectTypeOfPath(path);
  if (type === 'other' || text === null) return null;
  try {
    const name = fromYaml(text, path)[NAME_KEY[type]];
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/**
 * The files of the objects whose name holds `words` (case-insensitive): how history finds "Total revenue". A file
 * that does not parse (say, with conflict markers) is passed over, not an error.
 */
export function pathsOfObjectsNamed(tree: Map<string, string>, words: string): string[] {
  const wanted = words.trim().toLowerCase();
  return [...tree]
    .filter(([path, text]) => objectNameOf(path, text)?.toLowerCase().includes(wanted))
    .map(([path]) => path)
    .sort();
}

/** Refuses a tree path that would leave the repository or reach into .git. */
export function assertTreePath(path: string): string {
  const parts = path.split('/');
  if (
    !path ||
    path.startsWith('/') ||
    parts.includes('..') ||
    parts.some((part) => part.toLowerCase() === '.git')
  )
    throw new BundleError(`'${path}' is not a path inside the repository.`, path);
  return path;
}
