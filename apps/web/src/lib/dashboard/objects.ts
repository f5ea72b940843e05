// Grouping a dashboard repository's files by the Superset object they hold, in the order users think of them.
import type { ObjectChange } from '$lib/api/types';

type ObjectType = ObjectChange['objectType'];
export const OBJECT_ORDER: ObjectType[] = ['dashboard', 'chart', 'dataset', 'database', 'other'];

export function groupByObject<T extends { objectType: ObjectType }>(items: T[]): [ObjectType, T[]][] {
  return OBJECT_ORDER.map(
    (type) => [type, items.filter((item) => item.objectType === type)] as [ObjectType, T[]],
  ).filter(([, list]) => list.length > 0);
}
