// Switching a dashboard's branch moves Superset too. Superset edits are never lost: the objects the switch will
// overwrite are exported first and compared with the repository (any other edit simply stays in Superset, as git
// carries local changes across a switch); when they differ, the whole dashboard is synced and its edits refused
// or committed on a safety branch. Then only the charts and datasets that differ between the branches are
// imported, or the whole dashboard when its layout or set of charts changes.
import type { BranchSwitchRequest, BranchSwitchResult, User } from '@superset-git/contracts';
import { GitError, status, switchBranch, type Repo, type SwitchResult } from '@superset-git/git';
import {
  denormalizeTree,
  exportDashboardBundle,
  importChanges,
  keepExistingNames,
  normalizeBundle,
  objectChanges,
  readBundle,
  readTree,
  supersetEdited,
  type DenormalizedBundle,
  type NormalizedTree,
  type ObjectChanges,
  type SupersetClient,
} from '@superset-git/superset';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { treeAt } from '../dashboard-repos/tree-at.ts';
import { uncommittedObjects } from '../dashboard-repos/uncommitted-objects.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import type { DashboardSyncService } from '../dashboard-sync/dashboard-sync.service.ts';
import type { RemoteFollower } from '../dashboard-sync/follow-remote.ts';
import { keepOnSafetyBranch } from './safety-branch.ts';

export class SwitchBranchService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly sync: DashboardSyncService,
    private readonly environments: PluginEnvironments,
    private readonly follower: RemoteFollower,
  ) {}

  async switch(uuid: string, input: BranchSwitchRequest, user: User): Promise<BranchSwitchResult> {
    const { row, repo } = await this.repos.open(uuid);
    // Where clones follow their remotes, the branch switched to is the remote's (when that loses nothing here).
    let fromRemote: BranchSwitchResult['fromRemote'] = null;
    await this.follower.catchUp(
      row,
      repo,
      (message, level = 'info') => (fromRemote = { level, message }),
      input.branch,
    );
    const client = await this.environments.client(row.environmentId);
    let changes: ObjectChanges | null = null;
    let target: NormalizedTree | null = null;
    let bundle: DenormalizedBundle | null = null;
    let switched: SwitchResult | null = null;
    if (input.importIntoSuperset) {
      const current = readTree(repo.path);
      target = await treeAt(repo, input.branch);
      changes = objectChanges(current, target);
      const edited = changes.whole ? Promise.resolve(true) : supersetEdited(client, current, changes);
      edited.catch(() => undefined);
      // While Superset answers: the branch's bundle, and the switch itself when nothing is uncommitted here
      // (undone below if Superset turns out to hold edits the import would overwrite).
      bundle = denormalizeTree(target);
      const from = changes.whole ? null : await status(repo);
      if (from?.clean && from.branch) switched = await switchBranch(repo, { name: input.branch });
      // The whole dashboard changes, or Superset edited what will be overwritten: look at everything.
      if (await edited) {
        if (switched && from?.branch) await switchBranch(repo, { name: from.branch });
        switched = null;
        await this.sync.sync(uuid);
        changes = { ...changes, whole: true };
      }
    }
    const safetyBranch = switched ? null : await this.keepUncommitted(repo, input, user);
    switched ??= await switchBranch(repo, { name: input.branch });
    if (!changes || !target || !bundle) {
      return {
        branch: switched.branch,
        head: switched.head,
        safetyBranch,
        imported: false,
        importedObjects: 0,
        differences: null,
        fromRemote,
      };
    }
    // The work tree is now the branch's committed tree, which `bundle` was built from.
    const importedObjects = await importChanges(client, target, changes, bundle);
    await this.sync.afterImport(uuid, target);
    return {
      branch: switched.branch,
      head: switched.head,
      safetyBranch,
      imported: true,
      importedObjects,
      differences: input.verify ? await this.differences(client, uuid, target) : null,
      fromRemote,
    };
  }

  /** Uncommitted changes in the work tree: refused, or committed on a new safety branch. */
  private async keepUncommitted(repo: Repo, input: BranchSwitchRequest, user: User): Promise<string | null> {
    const before = await status(repo);
    if (before.clean) return null;
    if (input.uncommitted === 'refuse') {
      throw new GitError(
        'GIT_DIRTY_WORK_TREE',
        `The dashboard has uncommitted changes (in Superset or here) to ${uncommittedObjects(repo, before.files)}; commit them, or switch keeping them on a safety branch.`,
        { details: Object.fromEntries(before.files.slice(0, 50).map((file) => [file.path, 'uncommitted'])) },
      );
    }
    return keepOnSafetyBranch(repo, {
      reason: `Uncommitted edits before switching to ${input.branch}`,
      user,
      stay: true,
    });
  }

  /** Files that differ between the branch and a fresh export, compared under the repository's own names. */
  private async differences(client: SupersetClient, uuid: string, tree: NormalizedTree): Promise<string[]> {
    const after = keepExistingNames(
      normalizeBundle(readBundle(await exportDashboardBundle(client, uuid)).files),
      [...tree.keys()],
    );
    return [...new Set([...tree.keys(), ...after.keys()])]
      .filter((file) => tree.get(file) !== after.get(file))
      .sort();
  }
}
