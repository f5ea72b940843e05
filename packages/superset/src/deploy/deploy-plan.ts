// The deploy plan: what importing a bundle would do to the target, object by object, found by comparing the
// normalized bundle with the target's current normalized export (by uuid, not by file name).
import type { ObjectType, PlanAction, PlanItem } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf, type TreeObject } from '../repo-layout/tree-objects.ts';
import { treeNames } from '../semantic/names.ts';
import { objectDiff } from './object-diff.ts';

const ORDER: ObjectType[] = ['database', 'dataset', 'chart', 'dashboard', 'other'];

/**
 * Databases are never overwritten by a deploy (their connection belongs to the target), so an existing one is
 * `unchanged`; charts the target's dashboard has and the bundle does not are `delete-on-target`. An updated or
 * deleted object carries what changes inside it; an unchanged or new one does not (the plan stays small).
 */
export function planObjects(
  bundle: NormalizedTree,
  target: NormalizedTree | null,
  /** Databases and datasets the target has, whichever dashboards use them. */
  onTarget: { databases: Set<string>; datasets: Set<string> } = { databases: new Set(), datasets: new Set() },
  /** The target's own export of datasets other dashboards use there (they are overwritten too). */
  shared: NormalizedTree = new Map(),
): PlanItem[] {
  const ours = objectsOf(bundle);
  const theirs = target ? objectsOf(target) : new Map<string, TreeObject>();
  const others = objectsOf(shared);
  const items: PlanItem[] = [];
  const none = { changes: [], before: null, after: null };
  const names = treeNames(shared, target, bundle);
  for (const object of ours.values()) {
    const existing =
      theirs.get(object.uuid) ?? (object.type === 'dataset' ? others.get(object.uuid) : undefined);
    let action: PlanAction = 'create';
    if (object.type === 'database')
      action = existing || onTarget.databases.has(object.uuid) ? 'unchanged' : 'create';
    else if (existing) action = existing.text === object.text ? 'unchanged' : 'update';
    // A dataset another dashboard uses on the target, whose export was not at hand: overwritten all the same.
    else if (object.type === 'dataset' && onTarget.datasets.has(object.uuid)) action = 'update';
    items.push({
      objectType: object.type,
      uuid: object.uuid,
      name: object.name,
      action,
      path: object.path,
      usedBy: [],
      ...(action === 'update' && existing ? objectDiff(existing, object, names) : none),
    });
  }
  for (const object of theirs.values()) {
    if (object.type === 'chart' && !ours.has(object.uuid)) {
      items.push({
        objectType: 'chart',
        uuid: object.uuid,
        name: object.name,
        action: 'delete-on-target',
        path: object.path,
        usedBy: [],
        ...objectDiff(object, undefined),
      });
    }
  }
  return items.sort(
    (a, b) =>
      ORDER.indexOf(a.objectType) - ORDER.indexOf(b.objectType) || (a.name ?? '').localeCompare(b.name ?? ''),
  );
}
