// A target environment's view of the dashboards deployed into it: which version is live there and which of its
// objects were edited on the target since superset-git last wrote them, for a whole hub page at once; and on
// request the target's export compared with the deployed tree.
import { z } from 'zod';
import {
  DeployPlan,
  DriftCheckObject,
  type DashboardDeployState,
  type DriftCheck,
  type DeployStateList,
  type DriftDiff,
  type DriftedObject,
  type LiveVersion,
} from '@superset-git/contracts';
import {
  applyOverrides,
  editedSince,
  supersetTime,
  targetDrift,
  type EditedKind,
  type EditedObject,
} from '@superset-git/superset';
import { listBranches, type Repo } from '@superset-git/git';
import { commitTree } from '../dashboard-repos/tree-at.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { DeploySettingsService } from './deploy-settings.service.ts';
import type { DeploymentRow, DeploymentsStore } from './deployments.store.ts';
import type { DriftCheckRow, DriftChecksStore } from './drift-checks.store.ts';

type Row = DeploymentRow & { finishedAt: string | null };

const EDITED_KINDS: EditedKind[] = ['chart', 'dataset', 'dashboard'];

export class DeployStateService {
  constructor(
    private readonly deployments: DeploymentsStore,
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly settings: DeploySettingsService,
    private readonly checks: DriftChecksStore,
  ) {}

  /** Deploy state of the given dashboards whose repository syncs from another environment than this one. */
  async list(environmentId: number, uuids: string[]): Promise<DeployStateList> {
    await this.environments.get(environmentId);
    const elsewhere = (await this.repos.rowsFor(uuids)).filter((row) => row.environmentId !== environmentId);
    const rows = await this.deployments.forDashboards(
      environmentId,
      elsewhere.map((row) => row.dashboardUuid),
    );
    const pairs = elsewhere.map((repo) => {
      const mine = rows.filter((row) => row.dashboardUuid === repo.dashboardUuid);
      const live = liveRow(mine);
      return {
        repo,
        live,
        // Any deploy or rollback after the live one wrote the target too (a rollback, a failed deploy put back).
        since: live ? lastWrite(mine) : null,
        objects: live ? deployedObjects(live) : new Set<string>(),
      };
    });
    const deployed = pairs.filter((pair) => pair.since !== null);
    const edited = deployed.length
      ? await this.editedSince(environmentId, Math.min(...deployed.map((pair) => pair.since!)))
      : [];
    const checks = new Map(
      (
        await this.checks.forDashboards(
          environmentId,
          deployed.map((pair) => pair.repo.dashboardUuid),
        )
      ).map((row) => [row.dashboardUuid, row]),
    );
    const items: DashboardDeployState[] = pairs.map(({ repo, live, since, objects }) => ({
      dashboardUuid: repo.dashboardUuid,
      sourceEnvironmentId: repo.environmentId,
      live: live ? liveVersion(live) : null,
      drift: live
        ? edited
            .filter(
              (object) =>
                (objects.has(object.uuid) || object.uuid === repo.dashboardUuid) &&
                Date.parse(object.changedOn) > since!,
            )
            .map(driftedObject)
        : [],
      lastCheck: live ? lastCheck(checks.get(repo.dashboardUuid), live.id) : null,
    }));
    return { items };
  }

  /**
   * The environment's export compared with a ref of the repository (default: the live deployment there, else the
   * current branch), after the environment's overrides and release fitting, as a deploy of that ref would import it.
   */
  async diff(uuid: string, environmentId: number, ref?: string): Promise<DriftDiff> {
    const environment = await this.environments.get(environmentId);
    const { repo } = await this.repos.open(uuid);
    const liveDeploy = liveRow(await this.deployments.forDashboards(environmentId, [uuid]));
    const asked = ref ?? liveDeploy?.sha ?? (await currentBranchName(repo));
    const { sha, tree } = await commitTree(repo, asked);
    const compared = applyOverrides(
      tree,
      this.settings.overrides(await this.settings.resolved(environmentId)),
    );
    const drift = await targetDrift(await this.environments.client(environmentId), uuid, compared);
    if (!drift)
      throw new AppError(
        'NOT_FOUND',
        `${environment.name} does not have ${await this.repos.label(uuid)}; deploy it there first.`,
      );
    const isLive = liveDeploy?.sha === sha;
    return {
      live: liveDeploy ? liveVersion(liveDeploy) : null,
      against: { ref: ref ?? (liveDeploy && isLive ? liveDeploy.ref : asked), sha, live: isLive },
      ...drift,
    };
  }

  private async editedSince(environmentId: number, since: number): Promise<EditedObject[]> {
    const client = await this.environments.client(environmentId);
    const lists = await Promise.all(EDITED_KINDS.map((kind) => editedSince(client, kind, since)));
    return lists.flat().map((object) => ({ ...object, changedOn: isoOf(object.changedOn) }));
  }
}

/** Superset's `…+0000` as an ISO time Date.parse reads everywhere. */
function isoOf(changedOn: string): string {
  const time = supersetTime(changedOn);
  return Number.isNaN(time) ? changedOn : new Date(time).toISOString();
}

/** The newest deploy that succeeded and was not rolled back (rows newest first), as the deploy history says. */
const liveRow = (rows: Row[]): Row | null =>
  rows.find((row) => row.kind === 'deploy' && row.state === 'SUCCESS') ?? null;

/** When superset-git last finished writing the target (rows newest first); a running one counts as now. */
function lastWrite(rows: Row[]): number {
  const newest = rows[0]!;
  if (newest.state === 'RUNNING') return Date.now();
  if (newest.finishedAt) return Date.parse(newest.finishedAt);
  return Date.parse(newest.createdAt) + (newest.durationMs ?? 0);
}

/** The uuids of the dashboard, charts and datasets the deployment imported. */
function deployedObjects(row: Row): Set<string> {
  const plan = row.planJson ? DeployPlan.safeParse(JSON.parse(row.planJson)) : null;
  const items = plan?.success ? plan.data.items : [];
  return new Set(
    items
      .filter((item) => item.action !== 'delete-on-target' && item.objectType !== 'database')
      .map((item) => item.uuid),
  );
}

async function currentBranchName(repo: Repo): Promise<string> {
  return (
    (await listBranches(repo)).find((branch) => branch.current && branch.kind === 'local')?.name ?? 'HEAD'
  );
}

/** A check of an older deployment says nothing about the live one. */
function lastCheck(row: DriftCheckRow | undefined, liveId: number): DriftCheck | null {
  if (!row || row.deploymentId !== liveId) return null;
  const objects = z.array(DriftCheckObject).safeParse(JSON.parse(row.objectsJson));
  return {
    checkedAt: row.checkedAt,
    deploymentId: row.deploymentId,
    objects: objects.success ? objects.data : [],
    error: row.error,
  };
}

const liveVersion = (row: Row): LiveVersion => ({
  deploymentId: row.id,
  ref: row.ref,
  sha: row.sha,
  deployedAt: row.createdAt,
  deployedBy: row.createdBy,
});

const driftedObject = (object: EditedObject): DriftedObject => ({
  objectType: object.kind,
  uuid: object.uuid,
  name: object.name,
  changedOn: object.changedOn,
});
