// Deploying a normalized tree into one Superset: the plan against what the target has, then the import with a
// snapshot kept first and put back when the import fails. The server and the standalone CLI both deploy this way.
import type { PlanAction, PlanItem } from '@superset-git/contracts';
import { denormalizeTree } from '../bundle/bundle-denormalize.ts';
import { normalizeBundle, type NormalizedTree } from '../bundle/bundle-normalize.ts';
import { fromYaml } from '../bundle/yaml-text.ts';
import { readBundle } from '../bundle/bundle-zip.ts';
import { exportDashboardBundle, importDashboardBundle } from '../dashboard-bundle-api.ts';
import { exportObjects } from '../object-bundle-api.ts';
import { nullWhenMissing } from '../superset-error.ts';
import type { SupersetClient } from '../superset-client.ts';
import { databaseProblems, datasetProblems, type DeployProblem } from './deploy-checks.ts';
import { planObjects } from './deploy-plan.ts';
import { objectsOf } from '../repo-layout/tree-objects.ts';
import { listDatabases, listDatasets, type TargetDatabase, type TargetDataset } from './target-api.ts';
import { deleteUnusedCharts, removeCreated, type CleanupLog } from './target-cleanup.ts';
import { onceTargetAnswers } from './target-outage.ts';
import { supersetRelease } from '../identity-api.ts';
import { dashboardIdOrNull, findDashboard } from '../dashboards-api.ts';
import { fitTreeToRelease } from './release-warnings.ts';
import { filterDatasetsOutside, referenceProblems } from './deploy-references.ts';
import { otherDashboardsUsing } from './target-usage.ts';
import { newerOnTarget, type NewerSince } from './target-newer.ts';
import { freeName } from './deploy-checks.ts';
import { lookupIds } from '../object-ids.ts';

export interface TargetPlan {
  /** The dashboard's uuid, from the tree's dashboard.yaml (null when the tree has none). */
  dashboardUuid: string | null;
  items: PlanItem[];
  errors: DeployProblem[];
  warnings: DeployProblem[];
  /** The target's Superset version, when it tells it. */
  targetVersion: string | null;
  summary: Record<PlanAction, number>;
  /** How many updated or deleted objects other dashboards on the target use too. */
  shared: number;
}

