// Deploy: the repository at a ref, with the target's settings applied, planned against the target's current
// export, then imported (datasets, charts, dashboard, each overwriting) after a snapshot of the target is kept.
// A failed import puts the snapshot back; any deployment with a snapshot can be rolled back later
// (rollback.service.ts), and the history is read in deployment-history.ts.
import { DeployPlan, type DeployRequest, type DeployResult, type User } from '@superset-git/contracts';
import { fetchRemote, tagExists } from '@superset-git/git';
import { z } from 'zod';
import {
  applyOverrides,
  DeployImportError,
  importIntoTarget,
  planDeploy,
  targetTree,
  type NormalizedTree,
} from '@superset-git/superset';
import { commitTree } from '../dashboard-repos/tree-at.ts';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { operationSubject, type OperationHolder, type OperationLocks } from '../tasks/operation-locks.ts';
import type { RemoteFollower } from '../dashboard-sync/follow-remote.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DeploySettingsService, ResolvedDeploySettings } from './deploy-settings.service.ts';
import type { DeploymentRow, DeploymentsStore } from './deployments.store.ts';
import { newerSinceFor } from './deploy-newer-since.ts';
import { deploymentView } from './deployment-history.ts';
import { messageOf } from '../error-causes.ts';

interface Prepared {
  plan: DeployPlan;
  tree: NormalizedTree;
  settings: ResolvedDeploySettings;
}

/** What a queued deploy task keeps: the deployment's record holds the rest (a rollback's adds its original). */
export const DeployJob = z.object({ deploymentId: z.number().int().positive() });

/** One deploy or rollback of a dashboard into an environment at a time: two would overwrite each other. */
export const busyDeploying = (holder: OperationHolder) =>
  `${holder.what} of this dashboard into this environment is still running; wait for it to finish.`;

export class DeployService {
  constructor(
    private readonly deployments: DeploymentsStore,
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly settings: DeploySettingsService,
    private readonly locks: OperationLocks,
    tasks: TaskRunner,
    private readonly follower: RemoteFollower,
  ) {
    // Queued: on PostgreSQL any server runs them (a commit it lacks is fetched from the remote), and another
    // takes one over when its server stops.
    tasks.define(
      'dashboard.deploy',
      DeployJob,
      ({ deploymentId }, context) => this.runDeployment(deploymentId, context),
      { place: 'any-server' },
    );
  }

  async prepare(uuid: string, input: Pick<DeployRequest, 'environmentId' | 'ref'>): Promise<Prepared> {
    const { row, repo } = await this.repos.open(uuid);
    // Where clones follow their remotes, a branch or tag names what the remote has (when that loses nothing here).
    await this.follower.catchUp(row, repo);
    await this.environments.get(input.environmentId);
    const settings = await this.settings.resolved(input.environmentId);
    const client = await this.environments.client(input.environmentId);
    // What the target has, asked for at once, while the repository is read.
    const target = targetTree(client, uuid);
    target.catch(() => undefined);
    const { sha, tree: bundle } = await commitTree(repo, input.ref);
    const tree = applyOverrides(bundle, this.settings.overrides(settings));
    const newerSince = await newerSinceFor(this.deployments, repo, { uuid, sha, ...input });
    const [planned, allowed] = await Promise.all([
      planDeploy(client, tree, {
        expectedUuid: uuid,
        newerSince,
        targetName: (await this.environments.get(input.environmentId)).name,
        noDashboard: `There is no dashboard at ${input.ref}; sync and commit it first.`,
        target,
        hasPassword: (databaseUuid) =>
          settings.databases.some((entry) => entry.databaseUuid === databaseUuid && entry.password),
      }),
      !settings.protected || this.allowedOnProtected(uuid, input.ref, settings),
    ]);
    const errors = [...planned.errors];
    if (!allowed) {
      errors.push({
        path: null,
        message: `This environment is protected: only tags${settings.allowedBranch ? ` or branch '${settings.allowedBranch}'` : ''} may deploy here.`,
      });
    }
    return {
      plan: {
        environmentId: input.environmentId,
        ref: input.ref,
        sha,
        items: planned.items,
        errors,
        warnings: planned.warnings,
        targetVersion: planned.targetVersion,
        summary: planned.summary,
        shared: planned.shared,
      },
      tree,
      settings,
    };
  }

  private async allowedOnProtected(
    uuid: string,
    ref: string,
    settings: ResolvedDeploySettings,
  ): Promise<boolean> {
    if (settings.allowedBranch && ref === settings.allowedBranch) return true;
    return tagExists((await this.repos.open(uuid)).repo, ref);
  }

