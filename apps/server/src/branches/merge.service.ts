// Conflicts of a pull or merge, resolved per file (mine, theirs or written content), then continued or
// aborted; a pull or merge task waiting for this is finished with the outcome.
import type { ConflictList, ConflictVersions, ResolveRequest, User } from '@superset-git/contracts';
import {
  abortMerge,
  conflictVersions,
  continueMerge,
  listConflicts,
  resolveConflict,
  status,
} from '@superset-git/git';
import { AppError } from '../http/app-error.ts';
import { conflictDetail, resolveFields } from './field-conflicts.ts';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';
import { authorOf, type DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DashboardSyncService } from '../dashboard-sync/dashboard-sync.service.ts';

export class MergeService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly sync: DashboardSyncService,
    private readonly tasks: TaskRunner,
    private readonly locks: OperationLocks,
  ) {}

  async conflicts(uuid: string): Promise<ConflictList> {
    const { repo } = await this.repos.open(uuid);
    const state = await status(repo);
    return {
      merging: state.merging,
      conflicts: state.merging
        ? await Promise.all(
            (await repo.read((git) => listConflicts(git))).map((file) => conflictDetail(repo, file)),
          )
        : [],
    };
  }

  async versions(uuid: string, path: string): Promise<ConflictVersions> {
    const { repo } = await this.repos.open(uuid);
    return conflictVersions(repo, path);
  }

  async resolve(uuid: string, input: ResolveRequest): Promise<void> {
    const { repo } = await this.repos.open(uuid);
    if (input.resolution === 'fields') return resolveFields(repo, input);
    await resolveConflict(repo, { ...input, resolution: input.resolution });
  }

  /** Commits the merge, then imports into Superset what it changed (Superset was at the merge's first parent). */
  async continue(uuid: string, user: User, message?: string): Promise<string> {
    const { repo } = await this.repos.open(uuid);
    const oid = await continueMerge(repo, { author: authorOf(user), message });
    try {
      const count = await this.sync.importBetween(uuid, `${oid}^1`, oid);
      let pushed = '';
      await this.sync.pushCommitted(uuid, (line) => (pushed = ` ${line}.`));
      await this.settle(
        uuid,
        'SUCCESS',
        `Merge committed as ${oid.slice(0, 7)}; ${count} object(s) imported into Superset.${pushed}`,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const text = `Merge committed as ${oid.slice(0, 7)}, but importing it into Superset failed: ${reason} Import it with POST /api/dashboards/{uuid}/import once Superset answers.`;
      await this.settle(uuid, 'FAILED', text);
      throw new AppError('CONFLICT', text);
    }
    return oid;
  }

  async abort(uuid: string): Promise<void> {
    const { repo } = await this.repos.open(uuid);
    await abortMerge(repo);
    await this.settle(uuid, 'FAILED', 'The merge was aborted; the branch is as it was before it.');
  }

  private async settle(uuid: string, state: 'SUCCESS' | 'FAILED', message: string): Promise<void> {
    const pull = await this.locks.release(operationSubject.merge(uuid));
    if (pull) await this.tasks.settle(pull.taskId, state, message);
  }
}
