// Bringing a dashboard's Superset up to date with a tree of its repository after the repository moved (a switch,
// a pull, a merge, a restore): only the charts and datasets that differ are imported, or the whole dashboard
// when its layout or set of charts changes; and finding out first whether Superset holds edits an import would
// overwrite.
import { denormalizeTree, type DenormalizedBundle } from '../bundle/bundle-denormalize.ts';
import type { NormalizedTree } from '../bundle/bundle-normalize.ts';
import { importDashboardBundle } from '../dashboard-bundle-api.ts';
import { exportObjects, importObjects } from '../object-bundle-api.ts';
import type { SupersetClient } from '../superset-client.ts';
import { METADATA_FILE } from './repo-paths.ts';
import { differingObjects, type ObjectChanges } from './tree-changes.ts';

/** Whether Superset's current charts and datasets that an import would overwrite differ from `current`. */
export async function supersetEdited(
  client: SupersetClient,
  current: NormalizedTree,
  changes: ObjectChanges,
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
  changes: ObjectChanges,
  bundle: DenormalizedBundle = denormalizeTree(target),
): Promise<number> {
  if (changes.whole) {
    await importDashboardBundle(client, bundle.files, { sources: bundle.sources });
    return [...target.keys()].filter((path) => path !== METADATA_FILE).length;
  }
  await importObjects(client, 'dataset', bundle.files, changes.datasets);
  await importObjects(client, 'chart', bundle.files, changes.charts);
  return changes.datasets.length + changes.charts.length;
}
