// Bringing a dashboard's Superset up to date with its repository after the repository moved (a branch
// switch, a pull, a merge): only the charts and datasets that differ are imported, or the whole dashboard when
// its layout or set of charts changes; and finding out first whether Superset holds edits an import would
// overwrite.
import { filesAtRef, type Repo } from '@superset-git/git';
import {
  denormalizeTree,
  exportObjects,
  importDashboardBundle,
  importObjects,
  type DenormalizedBundle,
  type NormalizedTree,
  type SupersetClient,
} from '@superset-git/superset';
import { differingObjects, type BranchObjectChanges } from './branch-objects.ts';
import { isManagedPath } from './repo-objects.ts';

/** The dashboard's files at a ref, as text. */
export async function treeAt(repo: Repo, ref: string): Promise<NormalizedTree> {
  const { files } = await filesAtRef(repo, { ref, keep: isManagedPath });
  return new Map([...files].map(([path, bytes]) => [path, bytes.toString('utf8')]));
}

/** Whether Superset's current charts and datasets that an import would overwrite differ from `current`. */
export async function supersetEdited(
  client: SupersetClient,
  current: NormalizedTree,
  changes: BranchObjectChanges,
): Promise<boolean> {
  const [charts, datasets] = await Promise.all([
    exportObjects(client, 'chart', changes.charts),
    exportObjects(client, 'dataset', changes.datasets),
  ]);
  return (
    differingObjects(charts, current, changes.charts).length > 0 ||
    differingObjects(datasets, current, changes.datasets).length > 0
  );
}

/** Imports `target` (as `bundle`, its denormalized files) as far as `changes` says; answers how many objects. */
export async function importChanges(
  client: SupersetClient,
  target: NormalizedTree,
  changes: BranchObjectChanges,
  bundle: DenormalizedBundle = denormalizeTree(target),
): Promise<number> {
  if (changes.whole) {
    await importDashboardBundle(client, bundle.files, { sources: bundle.sources });
    return [...target.keys()].filter((path) => path !== 'metadata.yaml').length;
  }
  await importObjects(client, 'dataset', bundle.files, changes.datasets);
  await importObjects(client, 'chart', bundle.files, changes.charts);
  return changes.datasets.length + changes.charts.length;
}
