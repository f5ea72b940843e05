// Long work on a dashboard's repository, run as tasks: sync from Superset (export, normalize, write), push and
// pull with the git server's token, import into Superset, and restore an earlier version. All are queued: on
// PostgreSQL a server sharing the repositories folder takes one over when its server stops, so each is safe to
// run again from the start (a pull or a restore that had moved the branch carries on from its checkpoint).
import { User, type GitStatus, type Task } from '@superset-git/contracts';
import { z } from 'zod';
import {
  assertRevision,
  commitDetail,
  GitError,
  pull,
  push,
  restoreVersion,
  status,
} from '@superset-git/git';
import {
  exportDashboardBundle,
  importChanges,
  normalizeBundle,
  objectChanges,
  readBundle,
  writeMergeAttributes,
  writeTree,
  type NormalizedTree,
  type TreeWriteResult,
} from '@superset-git/superset';
import { marksNow, recordBaseline, type ChangeMarks } from '../live-status/superset-baseline.ts';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { operationSubject, type OperationLocks } from '../tasks/operation-locks.ts';
import type { TaskContext, TaskRunner } from '../tasks/task-runner.ts';
import { authorOf, type DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { objectsInFiles } from '../dashboard-repos/commit-authors.ts';
import { askEditors, recordSyncEditors } from '../dashboard-repos/sync-editors.ts';
import { treeAt } from '../dashboard-repos/tree-at.ts';
import { uncommittedObjects } from '../dashboard-repos/uncommitted-objects.ts';
import { fieldMerger } from '../branches/field-merge.ts';
import type { RemoteFollower } from './follow-remote.ts';

/** What a queued task on one dashboard keeps: the dashboard, and who asked (a pull's merge commit is theirs). */
const DashboardJob = z.object({ uuid: z.string().min(1), user: User });
type DashboardJob = z.infer<typeof DashboardJob>;

const RestoreJob = DashboardJob.extend({ ref: z.string().min(1) });

/**
 * The checkpoint of a pull or a restore: where the branch was before the task moved it, so a run taken over
 * after the move imports into Superset from there instead of syncing Superset's older state over it.
 */
const MoveCheckpoint = z.object({ movedFrom: z.string() });

const KIND = {
  sync: 'dashboard.sync',
  push: 'dashboard.push',
  pull: 'dashboard.pull',
  import: 'dashboard.import',
  restore: 'dashboard.restore',
} as const;

export class DashboardSyncService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly environments: PluginEnvironments,
    private readonly tasks: TaskRunner,
    private readonly locks: OperationLocks,
    private readonly follower: RemoteFollower,
  ) {
    tasks.define(KIND.sync, DashboardJob, ({ uuid }, context) => this.sync(uuid, context));
    // A person waits for these: taken before a backlog of syncs queued earlier.
    const urgent = { urgent: true };
    tasks.define(KIND.push, DashboardJob, ({ uuid }, context) => this.push(uuid, context), urgent);
    tasks.define(
      KIND.pull,
      DashboardJob,
      ({ uuid, user }, context) => this.pull(uuid, user, context),
      urgent,
    );
    tasks.define(KIND.import, DashboardJob, ({ uuid }, context) => this.importWhole(uuid, context), urgent);
    tasks.define(
      KIND.restore,
      RestoreJob,
      ({ uuid, ref, user }, context) => this.restore(uuid, ref, user, context),
      urgent,
    );
  }

  /**
   * Superset → work tree. Nothing is staged or committed: the user reviews the changes first. A caller syncing
   * many dashboards (sync-all) passes the id it listed and change marks it read before this export began.
   */
  async sync(
    uuid: string,
    context?: TaskContext,
    known: { id?: number; marks?: ChangeMarks | null } = {},
  ): Promise<TreeWriteResult> {
    const { row, repo } = await this.repos.open(uuid);
    await this.follower.catchUp(row, repo, (line, level) => context?.log(line, level));
    context?.log(`Exporting the dashboard from ${(await this.environments.get(row.environmentId)).name}`);
    const client = await this.environments.client(row.environmentId);
    // Read before the export: an edit made while exporting then shows as an edit instead of being hidden.
    const marks = known.marks === undefined ? await marksNow(client) : known.marks;
    const zip = await exportDashboardBundle(client, uuid, known.id);
    context?.progress(0.5);
    const tree = normalizeBundle(readBundle(zip).files);
    context?.log(`Normalized ${tree.size} files`);
    const result = await repo.write(async () => {
      const written = writeTree(repo.path, tree);
      if (writeMergeAttributes(repo.path)) context?.log('Wrote .gitattributes naming the YAML merge driver');
      recordBaseline(repo, tree, marks);
      return written;
    });
    // Who made the edits that came in, for the commit's author: asked now, outside the repository's queue.
    const synced = objectsInFiles(repo.path, result.written);
    const editors = await askEditors(client, synced);
    await repo.write(async () => recordSyncEditors(repo, synced, editors));
    await this.repos.touchSync(uuid);
    context?.log(`${result.written.length} file(s) written, ${result.removed.length} removed`);
    return result;
  }

  async startSync(uuid: string, user: User): Promise<Task> {
    return this.enqueue(KIND.sync, `Sync ${await this.label(uuid)} from Superset`, { uuid, user });
  }

  async startPush(uuid: string, user: User): Promise<Task> {
    return this.enqueue(KIND.push, `Push ${await this.label(uuid)}`, { uuid, user });
  }

  /**
   * After a commit through the API: on a server whose clones follow their remotes, a push of it (its task's id);
   * null elsewhere.
   */
  async afterCommit(uuid: string, user: User): Promise<number | null> {
    const { row } = await this.repos.open(uuid);
    if (!this.follower.follows(row)) return null;
    // The commit is made: a push that cannot be started now is left for the next commit or a Push.
    return (await this.startPush(uuid, user).catch(() => null))?.id ?? null;
  }

  /** After a commit inside a task (a sync-all's): pushed now where clones follow their remotes. */
  async pushCommitted(uuid: string, say?: (line: string, level?: 'info' | 'warn') => void): Promise<boolean> {
    const { row, repo } = await this.repos.open(uuid);
    return this.follower.pushAfter(row, repo, say);
  }

  /** The dashboard's name for a task's title; 404 when it is not connected. */
  private async label(uuid: string): Promise<string> {
    await this.repos.open(uuid);
    return this.repos.label(uuid);
  }

  private enqueue(
    kind: string,
    title: string,
    job: DashboardJob | z.infer<typeof RestoreJob>,
  ): Promise<Task> {
    return this.tasks.enqueue({ kind, title, createdBy: job.user.id }, job);
  }

  private async push(uuid: string, context: TaskContext): Promise<unknown> {
    const { row, repo } = await this.repos.open(uuid);
    return push(repo, {
      credentials: await this.repos.credentials(row),
      onProgress: (line) => context.log(line),
    });
  }

  /**
   * Pull, then bring Superset up to date. Superset's state is synced first and must be committed: an import
   * after the pull would otherwise overwrite edits that are nowhere else. A pull that conflicts waits for a
   * person, and nothing is imported until the merge is continued.
   */
  async startPull(uuid: string, user: User): Promise<Task> {
    return this.enqueue(KIND.pull, `Pull ${await this.label(uuid)}`, { uuid, user });
  }

  private async pull(uuid: string, user: User, context: TaskContext): Promise<unknown> {
    const { row, repo } = await this.repos.open(uuid);
    const resumed = await this.importAfterCutMove(uuid, 'pull', context);
    if (resumed) return { outcome: 'merged', head: resumed, conflicts: [] };
    const before = await this.syncedAndCommitted(uuid, 'the pull', context);
    if (before.head) context.checkpoint({ movedFrom: before.head } satisfies z.infer<typeof MoveCheckpoint>);
    const result = await pull(repo, {
      credentials: await this.repos.credentials(row),
      author: authorOf(user),
      onProgress: (line) => context.log(line),
      mergeFile: fieldMerger((line, level) => context.log(line, level)),
    });
    if (result.outcome === 'conflicts') {
      context.log(
        `${result.conflicts.length} file(s) conflict: ${result.conflicts.map((file) => file.path).join(', ')}`,
        'warn',
      );
      // Nothing goes into Superset until the merge is resolved and committed (or aborted).
      await this.locks.hold(operationSubject.merge(uuid), {
        taskId: context.taskId,
        what: `pull task ${context.taskId}`,
      });
      context.awaitInput('Resolve the conflicts, then continue or abort the merge.');
    } else {
      if (result.outcome !== 'up-to-date' && before.head) {
        const count = await this.importBetween(uuid, before.head, 'HEAD');
        await this.sayImported(row.environmentId, count, context);
      }
      await this.follower.pushAfter(row, repo, (line, level) => context.log(line, level));
    }
    return result;
  }

  /**
   * An earlier version back as a new commit on the current branch (the history after it is kept), and into
   * Superset. Like a pull, it needs Superset's edits committed first, since the import overwrites them.
   */
  async startRestore(uuid: string, ref: string, user: User): Promise<Task> {
    // A ref that cannot name anything is refused now, not in a task after a sync.
    assertRevision(ref);
    return this.enqueue(KIND.restore, `Restore ${await this.label(uuid)} to ${ref}`, { uuid, ref, user });
  }

  private async restore(uuid: string, ref: string, user: User, context: TaskContext): Promise<unknown> {
    const { row, repo } = await this.repos.open(uuid);
    const resumed = await this.importAfterCutMove(uuid, 'restore', context);
    if (resumed) return { head: resumed };
    const before = await this.syncedAndCommitted(uuid, 'the restore', context);
    context.checkpoint({ movedFrom: before.head! } satisfies z.infer<typeof MoveCheckpoint>);
    // Titled by what is brought back, so the history reads "Restore 'Retitle the dashboard' (1a2b3c4)".
    const { commit: restored } = await commitDetail(repo, ref);
    const head = await restoreVersion(repo, {
      ref,
      message: `Restore '${restored.subject}' (${restored.oid.slice(0, 7)})\n\nThe dashboard as commit ${restored.oid} had it.`,
      author: authorOf(user),
    });
    context.log(`Committed ${head.slice(0, 8)}: the files of ${ref}`);
    const count = await this.importBetween(uuid, before.head!, head);
    await this.sayImported(row.environmentId, count, context);
    await this.follower.pushAfter(row, repo, (line, level) => context.log(line, level));
    return { head };
  }

  /**
   * A pull or restore taken over after the stopped run had moved the branch (its checkpoint says from where):
   * Superset still holds the version before, which a sync now would take for edits, so it gets what the move
   * brought instead. Answers the head it brought Superset to, or null when there is nothing to carry on.
   */
  private async importAfterCutMove(
    uuid: string,
    what: 'pull' | 'restore',
    context: TaskContext,
  ): Promise<string | null> {
    const cut = MoveCheckpoint.safeParse((await this.tasks.get(context.taskId)).result);
    if (!cut.success) return null;
    const { row, repo } = await this.repos.open(uuid);
    const now = await status(repo);
    if (now.merging)
      throw new GitError(
        'GIT_MERGE_CONFLICT',
        `The ${what} cut off by the stop of its server left a merge in progress: resolve the conflicts (or abort the merge), then ${what} again.`,
      );
    if (!now.head || now.head === cut.data.movedFrom) return null;
    context.log(
      `The ${what} cut off had moved the branch already: bringing Superset up to date from ${cut.data.movedFrom.slice(0, 8)}`,
    );
    const count = await this.importBetween(uuid, cut.data.movedFrom, 'HEAD');
    await this.sayImported(row.environmentId, count, context);
    return now.head;
  }

  /** Syncs, and refuses when Superset (or the work tree) holds edits that are not committed. */
  async syncedAndCommitted(uuid: string, what: string, context: TaskContext): Promise<GitStatus> {
    await this.sync(uuid, context);
    const { repo } = await this.repos.open(uuid);
    const before = await status(repo);
    if (!before.clean) {
      throw new GitError(
        'GIT_DIRTY_WORK_TREE',
        `The dashboard has uncommitted changes (in Superset or here) to ${uncommittedObjects(repo, before.files)}: commit them first, so ${what} can bring Superset up to date without losing them.`,
      );
    }
    return before;
  }

  /** The whole dashboard as the current commit has it, into Superset: after an import failed, or on purpose. */
  async startImport(uuid: string, user: User): Promise<Task> {
    return this.enqueue(KIND.import, `Import ${await this.label(uuid)} into Superset`, { uuid, user });
  }

  private async importWhole(uuid: string, context: TaskContext): Promise<void> {
    const { row, repo } = await this.repos.open(uuid);
    const tree = await treeAt(repo, 'HEAD');
    const count = await importChanges(await this.environments.client(row.environmentId), tree, {
      whole: true,
      charts: [],
      datasets: [],
    });
    await this.afterImport(uuid, tree);
    await this.sayImported(row.environmentId, count, context);
  }

  /** Says in the task's log how many objects went into the environment's Superset. */
  private async sayImported(environmentId: number, count: number, context: TaskContext): Promise<void> {
    context.log(`Imported ${count} object(s) into ${(await this.environments.get(environmentId)).name}`);
  }

  /** Superset was at `from`; it gets what differs at `to`. */
  async importBetween(uuid: string, from: string, to: string): Promise<number> {
    const { row, repo } = await this.repos.open(uuid);
    const [before, after] = await Promise.all([treeAt(repo, from), treeAt(repo, to)]);
    const count = await importChanges(
      await this.environments.client(row.environmentId),
      after,
      objectChanges(before, after),
    );
    await this.afterImport(uuid, after);
    return count;
  }

  /** Superset now holds `tree` (as far as an import made it so): what live status compares edits with. */
  async afterImport(uuid: string, tree: NormalizedTree): Promise<void> {
    const { row, repo } = await this.repos.open(uuid);
    const marks = await marksNow(await this.environments.client(row.environmentId));
    await repo.write(async () => recordBaseline(repo, tree, marks));
  }
}
