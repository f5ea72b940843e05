// What differs between two versions of a dashboard's tree, by object: which charts and datasets a branch switch
// must import, and whether the dashboard itself (layout, filters, the set of charts) changes.
import { objectsOf, type NormalizedTree } from '@superset-git/superset';

export interface BranchObjectChanges {
  /** dashboard.yaml differs, or charts/datasets come or go: the whole dashboard is imported. */
  whole: boolean;
  /** Charts and datasets present on both sides whose files differ, by uuid. */
  charts: string[];
  datasets: string[];
}

export function branchObjectChanges(from: NormalizedTree, to: NormalizedTree): BranchObjectChanges {
  const before = objectsOf(from);
  const after = objectsOf(to);
  const changes: BranchObjectChanges = { whole: false, charts: [], datasets: [] };
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
    if (!/^(charts|datasets|databases)\/|^dashboard\.yaml$/.test(path) && from.get(path) !== to.get(path))
      changes.whole = true;
  return changes;
}

/** Objects of `live` (a fresh export of some objects) whose content differs from the same object in `tree`. */
export function differingObjects(live: NormalizedTree, tree: NormalizedTree, uuids: string[]): string[] {
  const ours = objectsOf(tree);
  const theirs = objectsOf(live);
  return uuids.filter((uuid) => theirs.has(uuid) && theirs.get(uuid)!.text !== ours.get(uuid)?.text);
}
