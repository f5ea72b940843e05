// What a branch comparison says in a sentence: the objects it changes, named the way people know them.
import type { BranchComparison } from '$lib/api/types';

const NAMED = 3;

/** "chart 'Units sold', dataset 'orders' and 2 more"; empty when no object differs. */
export function namedObjects(objects: BranchComparison['objects']): string {
  const names = objects
    .slice(0, NAMED)
    .map((object) => (object.type === 'other' ? object.name : `${object.type} '${object.name}'`));
  const more = objects.length - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}
