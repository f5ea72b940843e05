// The git integration, as a plugin of the host: git servers, dashboards' repositories (connect, sync, commit,
// push, pull), branches and merges, safety and deleted branches to recover, tags, pull requests, history, sync
// of a whole environment, and deploys. Each feature folder is routes → service → store; this file only wires them.
import path from 'node:path';
import { z } from 'zod';
import { BranchesService } from '../branches/branches.service.ts';
import { branchesRoutes } from '../branches/branches.routes.ts';
import { CompareService } from '../branches/compare.service.ts';
import { mergeBranchRoutes } from '../branches/merge-branch.routes.ts';
import { MergeBranchService } from '../branches/merge-branch.service.ts';
import { mergeRoutes } from '../branches/merge.routes.ts';
import { MergeService } from '../branches/merge.service.ts';
import { SwitchBranchService } from '../branches/switch-branch.service.ts';
import { historyRoutes } from '../dashboard-history/history.routes.ts';
import { HistoryService } from '../dashboard-history/history.service.ts';
import { dashboardRemoteRoutes } from '../dashboard-remote/dashboard-remote.routes.ts';
import { DashboardRemoteService } from '../dashboard-remote/dashboard-remote.service.ts';
import { dashboardReposRoutes } from '../dashboard-repos/dashboard-repos.routes.ts';
import { RemoteFollower } from '../dashboard-sync/follow-remote.ts';
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
import { deployStateRoutes } from '../deploys/deploy-state.routes.ts';
import { DeployStateService } from '../deploys/deploy-state.service.ts';
import { deployRoutes } from '../deploys/deploy.routes.ts';
import { DeployService } from '../deploys/deploy.service.ts';
import { DeploymentHistory } from '../deploys/deployment-history.ts';
import { RollbackService } from '../deploys/rollback.service.ts';
import { DeploymentsStore } from '../deploys/deployments.store.ts';
import { driftActionsRoutes } from '../deploys/drift-actions.routes.ts';
import { DriftActionsService } from '../deploys/drift-actions.service.ts';
import { DriftCheckNowService } from '../deploys/drift-check-now.service.ts';
import { driftCheckRoutes } from '../deploys/drift-check.routes.ts';
import { DriftCheckScheduler } from '../deploys/drift-check.scheduler.ts';
import { DriftCheckService } from '../deploys/drift-check.service.ts';
import { DriftChecksStore } from '../deploys/drift-checks.store.ts';
import { gitServerTestRoutes } from '../git-servers/git-server-test.routes.ts';
import { gitServersRoutes } from '../git-servers/git-servers.routes.ts';
import { GitServersService } from '../git-servers/git-servers.service.ts';
import { GitServersStore } from '../git-servers/git-servers.store.ts';
import { BackgroundFetchService } from '../live-status/background-fetch.service.ts';
import { liveStatusRoutes } from '../live-status/live-status.routes.ts';
import { SupersetChangesService } from '../live-status/superset-changes.service.ts';
import { ApplySafetyBranchService } from '../recovery/apply-safety-branch.service.ts';
import { recoveryRoutes } from '../recovery/recovery.routes.ts';
import { RecoveryService } from '../recovery/recovery.service.ts';
import { pullRequestsRoutes } from '../pull-requests/pull-requests.routes.ts';
import { PullRequestsService } from '../pull-requests/pull-requests.service.ts';
import { PullRequestsStore } from '../pull-requests/pull-requests.store.ts';
import { tagsRoutes } from '../tags/tags.routes.ts';
import { TagsService } from '../tags/tags.service.ts';
import { repoWriteLock } from '../dashboard-repos/repo-write-lock.ts';
import { OperationLocksStore } from '../tasks/operation-locks.store.ts';
import { OperationLocks } from '../tasks/operation-locks.ts';
import { definePlugin } from './plugin.ts';

export const GitPluginConfig = z
  .object({
    /** How long a provider API or plain git server may take to answer a token check. */
    providerTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
    /** How often an open dashboard page asks Superset what was edited there (while the tab is visible). */
    livePollSeconds: z.number().int().min(1).max(3600).default(15),
    /** At most one background fetch per repository this often (the page asks on open and while visible). */
    backgroundFetchIntervalMs: z.number().int().min(1000).max(3_600_000).default(60_000),
    /** Replaces every environment's drift check interval (`driftCheckMinutes`) with seconds: for tests. */
    driftCheckSeconds: z.number().int().min(1).max(86_400).nullable().default(null),
    /** How many dashboards a drift check compares at once. */
    driftCheckConcurrency: z.number().int().min(1).max(16).default(4),
    /** How many dashboards a sync-all syncs at once (SUPERSET_GIT_SYNC_ALL_CONCURRENCY sets it too). */
    syncAllConcurrency: z.number().int().min(1).max(32).default(4),
    /**
     * Each clone here follows its dashboard's remote: fetched and fast-forwarded before a sync, pushed after each
     * commit (SUPERSET_GIT_FOLLOW_REMOTE sets it too). For servers with a repositories folder each.
     */
    followRemote: z.boolean().default(false),
  })
  .strict();

export interface GitPluginExports extends Record<string, unknown> {
  servers: GitServersService;
  repos: DashboardReposService;
  sync: DashboardSyncService;
  deploys: DeployService;
  driftCheck: DriftCheckService;
}

