// What changes inside one object between two versions of its normalized YAML (the short lines and both texts),
// and which objects of two whole trees differ: the deploy plan's per-object diff and a target's drift.
import type { DriftDiffItem } from '@superset-git/contracts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { objectsOf, type TreeObject } from '../repo-layout/tree-objects.ts';
import { summarizeChange } from '../semantic/change-summary.ts';
import { treeNames, type NameLookup } from '../semantic/names.ts';

export interface ObjectDiff {
  changes: string[];
  before: string | null;
  after: string | null;
}

/** `before` is the target's version, `after` the other one; either may be missing. */
export function objectDiff(
  before: TreeObject | undefined,
  after: TreeObject | undefined,
  names?: NameLookup,
): ObjectDiff {
  const path = after?.path ?? before?.path ?? '';
  return {
    changes: summarizeChange(path, before?.text ?? null, after?.text ?? null, names),
    before: before?.text ?? null,
    after: after?.text ?? null,
  };
}

export interface TreeDrift {
  items: DriftDiffItem[];
  /** Objects (databases aside) identical on both sides. */
  unchanged: number;
}

/**
 * Superset's import gives a dashboard that had no filters an empty `native_filter_configuration`: a dashboard
 * made empty (or through the API) and deployed as it was would otherwise show as drifted right away.
 */
const IMPORTED_NO_FILTERS = /^metadata:\n {2}native_filter_configuration: \[\]\n(?! )/m;

function sameAfterImport(
  type: TreeObject['type'],
  was: string | undefined,
  now: string | undefined,
): boolean {
  if (was === now) return true;
  if (type !== 'dashboard' || was === undefined || now === undefined) return false;
  return was.replace(IMPORTED_NO_FILTERS, '') === now.replace(IMPORTED_NO_FILTERS, '');
}

/**
 * The objects that differ between a version of the repository (what was deployed, or any ref) and what the target
 * holds now (before: the ref's, after: the target's). Databases are left out: a deploy never overwrites the
 * target's connection, so they differ by design.
 */
export function treeDrift(deployed: NormalizedTree, current: NormalizedTree): TreeDrift {
  const ours = objectsOf(deployed);
  const theirs = objectsOf(current);
  const items: DriftDiffItem[] = [];
  const names = treeNames(deployed, current);
  let unchanged = 0;
  for (const uuid of new Set([...ours.keys(), ...theirs.keys()])) {
    const was = ours.get(uuid);
    const now = theirs.get(uuid);
    const object = (now ?? was)!;
    if (object.type === 'database') continue;
    if (sameAfterImport(object.type, was?.text, now?.text)) {
      unchanged += 1;
      continue;
    }
    items.push({
      objectType: object.type,
      uuid,
      name: object.name,
      kind: !was ? 'missing' : !now ? 'new' : 'different',
      ...objectDiff(was, now, names),
    });
  }
  return { items: items.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')), unchanged };
}
