// What differs between two versions of a dashboard's tree, by object: which charts and datasets a switch, pull
// or restore must import, whether the dashboard itself (layout, filters, the set of charts) changes, and the
// objects by name for a comparison of two branches.
import type { ObjectDifference, ObjectType } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf } from './tree-objects.ts';
import { objectTypeOfPath } from './repo-paths.ts';
import { summarizeChange } from '../semantic/change-summary.ts';
import { treeNames } from '../semantic/names.ts';

export interface ObjectChanges {
  /** dashboard.yaml differs, or charts/datasets come or go: the whole dashboard is imported. */
  whole: boolean;
  /** Charts and datasets present on both sides whose files differ, by uuid. */
  charts: string[];
  datasets: string[];
}

export function objectChanges(from: NormalizedTree, to: NormalizedTree): ObjectChanges {
  const before = objectsOf(from);
  const after = objectsOf(to);
  const changes: ObjectChanges = { whole: false, charts: [], datasets: [] };
  for (const uuid of new Set([...before.keys(), ...after.keys()])) {
    const [a, b] = [before.get(uuid), after.get(uuid)];
    if (a?.text === b?.text) continue;
    if (!a || !b || a.type === 'dashboard') changes.whole = true;
    else if (a.type === 'chart') changes.charts.push(uuid);
    else if (a.type === 'dataset') changes.datasets.push(uuid);
    // Databases are never overwritten by an import: their connection belongs to the instance.
  }
  // Files that are not objects (metadata, other/) changing: import everything to be safe.
  for (const path of new Set([...from.keys(), ...to.keys()]))
    if (objectTypeOfPath(path) === 'other' && from.get(path) !== to.get(path)) changes.whole = true;
  return changes;
}

/** Objects of `live` (a fresh export of some objects) whose content differs from the same object in `tree`. */
export function differingObjects(live: NormalizedTree, tree: NormalizedTree, uuids: string[]): string[] {
  const ours = objectsOf(tree);
  const theirs = objectsOf(live);
  return uuids.filter((uuid) => theirs.has(uuid) && theirs.get(uuid)!.text !== ours.get(uuid)?.text);
}

const TYPE_ORDER: Record<ObjectType, number> = { dashboard: 0, chart: 1, dataset: 2, database: 3, other: 4 };

/**
 * Every object added, changed or removed between two trees, by name (what a person compares branches by),
 * matched by uuid whatever their files are called; files that are no object are listed by path.
 */
export function objectDifferences(from: NormalizedTree, to: NormalizedTree): ObjectDifference[] {
  const before = objectsOf(from);
  const after = objectsOf(to);
  const differences: ObjectDifference[] = [];
  const names = treeNames(from, to);
  for (const uuid of new Set([...before.keys(), ...after.keys()])) {
    const [a, b] = [before.get(uuid), after.get(uuid)];
    if (a?.text === b?.text) continue;
    const object = (b ?? a)!;
    differences.push({
      type: object.type,
      uuid,
      name: object.name ?? object.path,
      change: !a ? 'added' : !b ? 'removed' : 'changed',
      basePath: a?.path ?? null,
      headPath: b?.path ?? null,
      summary: a && b ? summarizeChange(b.path, a.text, b.text, names) : [],
    });
  }
  for (const path of new Set([...from.keys(), ...to.keys()])) {
    if (objectTypeOfPath(path) !== 'other' || from.get(path) === to.get(path)) continue;
    const change = !from.has(path) ? 'added' : !to.has(path) ? 'removed' : 'changed';
    differences.push({
      type: 'other',
      uuid: null,
      name: path,
      change,
      basePath: from.has(path) ? path : null,
      headPath: to.has(path) ? path : null,
      summary: [],
    });
  }
  return differences.sort((x, y) => TYPE_ORDER[x.type] - TYPE_ORDER[y.type] || x.name.localeCompare(y.name));
}
