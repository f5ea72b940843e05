// The git integration, as a plugin of the host: git servers now; dashboards' repositories build on it.
import path from 'node:path';
import { z } from 'zod';
import { BranchCheckoutService } from './branch-checkout.service.ts';
import { dashboardBranchRoutes } from './dashboard-branch.routes.ts';
import { DashboardMergeService } from './dashboard-merge.service.ts';
import { DashboardReposRepository } from './dashboard-repos.repository.ts';
import { DeploySettingsService } from './deploy-settings.service.ts';
import { deployRoutes } from './deploy.routes.ts';
import { DeployService } from './deploy.service.ts';
import { DeploymentsRepository } from './deployments.repository.ts';
import { dashboardReposRoutes } from './dashboard-repos.routes.ts';
import { DashboardReposService } from './dashboard-repos.service.ts';
import { DashboardSyncService } from './dashboard-sync.service.ts';
import { EnvironmentSyncService } from './environment-sync.service.ts';
import { environmentSyncRoutes } from './environment-sync.routes.ts';
import { hubStatus } from './hub-status.ts';
import { definePlugin } from '../plugins/plugin.ts';
import { GitServersRepository } from './git-servers.repository.ts';
import { gitServersRoutes } from './git-servers.routes.ts';
import { GitServersService } from './git-servers.service.ts';

export const GitPluginConfig = z
  .object({
    /** How long a provider API or plain git server may take to answer a token check. */
    providerTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  })
  .strict();

export interface GitPluginExports extends Record<string, unknown> {
  servers: GitServersService;
  repos: DashboardReposService;
  sync: DashboardSyncService;
  deploys: DeployService;
}

export const gitPlugin = definePlugin({
  id: 'git',
  version: '0.1.0',
  configSchema: GitPluginConfig,
  // Owns /api/git/… and /api/dashboards/{uuid}/… (the dashboards' repositories).
  routePrefix: '/api',
  setup(context) {
    const servers = new GitServersService(
      new GitServersRepository(context.db),
      context.secrets,
      context.config.providerTimeoutMs,
    );
    const repos = new DashboardReposService(
      new DashboardReposRepository(context.db),
      servers,
      context.environments,
      path.join(context.dataDir, 'repos'),
    );
    for (const { uuid, locks } of repos.clearLocksLeftByCrash())
      context.logger.warn({ dashboard: uuid, locks }, 'removed git lock files left by the previous run');
    const sync = new DashboardSyncService(repos, context.environments, context.tasks);
    const syncAll = new EnvironmentSyncService(repos, sync, context.environments, context.tasks);
    const checkout = new BranchCheckoutService(repos, sync, context.environments);
    const merge = new DashboardMergeService(repos, sync, context.tasks);
    const deploySettings = new DeploySettingsService(context.db, context.secrets, context.environments);
    const deploys = new DeployService(
      new DeploymentsRepository(context.db),
      repos,
      context.environments,
      deploySettings,
      context.tasks,
    );
    context.routes((app) => {
      gitServersRoutes(app, servers);
      dashboardReposRoutes(app, repos, sync);
      dashboardBranchRoutes(app, checkout, merge);
      deployRoutes(app, deploys, deploySettings);
      environmentSyncRoutes(app, syncAll);
    });
    context.provideDashboardStatus((_environmentId, uuids) => hubStatus(repos, uuids));
    return { servers, repos, sync, deploys } satisfies GitPluginExports;
  },
});
