// Two branches (or any refs) side by side: the commits one has that the other has not, and the objects that
// differ between their trees, by name. Each object's diff is the history's diff endpoint between the two refs.
import type { BranchCompareQuery, BranchComparison } from '@superset-git/contracts';
import { commitsBetween } from '@superset-git/git';
import { objectDifferences } from '@superset-git/superset';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { treeAt } from '../dashboard-repos/tree-at.ts';

export class CompareService {
  constructor(private readonly repos: DashboardReposService) {}

  async compare(uuid: string, query: BranchCompareQuery): Promise<BranchComparison> {
    const { repo } = await this.repos.open(uuid);
    const between = await commitsBetween(repo, { base: query.base, head: query.head });
    // By commit, so the trees are the ones counted even when a branch moves meanwhile.
    const [before, after] = await Promise.all([treeAt(repo, between.baseSha), treeAt(repo, between.headSha)]);
    return {
      base: query.base,
      head: query.head,
      baseSha: between.baseSha,
      headSha: between.headSha,
      ahead: between.ahead,
      behind: between.behind,
      commits: between.commits.map(({ oid, subject, author, authoredAt }) => ({
        oid,
        subject,
        author,
        authoredAt,
      })),
      objects: objectDifferences(before, after),
    };
  }
}
