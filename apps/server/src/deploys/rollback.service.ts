// Rolling a deployment back, as a queued task: the version of the target kept before it is imported again, and what
// the deploy created goes too unless something else uses it. Safe to run again after a stop.
import { DeployPlan, type Deployment, type User } from '@superset-git/contracts';
import { removeCreated, restoreSnapshot } from '@superset-git/superset';
import { z } from 'zod';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import { busyDeploying, DeployJob } from './deploy.service.ts';
import { deploymentView } from './deployment-history.ts';
import type { DeploymentsStore } from './deployments.store.ts';
import { messageOf } from '../error-causes.ts';

const RollbackJob = DeployJob.extend({ originalId: z.number().int().positive() });

export class RollbackService {
  constructor(
    private readonly deployments: DeploymentsStore,
    private readonly environments: PluginEnvironments,
    private readonly locks: OperationLocks,
    tasks: TaskRunner,
  ) {
    // Queued like a deploy: any server runs it, and another takes it over when its server stops.
    tasks.define(
      'dashboard.rollback',
      RollbackJob,
      ({ deploymentId, originalId }, context) => this.runRollback(deploymentId, originalId, context),
      { place: 'any-server' },
    );
  }

  /** Puts the target back to the snapshot kept before a deployment, as a task; answers the rollback's record. */
  async rollback(deploymentId: number, user: User): Promise<Deployment> {
    const original = await this.deployments.byId(deploymentId);
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
    const subject = operationSubject.deploy(original.dashboardUuid, original.environmentId);
    await this.locks.assertFree(subject, busyDeploying);
    const row = await this.deployments.insert({
      dashboardUuid: original.dashboardUuid,
      environmentId: original.environmentId,
      kind: 'rollback',
      ref: original.ref,
      sha: original.sha,
      state: 'RUNNING',
      createdBy: user.username,
    });
    const task = await this.locks.enqueue(
      subject,
      {
        spec: {
          kind: 'dashboard.rollback',
          title: `Roll back deployment ${original.id} on ${(await this.environments.get(original.environmentId)).name}`,
          createdBy: user.id,
        },
        what: `Deployment ${row.id}`,
        busy: busyDeploying,
      },
      { deploymentId: row.id, originalId: original.id } satisfies z.infer<typeof RollbackJob>,
    );
    return deploymentView(await this.deployments.update(row.id, { taskId: task.id }));
  }

  /** Puts the snapshot back: safe to run again after a stop, as it imports one whole version. */
  private async runRollback(id: number, originalId: number, context: TaskContext): Promise<void> {
    const started = Date.now();
    const original = await this.deployments.byId(originalId);
    try {
      if (!original?.snapshot) throw new Error(`deployment ${originalId} keeps no snapshot any more.`);
      const client = await this.environments.client(original.environmentId);
      await restoreSnapshot(client, original.snapshot);
      context.log(`Imported the version kept before deployment ${original.id}`);
      // What the deploy created is no longer on the restored dashboard: it goes too, unless something uses it.
      const plan = original.planJson ? DeployPlan.safeParse(JSON.parse(original.planJson)) : null;
      await removeCreated(client, plan?.data?.items ?? [], (line, level) => context.log(line, level));
      await this.deployments.update(original.id, { state: 'ROLLED_BACK' });
      await this.deployments.update(id, {
        state: 'SUCCESS',
        message: `Rolled back deployment ${original.id}.`,
        durationMs: Date.now() - started,
      });
    } catch (error) {
      const message = original?.snapshot
        ? `The rollback failed: ${messageOf(error)} Deployment ${originalId} keeps its snapshot; try again once the target answers.`
        : `The rollback failed: ${messageOf(error)}`;
      await this.deployments.update(id, { state: 'FAILED', message, durationMs: Date.now() - started });
      throw new Error(message);
    }
  }
}
