// A dashboard repository's branches: list, create, delete. Switching, which moves Superset too, is
// switch-branch.service.ts.
import type {
  BranchCreate,
  BranchCreated,
  BranchDeleteQuery,
  BranchDeleted,
  GitBranch,
} from '@superset-git/contracts';
import { createBranch, deleteBranch, listBranches } from '@superset-git/git';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';

export class BranchesService {
  constructor(private readonly repos: DashboardReposService) {}

  async list(uuid: string): Promise<GitBranch[]> {
    return listBranches((await this.repos.open(uuid)).repo);
  }

  async create(uuid: string, input: BranchCreate): Promise<BranchCreated> {
    return { name: input.name, oid: await createBranch((await this.repos.open(uuid)).repo, input) };
  }

  /** Not the current branch; its commits stay reachable from a backup ref. */
  async delete(uuid: string, input: BranchDeleteQuery): Promise<BranchDeleted> {
    return deleteBranch((await this.repos.open(uuid)).repo, input);
  }
}
