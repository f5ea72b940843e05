// Long work on a dashboard's repository, run as tasks: sync from Superset (export, normalize, write), push
// and pull with the git server's token.
import type { Task, User } from '@superset-git/contracts';
import { pull, push } from '@superset-git/git';
import { exportDashboardBundle, normalizeBundle, readBundle } from '@superset-git/superset';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import { authorOf, type DashboardReposService } from './dashboard-repos.service.ts';
import { writeTree, type TreeWriteResult } from './tree-writer.ts';

export class DashboardSyncService {
  /** Pull tasks waiting for their conflicts to be resolved, by dashboard. */
  readonly awaitingMerge = new Map<string, number>();

  constructor(
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly tasks: TaskRunner,
  ) {}

  /** Superset → work tree. Nothing is staged or committed: the user reviews the changes first. */
  async sync(uuid: string, context?: TaskContext): Promise<TreeWriteResult> {
    const { row, repo } = this.repos.open(uuid);
    context?.log(`Exporting the dashboard from ${this.environments.get(row.environmentId).name}`);
    const zip = await exportDashboardBundle(this.environments.client(row.environmentId), uuid);
    context?.progress(0.5);
    const tree = normalizeBundle(readBundle(zip).files);
    context?.log(`Normalized ${tree.size} files`);
    const result = await repo.write(async () => writeTree(repo.path, tree));
    this.repos.touchSync(uuid);
    context?.log(`${result.written.length} file(s) written, ${result.removed.length} removed`);
    return result;
  }

  startSync(uuid: string, user: User): Task {
    this.repos.open(uuid);
    return this.tasks.start(
      { kind: 'dashboard.sync', title: `Sync dashboard ${uuid}`, createdBy: user.id },
      (context) => this.sync(uuid, context),
    );
  }

  startPush(uuid: string, user: User): Task {
    const { row, repo } = this.repos.open(uuid);
    return this.tasks.start(
      { kind: 'dashboard.push', title: `Push dashboard ${uuid}`, createdBy: user.id },
      (context) =>
        push(repo, { credentials: this.repos.credentials(row), onProgress: (line) => context.log(line) }),
    );
  }

  startPull(uuid: string, user: User): Task {
    const { row, repo } = this.repos.open(uuid);
    return this.tasks.start(
      { kind: 'dashboard.pull', title: `Pull dashboard ${uuid}`, createdBy: user.id },
      async (context) => {
        const result = await pull(repo, {
          credentials: this.repos.credentials(row),
          author: authorOf(user),
          onProgress: (line) => context.log(line),
        });
        if (result.outcome === 'conflicts') {
          context.log(
            `${result.conflicts.length} file(s) conflict: ${result.conflicts.map((file) => file.path).join(', ')}`,
            'warn',
          );
          // Nothing goes into Superset until the merge is resolved and committed (or aborted).
          this.awaitingMerge.set(uuid, context.taskId);
          context.awaitInput('Resolve the conflicts, then continue or abort the merge.');
        }
        return result;
      },
    );
  }
}
