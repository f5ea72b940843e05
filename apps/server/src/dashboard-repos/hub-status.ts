// The hub's git column: per connected dashboard its branch, clean or dirty, ahead/behind and last sync.
import type { DashboardGitStatus, GitStatus } from '@superset-git/contracts';
import { status, type Repo } from '@superset-git/git';
import type { DashboardReposService } from './dashboard-repos.service.ts';
import type { DashboardRepoRow } from './dashboard-repos.store.ts';

/**
 * Each repository's last status, good while no write has begun since: every change to a dashboard's repository
 * (sync, commit, switch, pull, push…) goes through its write queue. A hub of 300 dashboards would otherwise run
 * 300 `git status` processes per page view.
 */
const known = new WeakMap<Repo, { generation: number; value: GitStatus }>();

/** Cold statuses (after a start, or after a sync-all wrote to every repository) run this many at a time. */
const STATUS_AT_ONCE = 8;

/** The repository's status, from the cache while nothing was written since; a write-through for sync-all too. */
export async function statusOf(repo: Repo): Promise<GitStatus> {
  const hit = known.get(repo);
  if (hit && hit.generation === repo.generation) return hit.value;
  const before = repo.generation;
  const value = await status(repo);
  if (repo.generation === before && Number.isInteger(before)) known.set(repo, { generation: before, value });
  return value;
}

/** The git column of the hub's rows that sync from its environment (`here`, read by the caller). */
export async function hubStatus(
  repos: DashboardReposService,
  here: DashboardRepoRow[],
): Promise<Map<string, DashboardGitStatus>> {
  const out = new Map<string, DashboardGitStatus>();
  // A page of 500 cold repositories would otherwise start 500 git processes at once on a machine of two cores.
  let next = 0;
  const worker = async () => {
    for (let row = here[next++]; row; row = here[next++]) {
      try {
        const git = await statusOf(repos.repoOf(row));
        out.set(row.dashboardUuid, {
          branch: git.branch ?? `detached at ${git.head?.slice(0, 7) ?? '?'}`,
          clean: git.clean,
          ahead: git.ahead,
          behind: git.behind,
          lastSyncAt: row.lastSyncAt,
        });
      } catch {
        // A damaged repository shows as not connected rather than failing the whole hub page.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STATUS_AT_ONCE, here.length) }, worker));
  return out;
}
