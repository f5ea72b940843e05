// The deploy history: every deployment and rollback of a dashboard into an environment, and which one is live.
import { DeployPlan, type Deployment, type DeploymentsQuery } from '@superset-git/contracts';
import { AppError } from '../http/app-error.ts';
import type { DeploymentRow, DeploymentsStore } from './deployments.store.ts';

export class DeploymentHistory {
  constructor(private readonly deployments: DeploymentsStore) {}

  async list(query: DeploymentsQuery): Promise<Deployment[]> {
    const rows = await this.deployments.list({
      dashboardUuid: query.dashboard,
      environmentId: query.environment,
    });
    const live = liveDeployments(rows);
    return rows.map((row) => deploymentView(row, live));
  }

  async get(id: number): Promise<Deployment> {
    const row = await this.deployments.byId(id);
    if (!row) throw new AppError('NOT_FOUND', `Deployment ${id} does not exist.`);
    const pair = await this.deployments.list({
      dashboardUuid: row.dashboardUuid,
      environmentId: row.environmentId,
    });
    return deploymentView(row, liveDeployments(pair));
  }
}

/** A deployment as the API shows it; `live` holds the ids of those still on their targets. */
export function deploymentView(row: DeploymentRow, live: Set<number> = new Set()): Deployment {
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
    live: live.has(row.id),
    taskId: row.taskId,
  };
}

/**
 * Per dashboard and environment, the newest deploy that succeeded and was not rolled back (rows newest first):
 * a failed deploy and a rollback each put back the version before them, so that one is still on the target.
 */
function liveDeployments(rows: DeploymentRow[]): Set<number> {
  const seen = new Set<string>();
  const live = new Set<number>();
  for (const row of rows) {
    const pair = `${row.dashboardUuid} ${row.environmentId}`;
    if (row.kind !== 'deploy' || row.state !== 'SUCCESS' || seen.has(pair)) continue;
    seen.add(pair);
    live.add(row.id);
  }
  return live;
}
