// The hub's git column: per connected dashboard its branch, clean or dirty, ahead/behind and last sync.
import { GitStatus, type DashboardGitStatus } from '@superset-git/contracts';
import { z } from 'zod';
import { status, type Repo } from '@superset-git/git';
import type { DashboardReposService } from './dashboard-repos.service.ts';
import type { DashboardRepoRow } from './dashboard-repos.store.ts';
import { readStateFile, writeStateFile } from './repo-state-file.ts';

/**
 * Each repository's last status, good while no write has begun or ended since: every change to a dashboard's
 * repository (sync, commit, switch, pull, push, fetch…) is a write, which replaces the repository's write stamp.
 * Kept in memory and in a file in its `.git`, with the stamp it was read under, so a server sharing the folder (or
 * this one after a restart) takes it from there too. A hub of 500 dashboards would otherwise run 500 `git status`
 * processes per page view on a server that did not make them.
 */
const known = new WeakMap<Repo, { stamp: string; value: GitStatus }>();

const StoredStatus = z.object({ stamp: z.string(), status: GitStatus });
const STATUS_FILE = 'hub-status.json';

/** Cold statuses (after a start, or after a sync-all wrote to every repository) run this many at a time. */
const STATUS_AT_ONCE = 8;

/** The repository's status, from what is kept while nothing was written since; a write-through for sync-all too. */
export async function statusOf(repo: Repo): Promise<GitStatus> {
  const stamp = repo.writeStamp();
  const hit = known.get(repo);
  if (hit && hit.stamp === stamp) return hit.value;
  const stored = readStateFile(repo, STATUS_FILE, StoredStatus);
  if (stored && stored.stamp === stamp) {
    known.set(repo, { stamp, value: stored.status });
    return stored.status;
  }
  const value = await status(repo);
  // Kept only when no write began or ended while git looked, here or on another server.
  if (repo.writeStamp() === stamp) {
    known.set(repo, { stamp, value });
    writeStateFile(repo, STATUS_FILE, { stamp, status: value });
  }
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
