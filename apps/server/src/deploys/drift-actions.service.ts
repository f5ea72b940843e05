// What a person does about drift: adopt the environment's version into a new branch of the dashboard's repository
// (built with git plumbing, so the current branch and work tree stay as they are), or put the live version back
// on the environment (a deploy of the live commit, with its plan, as a task).
import type { AdoptRequest, AdoptResult, DeployResult, PutBackRequest, User } from '@superset-git/contracts';
import { commitOnNewBranch, filesAtRef } from '@superset-git/git';
import { isManagedPath, objectDifferences, reverseOverrides, targetTree } from '@superset-git/superset';
import { authorOf, type DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { commitTree } from '../dashboard-repos/tree-at.ts';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { DeployService } from './deploy.service.ts';
import type { DeploySettingsService } from './deploy-settings.service.ts';
import type { DeploymentsStore } from './deployments.store.ts';

export class DriftActionsService {
  constructor(
    private readonly deployments: DeploymentsStore,
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly settings: DeploySettingsService,
    private readonly deploys: DeployService,
  ) {}

  /** Commits what the environment holds onto a new branch that starts at the live deployment's commit. */
  async adopt(uuid: string, input: AdoptRequest, user: User): Promise<AdoptResult> {
    const environment = await this.environments.get(input.environmentId);
    const { repo } = await this.repos.open(uuid);
    const live = await this.live(uuid, input.environmentId);
    const [{ tree: base }, target] = await Promise.all([
      commitTree(repo, live.sha),
      targetTree(await this.environments.client(input.environmentId), uuid),
    ]);
    if (!target)
      throw new AppError(
        'NOT_FOUND',
        `${environment.name} no longer has ${await this.repos.label(uuid)}: there is nothing to adopt.`,
      );
    const { tree, notReversed } = reverseOverrides(
      target,
      base,
      this.settings.overrides(await this.settings.resolved(input.environmentId)),
    );
    const changed = objectDifferences(base, tree).length;
    const sha = await commitOnNewBranch(repo, {
      branch: input.branch,
      from: live.sha,
      drop: isManagedPath,
      files: tree,
      message: `Adopt ${await this.repos.label(uuid)} as ${environment.name} holds it\n\nThe live deployment was ${live.ref} (${live.sha.slice(0, 7)}); ${changed} object(s) were edited on ${environment.name} since.`,
      author: authorOf(user),
    });
    return { branch: input.branch, sha, base: live.sha, changed, notReversed };
  }

  /** Deploys the live commit again: under its ref when that still names it (protection allows tags), else by sha. */
  async putBack(uuid: string, input: PutBackRequest, user: User): Promise<DeployResult> {
    const { repo } = await this.repos.open(uuid);
    const live = await this.live(uuid, input.environmentId);
    const now = await filesAtRef(repo, { ref: live.ref, keep: () => false }).catch(() => null);
    const ref = now?.sha === live.sha ? live.ref : live.sha;
    return this.deploys.deploy(uuid, { environmentId: input.environmentId, ref, dryRun: input.dryRun }, user);
  }

  private async live(uuid: string, environmentId: number) {
    const rows = await this.deployments.forDashboards(environmentId, [uuid]);
    const live = rows.find((row) => row.kind === 'deploy' && row.state === 'SUCCESS');
    if (!live)
      throw new AppError(
        'NOT_FOUND',
        `${await this.repos.label(uuid)} has no live deployment on ${(await this.environments.get(environmentId)).name}: deploy it there first.`,
      );
    return live;
  }
}
