// Deploy: the repository at a ref, with the target's settings applied, planned against the target's current
// export, then imported (datasets, charts, dashboard, each overwriting) after a snapshot of the target is kept.
// A failed import puts the snapshot back; any deployment with a snapshot can be rolled back later.
import {
  DeployPlan,
  type Deployment,
  type DeployRequest,
  type PlanAction,
  type User,
} from '@superset-git/contracts';
import { filesAtRef } from '@superset-git/git';
import {
  applyOverrides,
  deleteUnusedCharts,
  denormalizeTree,
  exportDashboardBundle,
  findDashboard,
  databaseProblems,
  importDashboardBundle,
  listDatabases,
  listDatasetUuids,
  normalizeBundle,
  objectsOf,
  parseBundleYaml,
  planObjects,
  readBundle,
  removeCreated,
  type NormalizedTree,
  SupersetError,
  type SupersetClient,
  type TargetDatabase,
} from '@superset-git/superset';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import type { DashboardReposService } from './dashboard-repos.service.ts';
import type { DeploySettingsService, ResolvedDeploySettings } from './deploy-settings.service.ts';
import type { DeploymentRow, DeploymentsRepository } from './deployments.repository.ts';
import { isManagedPath } from './repo-objects.ts';

interface Prepared {
  plan: DeployPlan;
  tree: NormalizedTree;
  settings: ResolvedDeploySettings;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class DeployService {
  constructor(
    private readonly deployments: DeploymentsRepository,
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly settings: DeploySettingsService,
    private readonly tasks: TaskRunner,
  ) {
    deployments.failInterrupted();
  }

  async prepare(uuid: string, input: Pick<DeployRequest, 'environmentId' | 'ref'>): Promise<Prepared> {
    const { repo } = this.repos.open(uuid);
    this.environments.get(input.environmentId);
    const settings = this.settings.resolved(input.environmentId);
    // What the target has, asked for at once, while the repository is read.
    const client = this.environments.client(input.environmentId);
    const targetTree = this.targetTree(client, uuid);
    targetTree.catch(() => undefined);
    const { sha, files } = await filesAtRef(repo, { ref: input.ref, keep: isManagedPath });
    const bundle = new Map([...files].map(([path, bytes]) => [path, bytes.toString('utf8')]));
    const errors: DeployPlan['errors'] = [];
    if (!bundle.has('dashboard.yaml'))
      errors.push({
        path: null,
        message: `There is no dashboard at ${input.ref}; sync and commit it first.`,
      });
    const tree = applyOverrides(bundle, {
      databaseUris: new Map(
        settings.databases
          .filter((entry) => entry.sqlalchemyUri)
          .map((entry) => [entry.databaseUuid, entry.sqlalchemyUri!]),
      ),
      datasetSchema: settings.datasetSchema,
      dashboardSlug: settings.dashboardSlug,
      dashboardTitle: settings.dashboardTitle,
    });
    const ours = objectsOf(tree);
    const dashboard = [...ours.values()].find((object) => object.type === 'dashboard');
    if (dashboard && dashboard.uuid !== uuid) {
      errors.push({
        path: 'dashboard.yaml',
        message: `The repository holds dashboard ${dashboard.uuid}, not ${uuid}.`,
      });
    }
    if (settings.protected && !(await this.allowedOnProtected(uuid, input.ref, settings))) {
      errors.push({
        path: null,
        message: `This environment is protected: only tags${settings.allowedBranch ? ` or branch '${settings.allowedBranch}'` : ''} may deploy here.`,
      });
    }

    const target = await targetTree;
    const { databases, datasets } = await this.sharedObjects(client, ours, target);
    const slug = dashboard?.value.slug;
    // Slugs are unique on an instance: when the target's version of this dashboard has it, no other can.
    const targetFile = target?.get('dashboard.yaml');
    const targetSlug = targetFile ? parseBundleYaml(targetFile, 'dashboard.yaml').slug : null;
    if (typeof slug === 'string' && slug && targetSlug !== slug) {
      const bySlug = await findDashboard(client, slug);
      if (bySlug && bySlug.uuid !== uuid)
        errors.push({
          path: 'dashboard.yaml',
          message: `The target already has another dashboard with slug '${slug}'.`,
        });
    }
    errors.push(
      ...databaseProblems(tree, databases, (databaseUuid) =>
        settings.databases.some((entry) => entry.databaseUuid === databaseUuid && entry.password),
      ),
    );
    const items = planObjects(tree, target, {
      databases: new Set(databases.map((database) => database.uuid)),
      datasets,
    });
    const summary = { create: 0, update: 0, unchanged: 0, 'delete-on-target': 0 } as Record<
      PlanAction,
      number
    >;
    for (const item of items) summary[item.action] += 1;
    return {
      plan: { environmentId: input.environmentId, ref: input.ref, sha, items, errors, summary },
      tree,
      settings,
    };
  }

  /**
   * The target's databases and datasets, needed only for the bundle's that its version of the dashboard does
   * not already hold (a re-deploy asks nothing more).
   */
  private async sharedObjects(
    client: SupersetClient,
    ours: ReturnType<typeof objectsOf>,
    target: NormalizedTree | null,
  ): Promise<{ databases: TargetDatabase[]; datasets: Set<string> }> {
    const theirs = target ? objectsOf(target) : new Map();
    const missing = (type: string) =>
      [...ours.values()].some((object) => object.type === type && !theirs.has(object.uuid));
    // Skipped lists stand for what the target's export shows.
    const exported = [...theirs.values()]
      .filter((object) => object.type === 'database')
      .map((object) => ({ id: -1, uuid: object.uuid, name: object.name ?? '' }));
    const [databases, datasets] = await Promise.all([
      missing('database') ? listDatabases(client) : exported,
      missing('dataset') ? listDatasetUuids(client) : new Set<string>(),
    ]);
    return { databases, datasets };
  }

  /** The target's current version of the dashboard, normalized; null when it has none. */
  private async targetTree(client: SupersetClient, uuid: string): Promise<NormalizedTree | null> {
    try {
      return normalizeBundle(readBundle(await exportDashboardBundle(client, uuid)).files);
    } catch (error) {
      if (error instanceof SupersetError && error.status === 404) return null;
      throw error;
    }
  }

  private async allowedOnProtected(
    uuid: string,
    ref: string,
    settings: ResolvedDeploySettings,
  ): Promise<boolean> {
    if (settings.allowedBranch && ref === settings.allowedBranch) return true;
    const { repo } = this.repos.open(uuid);
    const tag = await filesAtRef(repo, { ref: `refs/tags/${ref}`, keep: () => false }).catch(() => null);
    return tag !== null;
  }

  async deploy(
    uuid: string,
    input: DeployRequest,
    user: User,
  ): Promise<{ plan: DeployPlan; deployment: Deployment | null }> {
    const prepared = await this.prepare(uuid, input);
    if (input.dryRun) return { plan: prepared.plan, deployment: null };
    this.assertIdle(uuid, input.environmentId);
    if (prepared.plan.errors.length > 0) {
      throw new AppError(
        'CONFLICT',
        `The deploy plan has ${prepared.plan.errors.length} problem(s); nothing was imported: ${prepared.plan.errors.map((error) => error.message).join(' ')}`,
      );
    }
    const row = this.deployments.insert({
      dashboardUuid: uuid,
      environmentId: input.environmentId,
      kind: 'deploy',
      ref: input.ref,
      sha: prepared.plan.sha,
      state: 'RUNNING',
      planJson: JSON.stringify(prepared.plan),
      createdBy: user.username,
    });
    const task = this.tasks.start(
      {
        kind: 'dashboard.deploy',
        title: `Deploy ${this.repos.label(uuid)} at ${input.ref} to ${this.environments.get(input.environmentId).name}`,
        createdBy: user.id,
      },
      (context) => this.run(row.id, uuid, prepared, context),
    );
    return {
      plan: prepared.plan,
      deployment: this.view(this.deployments.update(row.id, { taskId: task.id })),
    };
  }

  private passwordsFor(
    tree: NormalizedTree,
    settings: ResolvedDeploySettings,
  ): { files: Map<string, string>; passwords: Record<string, string> } {
    const { files, databaseFiles } = denormalizeTree(tree);
    const passwords: Record<string, string> = {};
    for (const entry of settings.databases) {
      const file = databaseFiles.get(entry.databaseUuid);
      if (file && entry.password) passwords[file] = entry.password;
    }
    return { files, passwords };
  }

  private async run(id: number, uuid: string, prepared: Prepared, context: TaskContext): Promise<void> {
    const started = Date.now();
    const client = this.environments.client(prepared.plan.environmentId);
    let snapshot: Buffer | null;
    try {
      const existed = await findDashboard(client, uuid);
      snapshot = existed ? Buffer.from(await exportDashboardBundle(client, uuid)) : null;
    } catch (error) {
      const message = `Could not keep a snapshot of the target's current version, so nothing was imported: ${messageOf(error)}`;
      this.deployments.update(id, { state: 'FAILED', durationMs: Date.now() - started, message });
      throw new Error(message);
    }
    this.deployments.update(id, { snapshot });
    context.log(
      snapshot ? 'Kept a snapshot of the target’s current version' : 'The dashboard is new on the target',
    );
    try {
      const { files, passwords } = this.passwordsFor(prepared.tree, prepared.settings);
      await importDashboardBundle(client, files, passwords);
      context.log('Imported datasets, charts and the dashboard');
      await deleteUnusedCharts(
        client,
        prepared.plan.items.filter((item) => item.action === 'delete-on-target'),
        (line, level) => context.log(line, level),
      );
      this.deployments.update(id, {
        state: 'SUCCESS',
        durationMs: Date.now() - started,
        message: `Deployed ${prepared.plan.sha.slice(0, 7)}`,
      });
    } catch (error) {
      let message = `The import failed: ${messageOf(error)}`;
      try {
        if (snapshot) await this.restore(client, snapshot);
        // What the import created before it failed (Superset keeps e.g. a new database) goes again.
        await removeCreated(client, prepared.plan.items, (line, level) => context.log(line, level));
        message += snapshot
          ? ' The target was put back to its previous version.'
          : ' The dashboard did not exist there before, and what the import created was removed.';
      } catch (undoError) {
        message += ` Putting the target back failed too: ${messageOf(undoError)}${snapshot ? ' The snapshot is kept: roll this deployment back once the target answers.' : ''}`;
      }
      this.deployments.update(id, { state: 'FAILED', durationMs: Date.now() - started, message });
      throw new Error(message);
    }
  }

  private async restore(client: SupersetClient, snapshot: Buffer): Promise<void> {
    // The snapshot goes through the same normalization as any bundle, so its charts stay linked to it.
    const tree = normalizeBundle(readBundle(snapshot).files);
    await importDashboardBundle(client, denormalizeTree(tree).files);
  }

  /** One deploy or rollback of a dashboard into an environment at a time: two would overwrite each other. */
  private assertIdle(dashboardUuid: string, environmentId: number): void {
    const running = this.deployments
      .list({ dashboardUuid, environmentId })
      .find((row) => row.state === 'RUNNING');
    if (running)
      throw new AppError(
        'CONFLICT',
        `Deployment ${running.id} of this dashboard into this environment is still running; wait for it to finish.`,
      );
  }

  /** Puts the target back to the snapshot kept before a deployment, as a task; answers the rollback's record. */
  rollback(deploymentId: number, user: User): Deployment {
    const original = this.deployments.byId(deploymentId);
    if (!original) throw new AppError('NOT_FOUND', `Deployment ${deploymentId} does not exist.`);
    if (!original.snapshot)
      throw new AppError(
        'CONFLICT',
        'This deployment kept no snapshot (the dashboard was new on the target); there is nothing to roll back to.',
      );
    if (original.state === 'RUNNING' || original.state === 'ROLLED_BACK')
      throw new AppError(
        'CONFLICT',
        original.state === 'RUNNING'
          ? 'This deployment is still running; roll it back once it has finished.'
          : 'This deployment was already rolled back.',
      );
    this.assertIdle(original.dashboardUuid, original.environmentId);
    const row = this.deployments.insert({
      dashboardUuid: original.dashboardUuid,
      environmentId: original.environmentId,
      kind: 'rollback',
      ref: original.ref,
      sha: original.sha,
      state: 'RUNNING',
      createdBy: user.username,
    });
    const snapshot = original.snapshot;
    const task = this.tasks.start(
      {
        kind: 'dashboard.rollback',
        title: `Roll back deployment ${original.id} on ${this.environments.get(original.environmentId).name}`,
        createdBy: user.id,
      },
      async (context) => {
        const started = Date.now();
        const client = this.environments.client(original.environmentId);
        try {
          await this.restore(client, snapshot);
          context.log(`Imported the version kept before deployment ${original.id}`);
          // What the deploy created is no longer on the restored dashboard: it goes too, unless something uses it.
          const plan = original.planJson ? DeployPlan.safeParse(JSON.parse(original.planJson)) : null;
          await removeCreated(client, plan?.data?.items ?? [], (line, level) => context.log(line, level));
          this.deployments.update(original.id, { state: 'ROLLED_BACK' });
          this.deployments.update(row.id, {
            state: 'SUCCESS',
            message: `Rolled back deployment ${original.id}.`,
            durationMs: Date.now() - started,
          });
        } catch (error) {
          const message = `The rollback failed: ${messageOf(error)} Deployment ${original.id} keeps its snapshot; try again once the target answers.`;
          this.deployments.update(row.id, { state: 'FAILED', message, durationMs: Date.now() - started });
          throw new Error(message);
        }
      },
    );
    return this.view(this.deployments.update(row.id, { taskId: task.id }));
  }

  list(filter: { dashboardUuid?: string; environmentId?: number }): Deployment[] {
    return this.deployments.list(filter).map((row) => this.view(row));
  }

  get(id: number): Deployment {
    const row = this.deployments.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Deployment ${id} does not exist.`);
    return this.view(row);
  }

  private view(row: DeploymentRow): Deployment {
    const plan = row.planJson ? DeployPlan.safeParse(JSON.parse(row.planJson)) : null;
    return {
      id: row.id,
      dashboardUuid: row.dashboardUuid,
      environmentId: row.environmentId,
      kind: row.kind,
      ref: row.ref,
      sha: row.sha,
      state: row.state,
      plan: plan?.success ? plan.data : null,
      message: row.message,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      durationMs: row.durationMs,
      canRollBack: row.kind === 'deploy' && row.snapshot !== null && row.state !== 'ROLLED_BACK',
      taskId: row.taskId,
    };
  }
}
