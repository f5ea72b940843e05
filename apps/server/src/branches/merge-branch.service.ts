// Merging another branch into the current one, with Superset following: its edits must be committed first (the
// import would overwrite them), a clean merge imports only the objects it changed, and a merge that conflicts
// waits for a person on the conflict screen (merge.service.ts), exactly as a pull does.
import type { BranchMergeRequest, BranchMergeResult, Task, User } from '@superset-git/contracts';
import { assertRevision, GitError, listBranches, merge, status } from '@superset-git/git';
import { objectNameOf, objectTypeOfPath } from '@superset-git/superset';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';
import { authorOf, type DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { treeAt } from '../dashboard-repos/tree-at.ts';
import type { DashboardSyncService } from '../dashboard-sync/dashboard-sync.service.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { fieldMerger } from './field-merge.ts';

export class MergeBranchService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly sync: DashboardSyncService,
    private readonly environments: PluginEnvironments,
    private readonly tasks: TaskRunner,
    private readonly locks: OperationLocks,
  ) {}

  /** Refuses before any work what can be known at once: an unknown branch, the current one, a merge open. */
  async startMerge(uuid: string, input: BranchMergeRequest, user: User): Promise<Task> {
    const { row, repo } = await this.repos.open(uuid);
    const branch = assertRevision(input.branch);
    const state = await status(repo);
    if (state.merging)
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        'A merge is already in progress on this dashboard; resolve and continue it, or abort it, first.',
      );
    if (!state.branch)
      throw new GitError(
        'GIT_DETACHED_HEAD',
        'HEAD is not on a branch; switch to a branch to merge into it.',
      );
    const into = state.branch;
    const known = await listBranches(repo);
    if (!known.some((item) => item.name === branch))
      throw new GitError(
        'GIT_INVALID_REF',
        `There is no branch named '${branch}' in this dashboard's repository.`,
      );
    if (branch === into || known.some((item) => item.name === branch && item.current))
      throw new GitError(
        'GIT_BRANCH_IS_CURRENT',
        `'${branch}' is the current branch; merge another branch into it.`,
      );
    const environment = (await this.environments.get(row.environmentId)).name;
    return await this.tasks.start(
      {
        kind: 'dashboard.merge',
        title: `Merge ${branch} into ${into} of ${await this.repos.label(uuid)}`,
        createdBy: user.id,
      },
      async (context): Promise<BranchMergeResult> => {
        const before = await this.sync.syncedAndCommitted(uuid, `the merge of '${branch}'`, context);
        context.log(`Merging ${branch} into ${into}`);
        context.progress(0.5);
        const merged = await merge(repo, {
          from: branch,
          author: authorOf(user),
          message: `Merge branch '${branch}' into ${into}`,
          mergeFile: fieldMerger((line, level) => context.log(line, level)),
        });
        const result = { branch, into, ...merged, importedObjects: 0 };
        if (merged.outcome === 'conflicts') {
          const names = await this.conflictNames(
            uuid,
            branch,
            merged.conflicts.map((file) => file.path),
          );
          context.log(`${merged.conflicts.length} object(s) conflict: ${names.join(', ')}`, 'warn');
          // Nothing goes into Superset until the merge is resolved and committed (or aborted).
          await this.locks.hold(operationSubject.merge(uuid), {
            taskId: context.taskId,
            what: `merge task ${context.taskId}`,
          });
          context.awaitInput('Resolve the conflicts, then continue or abort the merge.');
          return result;
        }
        if (merged.outcome === 'up-to-date') {
          context.log(`Already up to date: ${into} has every commit of ${branch}.`);
          return result;
        }
        context.log(
          `${merged.outcome === 'fast-forward' ? 'Fast-forwarded' : 'Merged'} to ${merged.head?.slice(0, 8)}`,
        );
        result.importedObjects = await this.sync.importBetween(uuid, before.head!, 'HEAD');
        context.log(`Imported ${result.importedObjects} object(s) into ${environment}`);
        await this.sync.pushCommitted(uuid, (line, level) => context.log(line, level));
        return result;
      },
    );
  }

  /** "chart 'Units sold'" for each conflicted file, named as the incoming branch (or HEAD) has it. */
  private async conflictNames(uuid: string, branch: string, paths: string[]): Promise<string[]> {
    const { repo } = await this.repos.open(uuid);
    const [theirs, ours] = await Promise.all([treeAt(repo, branch), treeAt(repo, 'HEAD')]);
    return paths.map((path) => {
      const type = objectTypeOfPath(path);
      const name = objectNameOf(path, theirs.get(path) ?? ours.get(path) ?? null);
      return type === 'other' || !name ? path : `${type} '${name}'`;
    });
  }
}
