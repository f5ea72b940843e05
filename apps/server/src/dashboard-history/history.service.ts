// A dashboard repository's history: commits searched and paged, one commit with the meaning of each change, one
// file's diff between two refs or a ref and the work tree.
import type {
  CommitPage,
  DashboardCommitDetail,
  DashboardFileDiff,
  FileDiffQuery,
  LogQuery,
} from '@superset-git/contracts';
import { fileDiff, log } from '@superset-git/git';
import { pathsOfObjectsNamed, readTree } from '@superset-git/superset';
import type { DashboardReposService } from '../dashboard-repos/dashboard-repos.service.ts';
import { describedCommit, describedDiff } from './change-meaning.ts';

export class HistoryService {
  constructor(private readonly repos: DashboardReposService) {}

  /** With `object`: the history of the objects so named now (their files keep their names across renames). */
  async log(uuid: string, query: LogQuery): Promise<CommitPage> {
    const { repo } = await this.repos.open(uuid);
    if (!query.object) return log(repo, query);
    const paths = pathsOfObjectsNamed(readTree(repo.path), query.object);
    if (paths.length === 0) return { items: [], nextCursor: null };
    return log(repo, query, paths);
  }

  async commit(uuid: string, sha: string): Promise<DashboardCommitDetail> {
    return describedCommit((await this.repos.open(uuid)).repo, sha);
  }

  async diff(uuid: string, query: FileDiffQuery): Promise<DashboardFileDiff> {
    const { repo } = await this.repos.open(uuid);
    return describedDiff(repo, query, await fileDiff(repo, query));
  }
}
