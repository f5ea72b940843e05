// pull_requests table access.
import { and, desc, eq } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { pullRequests } from '../db/schema.ts';

export type PullRequestRow = typeof pullRequests.$inferSelect;

export class PullRequestsStore {
  constructor(private readonly db: Db) {}

  insert(values: typeof pullRequests.$inferInsert): PullRequestRow {
    return writtenRow(this.db.insert(pullRequests).values(values).returning().all(), 'The pull request');
  }

  /** Newest first. */
  list(dashboardUuid: string): PullRequestRow[] {
    return this.db
      .select()
      .from(pullRequests)
      .where(eq(pullRequests.dashboardUuid, dashboardUuid))
      .orderBy(desc(pullRequests.id))
      .limit(200)
      .all();
  }

  openFor(dashboardUuid: string, branch: string): PullRequestRow | undefined {
    return this.db
      .select()
      .from(pullRequests)
      .where(
        and(
          eq(pullRequests.dashboardUuid, dashboardUuid),
          eq(pullRequests.branch, branch),
          eq(pullRequests.state, 'open'),
        ),
      )
      .orderBy(desc(pullRequests.id))
      .get();
  }

  setState(id: number, state: PullRequestRow['state']): PullRequestRow {
    return writtenRow(
      this.db
        .update(pullRequests)
        .set({ state, updatedAt: new Date().toISOString() })
        .where(eq(pullRequests.id, id))
        .returning()
        .all(),
      `Pull request ${id}`,
    );
  }
}
