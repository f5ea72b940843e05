// Every dashboard of an environment into git at once: each one not yet connected gets a local repository, each
// is synced (and committed when asked). One dashboard at a time, so memory stays that of one export whatever
// the count; a dashboard that fails is reported and the others go on.
import type { SyncAllRequest, SyncAllResult, Task, User } from '@superset-git/contracts';
import { GitError } from '@superset-git/git';
import { listDashboardsPage, SUPERSET_MAX_PAGE_SIZE } from '@superset-git/superset';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskContext } from '../tasks/task-runner.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DashboardSyncService } from './dashboard-sync.service.ts';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SyncAllService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly sync: DashboardSyncService,
    private readonly environments: PluginEnvironments,
    private readonly locks: OperationLocks,
  ) {}

  startSyncAll(environmentId: number, input: SyncAllRequest, user: User): Task {
    const environment = this.environments.get(environmentId);
    // A second sync-all of one environment at once would export everything twice.
    return this.locks.start(
      operationSubject.syncAll(environmentId),
      {
        spec: {
          kind: 'environment.sync-all',
          title: `Sync every dashboard of ${environment.name}`,
          createdBy: user.id,
        },
        busy: (holder) =>
          `Every dashboard of ${environment.name} is already being synced (${holder.what}); wait for it to finish.`,
      },
      (context) => this.syncAll(environmentId, input, user, context),
    );
  }

  private async dashboards(environmentId: number): Promise<{ uuid: string; title: string }[]> {
    const client = this.environments.client(environmentId);
    const found: { uuid: string; title: string }[] = [];
    for (let page = 0; ; page += 1) {
      const answer = await listDashboardsPage(client, { page, pageSize: SUPERSET_MAX_PAGE_SIZE });
      for (const row of answer.result)
        if (row.uuid) found.push({ uuid: row.uuid, title: row.dashboard_title ?? `Dashboard ${row.id}` });
      if ((page + 1) * SUPERSET_MAX_PAGE_SIZE >= answer.count || answer.result.length === 0) return found;
    }
  }

  private async syncAll(
    environmentId: number,
    input: SyncAllRequest,
    user: User,
    context: TaskContext,
  ): Promise<SyncAllResult> {
    const dashboards = await this.dashboards(environmentId);
    context.log(`${dashboards.length} dashboard(s) in ${this.environments.get(environmentId).name}`);
    const result: SyncAllResult = {
      dashboards: dashboards.length,
      connected: 0,
      synced: 0,
      committed: 0,
      skipped: 0,
      failed: [],
    };
    const existing = new Map(
      this.repos.rowsFor(dashboards.map((item) => item.uuid)).map((row) => [row.dashboardUuid, row]),
    );
    for (const [index, { uuid, title }] of dashboards.entries()) {
      try {
        const row = existing.get(uuid);
        if (row && row.environmentId !== environmentId) {
          result.skipped += 1;
          context.log(`'${title}' is connected through another environment; left alone`);
          continue;
        }
        if (!row) {
          await this.repos.connect(uuid, { environmentId, mode: 'init' }, user);
          result.connected += 1;
        }
        const written = await this.sync.sync(uuid);
        result.synced += 1;
        let committed = false;
        if (input.commitMessage && written.written.length + written.removed.length > 0) {
          committed = await this.repos
            .commit(uuid, { message: input.commitMessage }, user)
            .then(() => true)
            .catch((error: unknown) => {
              if (error instanceof GitError && error.code === 'GIT_NOTHING_TO_COMMIT') return false;
              throw error;
            });
          if (committed) result.committed += 1;
        }
        context.log(
          `'${title}': ${written.written.length} file(s) written, ${written.removed.length} removed${committed ? ', committed' : ''}`,
        );
      } catch (error) {
        result.failed.push({ uuid, title, message: messageOf(error) });
        context.log(`'${title}' failed: ${messageOf(error)}`, 'error');
      }
      context.progress((index + 1) / dashboards.length);
    }
    if (result.failed.length > 0)
      throw new Error(
        `${result.failed.length} of ${dashboards.length} dashboard(s) could not be synced (the others were): ${result.failed
          .slice(0, 5)
          .map((item) => `'${item.title}': ${item.message}`)
          .join('; ')}`,
      );
    return result;
  }
}
