// Grouping a dashboard repository's files by the Superset object they hold, in the order users think of them.
import type { ObjectChange } from '$lib/api/types';

type ObjectType = ObjectChange['objectType'];
export const OBJECT_ORDER: ObjectType[] = ['dashboard', 'chart', 'dataset', 'database', 'other'];

export function groupByObject<T extends { objectType: ObjectType }>(items: T[]): [ObjectType, T[]][] {
  return OBJECT_ORDER.map(
    (type) => [type, items.filter((item) => item.objectType === type)] as [ObjectType, T[]],
  ).filter(([, list]) => list.length > 0);
}

/** The object a repository path holds, from its folder (as the server's repository layout names them). */
export function objectTypeOfPath(path: string): ObjectType {
  if (path === 'dashboard.yaml') return 'dashboard';
  const folder = path.slice(0, path.indexOf('/'));
  return folder === 'charts'
    ? 'chart'
    : folder === 'datasets'
      ? 'dataset'
      : folder === 'databases'
        ? 'database'
        : 'other';
}

const NAME_KEY: Partial<Record<ObjectType, string>> = {
  dashboard: 'dashboard_title',
  chart: 'slice_name',
  dataset: 'table_name',
  database: 'database_name',
};

/**
 * An object's name read from its YAML text, for files the server could not name (a conflicted file does not
 * parse as YAML while it holds conflict markers, so one side's text is read instead). Top-level key only.
 */
export function objectNameOf(path: string, text: string | null): string | null {
  const key = NAME_KEY[objectTypeOfPath(path)];
  if (!key || !text) return null;
  const value = new RegExp(`^${key}:[ \\t]*(.+)$`, 'm').exec(text)?.[1]?.trim();
  if (!value) return null;
  return /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
}
