// What a kept branch holds, object by object: which charts, datasets and dashboard differ between two trees,
// named as people know them, keyed by uuid so a renamed chart is one change and not two files.
import type { HeldObject } from '@superset-git/contracts';
import { objectsOf, objectTypeOfPath, type NormalizedTree } from '@superset-git/superset';

export interface HeldChange extends HeldObject {
  /** The object's uuid, or the path of a file that is not an object. */
  key: string;
  /** Its text after the change; undefined when deleted. */
  after: string | undefined;
}

export function heldObjects(from: NormalizedTree, to: NormalizedTree): HeldChange[] {
  const [before, after] = [objectsOf(from), objectsOf(to)];
  const changes: HeldChange[] = [];
  for (const uuid of new Set([...before.keys(), ...after.keys()])) {
    const [a, b] = [before.get(uuid), after.get(uuid)];
    if (a?.text === b?.text) continue;
    const object = (b ?? a)!;
    changes.push({
      key: uuid,
      path: object.path,
      objectType: object.type,
      objectName: object.name,
      change: !a ? 'added' : !b ? 'deleted' : 'modified',
      after: b?.text,
    });
  }
  for (const path of new Set([...from.keys(), ...to.keys()])) {
    if (objectTypeOfPath(path) !== 'other' || from.get(path) === to.get(path)) continue;
    const change = !from.has(path) ? 'added' : !to.has(path) ? 'deleted' : 'modified';
    changes.push({ key: path, path, objectType: 'other', objectName: null, change, after: to.get(path) });
  }
  return changes.sort((x, y) => x.path.localeCompare(y.path));
}

/** "chart 'Units sold', dataset 'orders' and metadata.yaml": objects named for messages. */
export function namedObjects(objects: HeldObject[]): string {
  const names = objects.map((object) =>
    object.objectName ? `${object.objectType} '${object.objectName}'` : object.path,
  );
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** Without the keys and texts the comparison needs: what the API shows. */
export const shown = ({ path, objectType, objectName, change }: HeldObject): HeldObject => ({
  path,
  objectType,
  objectName,
  change,
});
