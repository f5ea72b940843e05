// What differs between two trees, object by object and by name: added, changed or removed charts, datasets,
// databases and the dashboard itself. What a pull request's description lists, so a reviewer reads names, not paths.
import type { ObjectType } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectChanges } from './tree-changes.ts';
import { objectsOf } from './tree-objects.ts';

export interface NamedObjectChange {
  type: Exclude<ObjectType, 'other'>;
  change: 'added' | 'changed' | 'removed';
  uuid: string;
  /** The object's name in Superset (chart name, table name…); its uuid when it has none. */
  name: string;
}

export function namedObjectChanges(from: NormalizedTree, to: NormalizedTree): NamedObjectChange[] {
  const before = objectsOf(from);
  const after = objectsOf(to);
  const { charts, datasets } = objectChanges(from, to);
  const changed = new Set([...charts, ...datasets]);
  const result: NamedObjectChange[] = [];
  for (const uuid of new Set([...before.keys(), ...after.keys()])) {
    const [a, b] = [before.get(uuid), after.get(uuid)];
    const object = (b ?? a)!;
    if (object.type === 'other') continue;
    let change: NamedObjectChange['change'] | null = null;
    if (!a) change = 'added';
    else if (!b) change = 'removed';
    // objectChanges says which charts and datasets differ; the dashboard and databases are compared here alike.
    else if (changed.has(uuid) || (a.type !== 'chart' && a.type !== 'dataset' && a.text !== b.text))
      change = 'changed';
    if (change) result.push({ type: object.type, change, uuid, name: object.name ?? uuid });
  }
  return result.sort((x, y) => x.name.localeCompare(y.name));
}
