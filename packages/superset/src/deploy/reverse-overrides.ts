// What an environment holds, turned back into the repository's terms before it is committed ("adopt"): the
// repository's database connections rather than the environment's, and the dataset schema, dashboard slug and
// title the deploy settings replaced put back where the environment still has the replacement; what cannot be
// put back is said in words.
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { fromYaml, toYaml, type Json } from '../bundle/yaml-text.ts';
import { objectsOf } from '../repo-layout/tree-objects.ts';
import type { DeployOverrides } from './deploy-overrides.ts';

export interface ReversedTree {
  tree: NormalizedTree;
  /** Sentences naming what kept the environment's value. */
  notReversed: string[];
}

/**
 * `target` is the environment's normalized export, `base` the repository's version it was deployed from. Files keep
 * the base's names for objects it has, so the commit shows edits rather than renames.
 */
export function reverseOverrides(
  target: NormalizedTree,
  base: NormalizedTree,
  overrides: DeployOverrides,
): ReversedTree {
  const ours = objectsOf(base);
  const theirs = objectsOf(target);
  const pathOf = new Map([...theirs.values()].map((object) => [object.path, object]));
  const tree: NormalizedTree = new Map();
  const notReversed: string[] = [];
  for (const [file, text] of target) {
    const object = pathOf.get(file);
    const was = object ? ours.get(object.uuid) : undefined;
    if (!object) {
      tree.set(file, text);
      continue;
    }
    if (object.type === 'database') {
      if (was) tree.set(was.path, was.text);
      else {
        tree.set(file, text);
        notReversed.push(
          `Database '${object.name ?? object.uuid}' is only on the environment: its connection is kept as the environment has it.`,
        );
      }
      continue;
    }
    const value = fromYaml(text, file);
    const put = (field: string, override: string | null, what: string) => {
      if (!override || value[field] !== override) return;
      const before = was?.value[field];
      if (was && before !== undefined) value[field] = before as Json;
      else
        notReversed.push(
          `${what} of '${object.name ?? object.uuid}' keeps the environment's '${override}': the repository has no value to put back.`,
        );
    };
    if (object.type === 'dataset') put('schema', overrides.datasetSchema, 'The schema');
    if (object.type === 'dashboard') {
      put('slug', overrides.dashboardSlug, 'The slug');
      put('dashboard_title', overrides.dashboardTitle, 'The title');
    }
    tree.set(was?.path ?? file, toYaml(value));
  }
  return { tree, notReversed };
}