  async deploy(uuid: string, input: DeployRequest, user: User): Promise<DeployResult> {
    const prepared = await this.prepare(uuid, input);
    if (input.dryRun) return { plan: prepared.plan, deployment: null };
    const subject = operationSubject.deploy(uuid, input.environmentId);
    await this.locks.assertFree(subject, busyDeploying);
    if (prepared.plan.errors.length > 0) {
      throw new AppError(
        'CONFLICT',
        `The deploy plan has ${prepared.plan.errors.length} problem(s); nothing was imported: ${prepared.plan.errors.map((error) => error.message).join(' ')}`,
      );
    }
    const row = await this.deployments.insert({
      dashboardUuid: uuid,
      environmentId: input.environmentId,
      kind: 'deploy',
      ref: input.ref,
      sha: prepared.plan.sha,
      state: 'RUNNING',
      planJson: JSON.stringify(storedPlan(prepared.plan)),
      createdBy: user.username,
    });
    const task = await this.locks.enqueue(
      subject,
      {
        spec: {
          kind: 'dashboard.deploy',
          title: `Deploy ${await this.repos.label(uuid)} at ${input.ref} to ${(await this.environments.get(input.environmentId)).name}`,
          createdBy: user.id,
        },
        what: `Deployment ${row.id}`,
        busy: busyDeploying,
      },
      { deploymentId: row.id } satisfies z.infer<typeof DeployJob>,
    );
    return {
      plan: prepared.plan,
      deployment: deploymentView(await this.deployments.update(row.id, { taskId: task.id })),
    };
  }

  /**
   * A deployment's import, from its record alone: the commit it planned, the items of that plan and this
   * environment's settings. Safe to run again after a stop: Superset imports whole or not at all, and the
   * snapshot kept first (the version before the deploy) is the one a rollback puts back.
   */
  private async runDeployment(id: number, context: TaskContext): Promise<void> {
    const row = await this.deployments.byId(id);
    if (!row) throw new Error(`Deployment ${id} no longer exists.`);
    if (row.state !== 'RUNNING')
      throw new Error(`Deployment ${id} is ${row.state}; there is nothing to run.`);
    let prepared: Prepared;
    try {
      prepared = await this.preparedAgain(row, context);
    } catch (error) {
      // Nothing was imported: the deployment ends with the reason instead of staying RUNNING.
      await this.deployments.update(row.id, { state: 'FAILED', message: messageOf(error) });
      throw error;
    }
    await this.run(row, prepared, context);
  }

  /** What `prepare` made when the deploy was asked for, again from the deployment's record. */
  private async preparedAgain(row: DeploymentRow, context: TaskContext): Promise<Prepared> {
    const plan = DeployPlan.parse(JSON.parse(row.planJson ?? 'null'));
    const { row: repoRow, repo } = await this.repos.open(row.dashboardUuid);
    const settings = await this.settings.resolved(row.environmentId);
    const sha = row.sha.slice(0, 7);
    const notHere = (error: unknown) =>
      new Error(
        `Commit ${sha} is not in this server's copy of the repository${repoRow.remoteUrl ? ' nor on its remote' : ''} (push it, so that any server can deploy it): ${messageOf(error)}`,
      );
    let bundle: NormalizedTree;
    try {
      ({ tree: bundle } = await commitTree(repo, row.sha));
    } catch (error) {
      // Planned on another server: this copy may not have caught up with the remote yet.
      if (!repoRow.remoteUrl) throw notHere(error);
      context.log(`Commit ${sha} is not in this server's copy of the repository yet; fetching it`);
      await fetchRemote(repo, { credentials: await this.repos.credentials(repoRow) });
      ({ tree: bundle } = await commitTree(repo, row.sha).catch((again: unknown) => {
        throw notHere(again);
      }));
    }
    return { plan, tree: applyOverrides(bundle, this.settings.overrides(settings)), settings };
  }

  private async run(row: DeploymentRow, prepared: Prepared, context: TaskContext): Promise<void> {
    const started = Date.now();
    const client = await this.environments.client(prepared.plan.environmentId);
    const passwords = new Map(
      prepared.settings.databases.flatMap((entry) =>
        entry.password ? [[entry.databaseUuid, entry.password] as const] : [],
      ),
    );
    try {
      await importIntoTarget(client, prepared.tree, {
        uuid: row.dashboardUuid,
        items: prepared.plan.items,
        passwords,
        log: (line, level) => context.log(line, level),
        onSnapshot: async (snapshot) => {
          // Run again after a stop, the target may hold the new version already: the first snapshot stays.
          if (!row.snapshot) await this.deployments.update(row.id, { snapshot });
        },
      });
      await this.deployments.update(row.id, {
        state: 'SUCCESS',
        durationMs: Date.now() - started,
        message: `Deployed ${prepared.plan.sha.slice(0, 7)}`,
      });
    } catch (error) {
      let message = messageOf(error);
      if (error instanceof DeployImportError && !error.undone && error.snapshot)
        message += ' The snapshot is kept: roll this deployment back once the target answers.';
      await this.deployments.update(row.id, { state: 'FAILED', durationMs: Date.now() - started, message });
      throw new Error(message);
    }
  }
}

/** The plan as kept with the deployment: the per-object texts are shown before the deploy, not kept after it. */
const storedPlan = (plan: DeployPlan): DeployPlan => ({
  ...plan,
  items: plan.items.map((item) => ({ ...item, before: null, after: null })),
});
