// The git integration, as a plugin of the host: git servers, dashboards' repositories (connect, sync, commit,
// push, pull), branches and merges, tags, pull requests, history, sync of a whole environment, and deploys. Each
// feature folder is routes → service → store; this file only wires them.
import path from 'node:path';
import { z } from 'zod';
import { BranchesService } from '../branches/branches.service.ts';
import { branchesRoutes } from '../branches/branches.routes.ts';
import { mergeRoutes } from '../branches/merge.routes.ts';
import { MergeService } from '../branches/merge.service.ts';
import { SwitchBranchService } from '../branches/switch-branch.service.ts';
import { historyRoutes } from '../dashboard-history/history.routes.ts';
import { HistoryService } from '../dashboard-history/history.service.ts';
import { dashboardReposRoutes } from '../dashboard-repos/dashboard-repos.routes.ts';
import { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { DashboardReposStore } from '../dashboard-repos/dashboard-repos.store.ts';
import { hubStatus } from '../dashboard-repos/hub-status.ts';
import { dashboardSyncRoutes } from '../dashboard-sync/dashboard-sync.routes.ts';
import { DashboardSyncService } from '../dashboard-sync/dashboard-sync.service.ts';
import { syncAllRoutes } from '../dashboard-sync/sync-all.routes.ts';
import { SyncAllService } from '../dashboard-sync/sync-all.service.ts';
import { deploySettingsRoutes } from '../deploys/deploy-settings.routes.ts';
import { DeploySettingsService } from '../deploys/deploy-settings.service.ts';
import { DeploySettingsStore } from '../deploys/deploy-settings.store.ts';
import { deployRoutes } from '../deploys/deploy.routes.ts';
import { DeployService } from '../deploys/deploy.service.ts';
import { DeploymentsStore } from '../deploys/deployments.store.ts';
import { gitServerTestRoutes } from '../git-servers/git-server-test.routes.ts';
import { gitServersRoutes } from '../git-servers/git-servers.routes.ts';
import { GitServersService } from '../git-servers/git-servers.service.ts';
import { GitServersStore } from '../git-servers/git-servers.store.ts';
import { pullRequestsRoutes } from '../pull-requests/pull-requests.routes.ts';
import { PullRequestsService } from '../pull-requests/pull-requests.service.ts';
import { PullRequestsStore } from '../pull-requests/pull-requests.store.ts';
import { tagsRoutes } from '../tags/tags.routes.ts';
import { TagsService } from '../tags/tags.service.ts';
import { OperationLocks } from '../tasks/operation-locks.ts';
import { definePlugin } from './plugin.ts';

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
    const { db, environments, tasks } = context;
    const locks = new OperationLocks(tasks);
    const servers = new GitServersService(
      new GitServersStore(db),
      context.secrets,
      context.config.providerTimeoutMs,
    );
    const repos = new DashboardReposService(
      new DashboardReposStore(db),
      servers,
      environments,
      path.join(context.dataDir, 'repos'),
    );
    for (const { uuid, locks: lockFiles } of repos.clearLocksLeftByCrash())
      context.logger.warn(
        { dashboard: uuid, locks: lockFiles },
        'removed git lock files left by the previous run',
      );
    const sync = new DashboardSyncService(repos, environments, tasks, locks);
    const deploySettings = new DeploySettingsService(
      new DeploySettingsStore(db),
      context.secrets,
      environments,
    );
    const deploys = new DeployService(new DeploymentsStore(db), repos, environments, deploySettings, locks);
    context.routes((app) => {
      gitServersRoutes(app, servers);
      gitServerTestRoutes(app, servers);
      dashboardReposRoutes(app, repos);
      dashboardSyncRoutes(app, sync);
      historyRoutes(app, new HistoryService(repos));
      branchesRoutes(app, new BranchesService(repos), new SwitchBranchService(repos, sync, environments));
      mergeRoutes(app, new MergeService(repos, sync, tasks, locks));
      tagsRoutes(app, new TagsService(repos, tasks));
      pullRequestsRoutes(app, new PullRequestsService(new PullRequestsStore(db), repos, servers, tasks));
      syncAllRoutes(app, new SyncAllService(repos, sync, environments, locks));
      deployRoutes(app, deploys);
      deploySettingsRoutes(app, deploySettings);
    });
    context.provideDashboardStatus((_environmentId, uuids) => hubStatus(repos, uuids));
    return { servers, repos, sync, deploys } satisfies GitPluginExports;
  },
});
