// What a file of a normalized bundle holds: its object type by folder, and the object's name from its YAML.
import type { ObjectType } from '@superset-git/contracts';
import { fromYaml } from './yaml-text.ts';

export const NAME_KEY: Record<Exclude<ObjectType, 'other'>, string> = {
  dashboard: 'dashboard_title',
  chart: 'slice_name',
  dataset: 'table_name',
  database: 'database_name',
};

export function objectTypeOfPath(path: string): ObjectType {
  if (path === 'dashboard.yaml') return 'dashboard';
  if (path.startsWith('charts/')) return 'chart';
  if (path.startsWith('datasets/')) return 'dataset';
  if (path.startsWith('databases/')) return 'database';
  return 'other';
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
