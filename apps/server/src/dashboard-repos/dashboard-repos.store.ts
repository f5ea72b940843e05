// dashboard_repos table access.
import { and, count, eq, gte, inArray } from 'drizzle-orm';
import { changedRows, writtenRow, type Db } from '../db/database.ts';
import type { dashboardRepos } from '../db/postgres-schema.ts';

export type DashboardRepoRow = typeof dashboardRepos.$inferSelect;

export class DashboardReposStore {
  constructor(private readonly db: Db) {}

  async byUuid(uuid: string): Promise<DashboardRepoRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.dashboardRepos).where(eq(t.dashboardRepos.dashboardUuid, uuid));
    return row;
  }

  async byUuids(uuids: string[]): Promise<DashboardRepoRow[]> {
    if (uuids.length === 0) return [];
    const { orm, t } = this.db;
    return orm.select().from(t.dashboardRepos).where(inArray(t.dashboardRepos.dashboardUuid, uuids));
  }

  /** Whether any repository syncs from the environment. */
  async anyIn(environmentId: number): Promise<boolean> {
    const { orm, t } = this.db;
    const rows = await orm
      .select({ uuid: t.dashboardRepos.dashboardUuid })
      .from(t.dashboardRepos)
      .where(eq(t.dashboardRepos.environmentId, environmentId))
      .limit(1);
    return rows.length > 0;
  }

  /** How many of an environment's repositories were synced at or after `since` (an ISO time). */
  async countSyncedSince(environmentId: number, since: string): Promise<number> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select({ n: count() })
      .from(t.dashboardRepos)
      .where(and(eq(t.dashboardRepos.environmentId, environmentId), gte(t.dashboardRepos.lastSyncAt, since)));
    return row?.n ?? 0;
  }

  async insert(values: typeof dashboardRepos.$inferInsert): Promise<DashboardRepoRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.dashboardRepos).values(values).returning(), 'The repository');
  }

  async setLastSync(uuid: string, at: string): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .update(t.dashboardRepos)
      .set({ lastSyncAt: at })
      .where(eq(t.dashboardRepos.dashboardUuid, uuid));
  }

  /** The repository's remote and the git server holding its token; nulls when it is detached. */
  async setRemote(
    uuid: string,
    remote: { gitServerId: number | null; remoteUrl: string | null },
  ): Promise<DashboardRepoRow> {
    const { orm, t } = this.db;
    return writtenRow(
      await orm
        .update(t.dashboardRepos)
        .set(remote)
        .where(eq(t.dashboardRepos.dashboardUuid, uuid))
        .returning(),
      'The repository',
    );
  }

  async delete(uuid: string): Promise<boolean> {
    const { orm, t } = this.db;
    return (
      changedRows(await orm.delete(t.dashboardRepos).where(eq(t.dashboardRepos.dashboardUuid, uuid))) > 0
    );
  }
}