export interface PlanOptions {
  /** The dashboard the tree must hold (the server knows it; the CLI takes whatever the tree holds). */
  expectedUuid?: string;
  /** Whether a password for this database will be sent with the import. */
  hasPassword: (databaseUuid: string) => boolean;
  /** What to say when the tree holds no dashboard (the server names the ref). */
  noDashboard?: string;
  /** The target's version of the expected dashboard, when the caller asked for it early (to overlap the wait). */
  target?: Promise<NormalizedTree | null>;
  /** Since when a change on the target to an object the deploy overwrites is news (null: never). */
  newerSince?: (item: PlanItem) => NewerSince | null;
  /** The target's name in messages. */
  targetName?: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The target's current version of a dashboard, normalized; null when it has none. */
export async function targetTree(client: SupersetClient, uuid: string): Promise<NormalizedTree | null> {
  const zip = await nullWhenMissing(exportDashboardBundle(client, uuid));
  return zip ? normalizeBundle(readBundle(zip).files) : null;
}

/**
 * What importing `tree` into the target would do, object by object, what stops it, and what the target's release
 * cannot hold. Compared with the target as the tree will be imported there (fitted to its release), so an
 * unchanged dashboard plans nothing on any release. Changes nothing.
 */
export async function planDeploy(
  client: SupersetClient,
  whole: NormalizedTree,
  options: PlanOptions,
): Promise<TargetPlan> {
  const errors: DeployProblem[] = [];
  const release = await supersetRelease(client);
  const { tree, warnings } = fitTreeToRelease(whole, release);
  const ours = objectsOf(tree);
  const dashboard = [...ours.values()].find((object) => object.type === 'dashboard');
  // The target is asked about the dashboard the deploy is for; a tree holding another is an error of its own.
  const uuid = options.expectedUuid ?? dashboard?.uuid ?? null;
  if (!dashboard)
    errors.push({ path: null, message: options.noDashboard ?? 'There is no dashboard.yaml to deploy.' });
  if (dashboard && options.expectedUuid && dashboard.uuid !== options.expectedUuid) {
    errors.push({
      path: 'dashboard.yaml',
      message: `The repository holds dashboard ${dashboard.uuid}, not ${options.expectedUuid}.`,
    });
  }
  const target = uuid && dashboard ? await (options.target ?? targetTree(client, uuid)) : null;
  const { databases, datasets } = await sharedObjects(client, ours, target);
  const slug = dashboard?.value.slug;
  // Slugs are unique on an instance: when the target's version of this dashboard has it, no other can.
  const targetFile = target?.get('dashboard.yaml');
  const targetSlug = targetFile ? fromYaml(targetFile, 'dashboard.yaml').slug : null;
  if (typeof slug === 'string' && slug && targetSlug !== slug) {
    const bySlug = await findDashboard(client, slug);
    if (bySlug && bySlug.uuid !== uuid) {
      const free = await freeSlug(client, slug);
      errors.push({
        path: 'dashboard.yaml',
        message: `The target already has another dashboard with slug '${slug}'; deploy this one under another slug there.`,
        fixes: free
          ? [{ kind: 'dashboard-slug', label: `Use slug '${free}' there`, dashboardSlug: free }]
          : [],
      });
    }
  }
  errors.push(...databaseProblems(tree, databases, options.hasPassword));
  const tables = datasetProblems(tree, datasets);
  errors.push(...tables.errors);
  warnings.push(...tables.warnings);
  const onTarget = {
    databases: new Set(databases.map((database) => database.uuid)),
    datasets: new Set(datasets.map((dataset) => dataset.uuid)),
  };
  const items = planObjects(
    tree,
    target,
    onTarget,
    await sharedDatasets(client, ours, target, onTarget.datasets),
  );
  const references = referenceProblems(tree, {
    targetDatasets: new Set((await lookupIds(client, 'dataset', filterDatasetsOutside(tree))).keys()),
    targetNames: new Map(
      target ? [...objectsOf(target).values()].map((o) => [o.uuid, o.name ?? o.uuid]) : [],
    ),
    deleted: new Set(items.filter((item) => item.action === 'delete-on-target').map((item) => item.uuid)),
  });
  errors.push(...references.errors);
  warnings.push(...references.warnings);
  const reached = items.some((item) => item.action === 'update' || item.action === 'delete-on-target');
  if (reached && uuid) {
    const usedBy = await otherDashboardsUsing(
      client,
      items,
      target ? await dashboardIdOrNull(client, uuid) : null,
    );
    for (const item of items) item.usedBy = usedBy.get(item.uuid) ?? [];
    if (options.newerSince)
      warnings.push(
        ...(await newerOnTarget(client, items, options.newerSince, options.targetName ?? 'the target')),
      );
  }
  const summary: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, 'delete-on-target': 0 };
  for (const item of items) summary[item.action] += 1;
  return {
    dashboardUuid: dashboard?.uuid ?? null,
    items,
    errors,
    warnings,
    targetVersion: release.version,
    summary,
    shared: items.filter((item) => item.usedBy.length > 0).length,
  };
}

/** A slug like `slug` that no dashboard on the target has yet (a few tries), or null. */
async function freeSlug(client: SupersetClient, slug: string): Promise<string | null> {
  const taken = new Set<string>();
  for (let tries = 0; tries < 5; tries += 1) {
    const candidate = freeName(slug, (name) => taken.has(name));
    if (!(await findDashboard(client, candidate))) return candidate;
    taken.add(candidate);
  }
  return null;
}

/**
 * The target's databases and datasets, needed only for the bundle's that its version of the dashboard does not
 * already hold (a re-deploy asks nothing more).
 */
async function sharedObjects(
  client: SupersetClient,
  ours: ReturnType<typeof objectsOf>,
  target: NormalizedTree | null,
): Promise<{ databases: TargetDatabase[]; datasets: TargetDataset[] }> {
  const theirs = target ? objectsOf(target) : new Map();
  const missing = (type: string) =>
    [...ours.values()].some((object) => object.type === type && !theirs.has(object.uuid));
  // Skipped lists stand for what the target's export shows.
  const exported = [...theirs.values()]
    .filter((object) => object.type === 'database')
    .map((object) => ({ id: -1, uuid: object.uuid, name: object.name ?? '' }));
  const [databases, datasets] = await Promise.all([
    missing('database') ? listDatabases(client) : exported,
    missing('dataset') ? listDatasets(client) : [],
  ]);
  return { databases, datasets };
}