export const gitPlugin = definePlugin({
  id: 'git',
  version: '0.1.0',
  configSchema: GitPluginConfig,
  // Owns /api/git/… and /api/dashboards/{uuid}/… (the dashboards' repositories).
  routePrefix: '/api',
  async setup(context) {
    const { db, environments, tasks } = context;
    const locksStore = new OperationLocksStore(db);
    const locks = new OperationLocks(tasks, locksStore);
    const servers = new GitServersService(
      new GitServersStore(db),
      context.secrets,
      context.config.providerTimeoutMs,
    );
    const reposStore = new DashboardReposStore(db);
    const repos = new DashboardReposService(
      reposStore,
      servers,
      environments,
      path.join(context.dataDir, 'repos'),
      repoWriteLock(locksStore, tasks.serverId),
    );
    for (const { uuid, locks: lockFiles } of await repos.clearLocksLeftByCrash())
      context.logger.warn(
        { dashboard: uuid, locks: lockFiles },
        'removed git lock files left by the previous run',
      );
    const follower = new RemoteFollower(repos, context.config.followRemote);
    const sync = new DashboardSyncService(repos, environments, tasks, locks, follower);
    const deploySettings = new DeploySettingsService(
      new DeploySettingsStore(db),
      context.secrets,
      environments,
    );
    const supersetChanges = new SupersetChangesService(repos, environments, context.config.livePollSeconds);
    const fetcher = new BackgroundFetchService(repos, {
      minIntervalMs: context.config.backgroundFetchIntervalMs,
      timeoutMs: context.config.providerTimeoutMs,
    });
    const deployments = new DeploymentsStore(db);
    // Deployments a stopped server left RUNNING failed; they say how to put the target back.
    await deployments.failInterrupted();
    await locks.releaseAbandoned();
    tasks.onInterrupted(async (ids) => {
      await deployments.failInterrupted(ids);
      await locks.releaseTasks(ids);
    });
    const deploys = new DeployService(
      deployments,
      repos,
      environments,
      deploySettings,
      locks,
      tasks,
      follower,
    );
    const rollbacks = new RollbackService(deployments, environments, locks, tasks);
    const driftChecks = new DriftChecksStore(db);
    const driftCheck = new DriftCheckService(
      deployments,
      driftChecks,
      repos,
      environments,
      deploySettings,
      context.config.driftCheckConcurrency,
    );
    const driftCheckNow = new DriftCheckNowService(driftCheck, environments, tasks, locks);
    const driftSchedule = new DriftCheckScheduler(
      {
        isRunning: (environmentId) => driftCheck.isRunning(environmentId),
        check: async (environmentId) => (await driftCheckNow.startScheduled(environmentId))?.id ?? null,
        idle: () => driftCheck.idle(),
      },
      deploySettings,
      { everySeconds: context.config.driftCheckSeconds },
      context.logger,
      (environmentId) => driftChecks.lastCheckedAt(environmentId),
    );
    context.routes((app) => {
      gitServersRoutes(app, servers);
      gitServerTestRoutes(app, servers);
      dashboardReposRoutes(app, repos, (uuid, user) => sync.afterCommit(uuid, user));
      dashboardRemoteRoutes(
        app,
        new DashboardRemoteService(repos, reposStore, servers, (fields, message) =>
          context.logger.info(fields, message),
        ),
      );
      dashboardSyncRoutes(app, sync);
      liveStatusRoutes(app, supersetChanges, fetcher);
      historyRoutes(app, new HistoryService(repos));
      branchesRoutes(
        app,
        new BranchesService(repos),
        new SwitchBranchService(repos, sync, environments, follower),
      );
      mergeRoutes(app, new MergeService(repos, sync, tasks, locks));
      mergeBranchRoutes(
        app,
        new MergeBranchService(repos, sync, environments, tasks, locks),
        new CompareService(repos),
      );
      tagsRoutes(app, new TagsService(repos, tasks));
      const recovery = new RecoveryService(repos);
      recoveryRoutes(app, recovery, new ApplySafetyBranchService(repos, recovery, sync, environments, tasks));
      pullRequestsRoutes(app, new PullRequestsService(new PullRequestsStore(db), repos, servers, tasks));
      syncAllRoutes(
        app,
        new SyncAllService(repos, sync, environments, locks, tasks, context.config.syncAllConcurrency),
      );
      deployRoutes(app, deploys, rollbacks, new DeploymentHistory(deployments));
      deploySettingsRoutes(app, deploySettings);
      deployStateRoutes(
        app,
        new DeployStateService(deployments, repos, environments, deploySettings, driftChecks),
      );
      driftActionsRoutes(
        app,
        new DriftActionsService(deployments, repos, environments, deploySettings, deploys),
      );
      driftCheckRoutes(app, driftCheck, driftCheckNow);
      app.addHook('onClose', () => driftSchedule.stop());
    });
    driftSchedule.start();
    // Only where a dashboard's repository syncs from; elsewhere the hub shows its deploy state.
    context.provideDashboardStatus((environmentId) => {
      // Superset's recent changes are asked for while Superset lists the page and git answers, not after.
      const editsOf = supersetChanges.hubEdits(environmentId);
      return async (dashboards) => {
        // A repository that syncs from another environment has no git status here.
        const here = (await repos.rowsFor(dashboards.map((dashboard) => dashboard.uuid))).filter(
          (row) => row.environmentId === environmentId,
        );
        const [status, edits] = await Promise.all([hubStatus(repos, here), editsOf(here, dashboards)]);
        for (const [uuid, edited] of edits) {
          const row = status.get(uuid);
          if (row) row.supersetEdited = edited;
        }
        return status;
      };
    });
    return { servers, repos, sync, deploys, driftCheck } satisfies GitPluginExports;
  },
});
