// The Recover panel's list and its quick actions: safety branches and deleted branches with what each holds;
// deleting a safety branch (its backup is kept like any deleted branch's) and restoring a deleted branch.
import type {
  BranchCreated,
  BranchDeleted,
  DeletedBranch,
  RecoveryList,
  SafetyBranch,
} from '@superset-git/contracts';
import {
  deleteBranch,
  listDeletedBranches,
  listSafetyBranches,
  restoreDeletedBranch,
  SAFETY_PREFIX,
  type KeptBranch,
  type Repo,
} from '@superset-git/git';
import { AppError } from '../http/app-error.ts';
import { takenFromOf } from '../branches/safety-branch.ts';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { treeAt } from '../dashboard-repos/tree-at.ts';
import { heldObjects, shown } from './held-objects.ts';

export class RecoveryService {
  constructor(private readonly repos: DashboardReposService) {}

  async list(uuid: string): Promise<RecoveryList> {
    const { repo } = await this.repos.open(uuid);
    const [safety, deleted] = await Promise.all([listSafetyBranches(repo), listDeletedBranches(repo)]);
    return {
      safetyBranches: await Promise.all(safety.map((branch) => this.safetyBranch(repo, branch))),
      deletedBranches: await Promise.all(
        deleted.map(async (branch): Promise<DeletedBranch> => ({
          name: branch.name,
          lastCommit: {
            oid: branch.oid,
            subject: branch.subject,
            author: branch.author,
            authoredAt: branch.authoredAt,
          },
          unmergedCommits: branch.unmergedCommits,
          objects: await objectsBetween(repo, branch.base, branch.oid),
        })),
      ),
    };
  }

  /** The safety branch named, or a NOT_FOUND that names it. */
  async safetyBranchOf(repo: Repo, name: string): Promise<KeptBranch> {
    const found = name.startsWith(SAFETY_PREFIX)
      ? (await listSafetyBranches(repo)).find((branch) => branch.name === name)
      : undefined;
    if (!found) throw new AppError('NOT_FOUND', `There is no safety branch named '${name}'.`);
    return found;
  }

  /** Only safety branches: other branches are deleted from the branch menu, which asks about unmerged work. */
  async deleteSafety(uuid: string, name: string): Promise<BranchDeleted> {
    const { repo } = await this.repos.open(uuid);
    await this.safetyBranchOf(repo, name);
    return deleteBranch(repo, { name, force: true });
  }

  async restore(uuid: string, name: string): Promise<BranchCreated> {
    return { name, oid: await restoreDeletedBranch((await this.repos.open(uuid)).repo, { name }) };
  }

  private async safetyBranch(repo: Repo, branch: KeptBranch): Promise<SafetyBranch> {
    return {
      name: branch.name,
      oid: branch.oid,
      takenAt: branch.authoredAt,
      takenBy: branch.author,
      takenFrom: takenFromOf(branch.body),
      reason: branch.subject,
      objects: await objectsBetween(repo, branch.parent, branch.oid),
    };
  }
}

/** What changed from `base` (nothing: an empty tree) to `tip`. */
async function objectsBetween(repo: Repo, base: string | null, tip: string) {
  const [before, after] = await Promise.all([base ? treeAt(repo, base) : new Map(), treeAt(repo, tip)]);
  return heldObjects(before, after).map(shown);
}
