// Switching a dashboard's branch moves Superset too: the current Superset state is synced first (so its edits
// are never lost: refused, or committed on a safety branch), then the branch's version is imported into the
// dashboard's environment and checked against a fresh export.
import type { CheckoutRequest, CheckoutResult, User } from '@superset-git/contracts';
import { commit, createBranch, GitError, stage, status, switchBranch } from '@superset-git/git';
import {
  denormalizeTree,
  exportDashboardBundle,
  importDashboardBundle,
  normalizeBundle,
  readBundle,
} from '@superset-git/superset';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { authorOf, type DashboardReposService } from './dashboard-repos.service.ts';
import type { DashboardSyncService } from './dashboard-sync.service.ts';
import { keepExistingNames, readTree } from './tree-writer.ts';

export class BranchCheckoutService {
  constructor(
    private readonly repos: DashboardReposService,
    private readonly sync: DashboardSyncService,
    private readonly environments: PluginEnvironments,
  ) {}

  async checkout(uuid: string, input: CheckoutRequest, user: User): Promise<CheckoutResult> {
    const { row, repo } = this.repos.open(uuid);
    if (input.importIntoSuperset) await this.sync.sync(uuid);
    const before = await status(repo);
    let safetyBranch: string | null = null;
    if (!before.clean) {
      if (input.uncommitted === 'refuse') {
        throw new GitError(
          'GIT_DIRTY_WORK_TREE',
          `The dashboard has ${before.files.length} uncommitted change(s) (in Superset or here); commit them, or switch keeping them on a safety branch.`,
          {
            details: Object.fromEntries(before.files.slice(0, 50).map((file) => [file.path, 'uncommitted'])),
          },
        );
      }
      safetyBranch = `safety/${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
      await createBranch(repo, { name: safetyBranch });
      await switchBranch(repo, { name: safetyBranch, changes: 'carry' });
      await stage(repo);
      await commit(repo, {
        message: `Uncommitted edits before switching to ${input.branch}`,
        author: authorOf(user),
      });
    }
    const switched = await switchBranch(repo, { name: input.branch });
    if (!input.importIntoSuperset) {
      return { branch: switched.branch, head: switched.head, safetyBranch, imported: false, differences: [] };
    }
    const tree = readTree(repo.path);
    const client = this.environments.client(row.environmentId);
    await importDashboardBundle(client, denormalizeTree(tree).files);
    // Compared under the names the repository already uses, as a sync would write them.
    const after = keepExistingNames(
      normalizeBundle(readBundle(await exportDashboardBundle(client, uuid)).files),
      [...tree.keys()],
    );
    const differences = [...new Set([...tree.keys(), ...after.keys()])]
      .filter((file) => tree.get(file) !== after.get(file))
      .sort();
    return { branch: switched.branch, head: switched.head, safetyBranch, imported: true, differences };
  }
}
