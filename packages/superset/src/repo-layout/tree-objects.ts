// A normalized tree's objects by uuid (the dashboard, charts, datasets, databases), each with its file, name and
// parsed content: how plans, switches and drift compare two trees object by object, whatever the file names.
import type { ObjectType } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { fromYaml } from '../bundle/yaml-text.ts';
import { NAME_KEY, objectTypeOfPath } from './repo-paths.ts';

export interface TreeObject {
  path: string;
  type: ObjectType;
  uuid: string;
  name: string | null;
  text: string;
  value: Record<string, unknown>;
}

/** Parsed once per tree: a plan looks at the same trees several times. Trees are not changed once made. */
const parsedTrees = new WeakMap<NormalizedTree, Map<string, TreeObject>>();

export function objectsOf(tree: NormalizedTree): Map<string, TreeObject> {
  const cached = parsedTrees.get(tree);
  if (cached) return cached;
  const objects = new Map<string, TreeObject>();
  for (const [path, text] of tree) {
    const type = objectTypeOfPath(path);
    if (type === 'other') continue;
    const value = fromYaml(text, path);
    if (typeof value.uuid !== 'string') continue;
    const name = value[NAME_KEY[type]];
    objects.set(value.uuid, {
      path,
      type,
      uuid: value.uuid,
      name: typeof name === 'string' ? name : null,
      text,
      value,
    });
  }
  parsedTrees.set(tree, objects);
  return objects;
}
