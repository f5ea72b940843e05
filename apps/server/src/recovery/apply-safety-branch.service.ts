// A safety branch's edits back onto the current branch, and into Superset. Nothing is lost on the way: objects
// the current branch changed too since the edits were set aside are refused by name before anything moves;
// what Superset and the work tree hold now is itself kept on a new safety branch first; the applied safety
// branch stays until the person deletes it.
import type { Task, User } from '@superset-git/contracts';
import { applyCommit, GitError, status } from '@superset-git/git';
import {
  fieldConflictLine,
  importChanges,
  mergeYamlFile,
  objectChanges,
  objectsOf,
  readTree,
  type NormalizedTree,
} from '@superset-git/superset';
import { AppError } from '../http/app-error.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import type { TaskRunner } from '../tasks/task-runner.ts';
import { keepOnSafetyBranch } from '../branches/safety-branch.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { treeAt } from '../dashboard-repos/tree-at.ts';
import type { DashboardSyncService } from '../dashboard-sync/dashboard-sync.service.ts';
import { fieldMerger } from '../branches/field-merge.ts';
import { heldObjects, namedObjects, type HeldChange } from './held-objects.ts';
import type { RecoveryService } from './recovery.service.ts';

export class ApplySafetyBranchService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly recovery: RecoveryService,
    private readonly sync: DashboardSyncService,
    private readonly environments: PluginEnvironments,
    private readonly tasks: TaskRunner,
  ) {}

  /** Refuses now what cannot be applied (nothing to apply, same objects changed since), then works as a task. */
  async startApply(uuid: string, name: string, user: User): Promise<Task> {
    const { row, repo } = await this.repos.open(uuid);
    const safety = await this.recovery.safetyBranchOf(repo, name);
    const { branch, merging } = await status(repo);
    if (merging) {
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        'Finish or abort the merge in progress first, then apply the safety branch.',
      );
    }
    if (!branch)
      throw new GitError('GIT_DETACHED_HEAD', 'Switch to a branch first, then apply the safety branch.');
    if (!safety.parent)
      throw new AppError('CONFLICT', `${name} has no commit it was taken from to compare with.`);
    const [base, kept, head] = await Promise.all([
      treeAt(repo, safety.parent),
      treeAt(repo, safety.oid),
      treeAt(repo, 'HEAD'),
    ]);
    const held = heldObjects(base, kept);
    if (held.length === 0) throw new AppError('CONFLICT', `${name} holds no edits; delete it instead.`);
    const since = new Map(heldObjects(base, head).map((change) => [change.key, change.after]));
    const changedTwice = held.filter(
      (change) => since.has(change.key) && since.get(change.key) !== change.after,
    );
    const { clashing, fields } = unmergeable(changedTwice, base, head);
    if (clashing.length > 0) {
      const which = fields.length > 0 ? ` (${fields.join('; ')})` : '';
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        `${branch} changed ${namedObjects(clashing)} since ${name} was taken, and ${name} changes them too${which}. Nothing was changed: commit or switch so the branch has the version you want, or apply it on the branch it was taken from.`,
        { details: Object.fromEntries(clashing.map((change) => [change.path, 'changed on both'])) },
      );
    }
    const where = (await this.environments.get(row.environmentId)).name;
    return await this.tasks.start(
      {
        kind: 'dashboard.recover',
        title: `Apply ${name} to ${await this.repos.label(uuid)}`,
        createdBy: user.id,
      },
      async (context) => {
        await this.sync.sync(uuid, context);
        if (!(await status(repo)).clean) {
          const keptOn = await keepOnSafetyBranch(repo, {
            reason: `Uncommitted edits before applying ${name}`,
            user,
          });
          context.log(`Uncommitted edits (in Superset or here) kept on ${keptOn}`);
        }
        context.progress(0.6);
        await applyCommit(repo, {
          commit: safety.oid,
          mergeFile: fieldMerger((line, level) => context.log(line, level)),
        });
        context.log(`Applied ${namedObjects(held)} from ${name}, uncommitted`);
        const after = readTree(repo.path);
        const count = await importChanges(
          await this.environments.client(row.environmentId),
          after,
          objectChanges(await treeAt(repo, 'HEAD'), after),
        ).catch((error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          throw new AppError(
            'SUPERSET_ERROR',
            `The edits of ${name} are in the work tree, but importing them into ${where} failed: ${reason} ${name} still holds them: apply it again once Superset answers.`,
          );
        });
        // Superset now holds what we imported: live status must not call it an edit made in Superset.
        await this.sync.afterImport(uuid, after);
        context.log(`Imported ${count} object(s) into ${where}; ${name} stays until you delete it`);
        return { imported: count };
      },
    );
  }
}

/**
 * Of the objects both the branch and the safety branch changed, those a field-by-field merge cannot bring
 * together, with the fields both changed differently ("chart 'Units sold' · cache_timeout: yours 300, theirs 600").
 */
function unmergeable(
  changedTwice: HeldChange[],
  base: NormalizedTree,
  head: NormalizedTree,
): { clashing: HeldChange[]; fields: string[] } {
  const [before, now] = [objectsOf(base), objectsOf(head)];
  const fields: string[] = [];
  const clashing = changedTwice.filter((change) => {
    const result = mergeYamlFile({
      path: change.path,
      base: before.get(change.key)?.text ?? base.get(change.key) ?? null,
      mine: now.get(change.key)?.text ?? head.get(change.key) ?? null,
      theirs: change.after ?? null,
    });
    if (result.kind === 'text') return true;
    fields.push(
      ...result.conflicts.map((conflict) => fieldConflictLine(result.object, change.path, conflict)),
    );
    return result.conflicts.length > 0;
  });
  return { clashing, fields };
}
