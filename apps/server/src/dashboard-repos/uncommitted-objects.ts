// Uncommitted changes in words people know: "chart 'Units sold', dataset 'orders' and 3 more", for refusals that
// would otherwise say only "4 uncommitted change(s)".
import type { StatusFile } from '@superset-git/contracts';
import type { Repo } from '@superset-git/git';
import { objectNameOf, objectTypeOfPath } from '@superset-git/superset';
import { workTreeText } from '../dashboard-history/change-meaning.ts';

const NAMED = 3;

export function uncommittedObjects(repo: Repo, files: StatusFile[]): string {
  const names = files.slice(0, NAMED).map((file) => {
    const type = objectTypeOfPath(file.path);
    const name = objectNameOf(file.path, workTreeText(repo, file.path));
    return type === 'other' || !name ? file.path : `${type} '${name}'`;
  });
  const more = files.length - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}
