// dashboard_repos table access.
import { and, count, eq, gte, inArray } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { dashboardRepos } from '../db/schema.ts';

export type DashboardRepoRow = typeof dashboardRepos.$inferSelect;

export class DashboardReposStore {
  constructor(private readonly db: Db) {}

  byUuid(uuid: string): DashboardRepoRow | undefined {
    return this.db.select().from(dashboardRepos).where(eq(dashboardRepos.dashboardUuid, uuid)).get();
  }

  byUuids(uuids: string[]): DashboardRepoRow[] {
    if (uuids.length === 0) return [];
    return this.db.select().from(dashboardRepos).where(inArray(dashboardRepos.dashboardUuid, uuids)).all();
  }

  /** How many of an environment's repositories were synced at or after `since` (an ISO time). */
  countSyncedSince(environmentId: number, since: string): number {
    return (
      this.db
        .select({ n: count() })
        .from(dashboardRepos)
        .where(and(eq(dashboardRepos.environmentId, environmentId), gte(dashboardRepos.lastSyncAt, since)))
        .get()?.n ?? 0
    );
  }

  insert(values: typeof dashboardRepos.$inferInsert): DashboardRepoRow {
    return writtenRow(this.db.insert(dashboardRepos).values(values).returning().all(), 'The repository');
  }

  setLastSync(uuid: string, at: string): void {
    this.db
      .update(dashboardRepos)
      .set({ lastSyncAt: at })
      .where(eq(dashboardRepos.dashboardUuid, uuid))
      .run();
  }

  /** The repository's remote and the git server holding its token; nulls when it is detached. */
  setRemote(
    uuid: string,
    remote: { gitServerId: number | null; remoteUrl: string | null },
  ): DashboardRepoRow {
    return writtenRow(
      this.db
        .update(dashboardRepos)
        .set(remote)
        .where(eq(dashboardRepos.dashboardUuid, uuid))
        .returning()
        .all(),
      'The repository',
    );
  }

  delete(uuid: string): boolean {
    return this.db.delete(dashboardRepos).where(eq(dashboardRepos.dashboardUuid, uuid)).run().changes > 0;
  }
}
