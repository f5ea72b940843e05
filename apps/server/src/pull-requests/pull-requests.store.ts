// pull_requests table access.
import { and, desc, eq } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import type { pullRequests } from '../db/postgres-schema.ts';

export type PullRequestRow = typeof pullRequests.$inferSelect;

export class PullRequestsStore {
  constructor(private readonly db: Db) {}

  async insert(values: typeof pullRequests.$inferInsert): Promise<PullRequestRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.pullRequests).values(values).returning(), 'The pull request');
  }

  /** Newest first. */
  async list(dashboardUuid: string): Promise<PullRequestRow[]> {
    const { orm, t } = this.db;
    return orm
      .select()
      .from(t.pullRequests)
      .where(eq(t.pullRequests.dashboardUuid, dashboardUuid))
      .orderBy(desc(t.pullRequests.id))
      .limit(200);
  }

  async openFor(dashboardUuid: string, branch: string): Promise<PullRequestRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select()
      .from(t.pullRequests)
      .where(
        and(
          eq(t.pullRequests.dashboardUuid, dashboardUuid),
          eq(t.pullRequests.branch, branch),
          eq(t.pullRequests.state, 'open'),
        ),
      )
      .orderBy(desc(t.pullRequests.id))
      .limit(1);
    return row;
  }

  async setState(id: number, state: PullRequestRow['state']): Promise<PullRequestRow> {
    const { orm, t } = this.db;
    return writtenRow(
      await orm
        .update(t.pullRequests)
        .set({ state, updatedAt: new Date().toISOString() })
        .where(eq(t.pullRequests.id, id))
        .returning(),
      `Pull request ${id}`,
    );
  }
}