/** The target's export of the bundle's datasets that other dashboards there use, in one request. */
async function sharedDatasets(
  client: SupersetClient,
  ours: ReturnType<typeof objectsOf>,
  target: NormalizedTree | null,
  onTarget: Set<string>,
): Promise<NormalizedTree> {
  const theirs = target ? objectsOf(target) : new Map();
  const uuids = [...ours.values()]
    .filter((object) => object.type === 'dataset' && !theirs.has(object.uuid) && onTarget.has(object.uuid))
    .map((object) => object.uuid);
  // Without it the dataset is still planned as an update, only without its diff.
  return exportObjects(client, 'dataset', uuids).catch(() => new Map());
}

/** The import failed; `message` says whether the target was put back. */
export class DeployImportError extends Error {
  constructor(
    message: string,
    /** The version kept before the import, still needed when putting it back failed too. */
    readonly snapshot: Buffer | null,
    /** Whether the target is as it was before (false when putting it back failed too). */
    readonly undone: boolean,
  ) {
    super(message);
    this.name = 'DeployImportError';
  }
}

export interface ImportOptions {
  uuid: string;
  items: PlanItem[];
  /** Database passwords by database uuid. */
  passwords: Map<string, string>;
  log: CleanupLog;
  /** Told the snapshot as soon as it is kept, before anything is imported. */
  onSnapshot?: (snapshot: Buffer | null) => void | Promise<void>;
  /** How long to keep trying to put the target back while it does not answer (default 3 min). */
  putBackWaitMs?: number;
}

/**
 * Imports the tree after keeping the target's current version; removes charts the plan says are gone. When the
 * import fails, the kept version goes back (or, for a new dashboard, what the import created is removed).
 */
export async function importIntoTarget(
  client: SupersetClient,
  tree: NormalizedTree,
  options: ImportOptions,
): Promise<{ snapshot: Buffer | null }> {
  let snapshot: Buffer | null;
  try {
    const existed = (await dashboardIdOrNull(client, options.uuid)) !== null;
    snapshot = existed ? Buffer.from(await exportDashboardBundle(client, options.uuid)) : null;
  } catch (error) {
    throw new DeployImportError(
      `Could not keep a snapshot of the target's current version, so nothing was imported: ${messageOf(error)}`,
      null,
      true,
    );
  }
  await options.onSnapshot?.(snapshot);
  options.log(
    snapshot ? 'Kept a snapshot of the target’s current version' : 'The dashboard is new on the target',
  );
  try {
    const { files, databaseFiles, sources } = denormalizeTree(tree);
    const passwords: Record<string, string> = {};
    for (const [databaseUuid, password] of options.passwords) {
      const file = databaseFiles.get(databaseUuid);
      if (file) passwords[file] = password;
    }
    await importDashboardBundle(client, files, { passwords, sources });
    options.log('Imported datasets, charts and the dashboard');
    await deleteUnusedCharts(
      client,
      options.items.filter((item) => item.action === 'delete-on-target'),
      options.log,
    );
    return { snapshot };
  } catch (error) {
    let message = `The import failed: ${messageOf(error)}`;
    let undone = true;
    try {
      // A target that went away may have taken part of the import (Superset 6.1 stopped mid-import was seen
      // holding the new charts under the old dashboard): it is put back once it answers again.
      await onceTargetAnswers(
        async () => {
          if (snapshot) await restoreSnapshot(client, snapshot);
          // What the import created before it failed (Superset keeps e.g. a new database) goes again.
          await removeCreated(client, options.items, options.log);
        },
        options.log,
        options.putBackWaitMs,
      );
      message += snapshot
        ? ' The target was put back to its previous version.'
        : ' The dashboard did not exist there before, and what the import created was removed.';
    } catch (undoError) {
      message += ` Putting the target back failed too: ${messageOf(undoError)}`;
      undone = false;
    }
    throw new DeployImportError(message, snapshot, undone);
  }
}

/** Imports a kept export again; it goes through the same normalization as any bundle, so its charts stay linked. */
export async function restoreSnapshot(client: SupersetClient, snapshot: Buffer): Promise<void> {
  const tree = normalizeBundle(readBundle(snapshot).files);
  await importDashboardBundle(client, denormalizeTree(tree).files);
}
