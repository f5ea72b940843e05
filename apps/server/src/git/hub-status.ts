// The hub's git column: per connected dashboard its branch, clean or dirty, ahead/behind and last sync.
import type { DashboardGitStatus } from '@superset-git/contracts';
import { status } from '@superset-git/git';
import type { DashboardReposService } from './dashboard-repos.service.ts';

export async function hubStatus(
  repos: DashboardReposService,
  uuids: string[],
): Promise<Map<string, DashboardGitStatus>> {
  const out = new Map<string, DashboardGitStatus>();
  await Promise.all(
    repos.rowsFor(uuids).map(async (row) => {
      try {
        const git = await status(repos.open(row.dashboardUuid).repo);
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
    }),
  );
  return out;
}
