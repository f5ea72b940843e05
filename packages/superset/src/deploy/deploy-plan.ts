// The deploy plan: what importing a bundle would do to the target, object by object, found by comparing the
// normalized bundle with the target's current normalized export (by uuid, not by file name).
import type { ObjectType, PlanAction, PlanItem } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf, type TreeObject } from '../repo-layout/tree-objects.ts';

const ORDER: ObjectType[] = ['database', 'dataset', 'chart', 'dashboard', 'other'];

/**
 * Databases are never overwritten by a deploy (their connection belongs to the target), so an existing one is
 * `unchanged`; charts the target's dashboard has and the bundle does not are `delete-on-target`.
 */
export function planObjects(
  bundle: NormalizedTree,
  target: NormalizedTree | null,
  /** Databases and datasets the target has, whichever dashboards use them. */
  onTarget: { databases: Set<string>; datasets: Set<string> } = { databases: new Set(), datasets: new Set() },
): PlanItem[] {
  const ours = objectsOf(bundle);
  const theirs = target ? objectsOf(target) : new Map<string, TreeObject>();
  const items: PlanItem[] = [];
  for (const object of ours.values()) {
    const existing = theirs.get(object.uuid);
    let action: PlanAction = 'create';
    if (object.type === 'database')
      action = existing || onTarget.databases.has(object.uuid) ? 'unchanged' : 'create';
    else if (existing) action = existing.text === object.text ? 'unchanged' : 'update';
    // A dataset another dashboard uses on the target: it will be overwritten with this version.
    else if (object.type === 'dataset' && onTarget.datasets.has(object.uuid)) action = 'update';
    items.push({ objectType: object.type, uuid: object.uuid, name: object.name, action, path: object.path });
  }
  for (const object of theirs.values()) {
    if (object.type === 'chart' && !ours.has(object.uuid)) {
      items.push({
        objectType: 'chart',
        uuid: object.uuid,
        name: object.name,
        action: 'delete-on-target',
        path: object.path,
      });
    }
  }
  return items.sort(
    (a, b) =>
      ORDER.indexOf(a.objectType) - ORDER.indexOf(b.objectType) || (a.name ?? '').localeCompare(b.name ?? ''),
  );
}
