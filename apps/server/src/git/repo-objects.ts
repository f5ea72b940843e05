// What a file of a dashboard repository holds: its object type by folder, its name from its YAML.
import type { ObjectType } from '@superset-git/contracts';
import { parseBundleYaml } from '@superset-git/superset';

const NAME_KEY: Record<Exclude<ObjectType, 'other'>, string> = {
  dashboard: 'dashboard_title',
  chart: 'slice_name',
  dataset: 'table_name',
  database: 'database_name',
};

export function objectTypeOf(path: string): ObjectType {
  if (path === 'dashboard.yaml') return 'dashboard';
  if (path.startsWith('charts/')) return 'chart';
  if (path.startsWith('datasets/')) return 'dataset';
  if (path.startsWith('databases/')) return 'database';
  return 'other';
}

/** The object's name as the file says, or null when the file is not one of ours or does not parse. */
export function objectNameOf(path: string, text: string | null): string | null {
  const type = objectTypeOf(path);
  if (type === 'other' || text === null) return null;
  try {
    const name = parseBundleYaml(text, path)[NAME_KEY[type]];
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** Files a sync owns: everything else in the repository (a README, CI files) is left alone. */
export function isManagedPath(path: string): boolean {
  return (
    path === 'metadata.yaml' || path === 'dashboard.yaml' || /^(charts|datasets|databases|other)\//.test(path)
  );
}
