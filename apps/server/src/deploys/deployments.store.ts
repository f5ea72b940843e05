// deployments table access.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { deployments } from '../db/schema.ts';

export type DeploymentRow = typeof deployments.$inferSelect;

export class DeploymentsStore {
  constructor(private readonly db: Db) {}

  insert(values: typeof deployments.$inferInsert): DeploymentRow {
    return writtenRow(this.db.insert(deployments).values(values).returning().all(), 'The deployment');
  }

  update(id: number, values: Partial<typeof deployments.$inferInsert>): DeploymentRow {
    return writtenRow(
      this.db.update(deployments).set(values).where(eq(deployments.id, id)).returning().all(),
      `Deployment ${id}`,
    );
  }

  /** Deployments a stopped server left RUNNING: they failed, and say how to put the target back. */
  failInterrupted(): number {
    return this.db
      .update(deployments)
      .set({
        state: 'FAILED',
        message:
          'The server stopped during this deploy. If a snapshot was kept, roll this deployment back to put the target back.',
      })
      .where(eq(deployments.state, 'RUNNING'))
      .run().changes;
  }

  byId(id: number): DeploymentRow | undefined {
    return this.db.select().from(deployments).where(eq(deployments.id, id)).get();
  }

  list(filter: { dashboardUuid?: string; environmentId?: number }): DeploymentRow[] {
    const where: SQL[] = [];
    if (filter.dashboardUuid) where.push(eq(deployments.dashboardUuid, filter.dashboardUuid));
    if (filter.environmentId) where.push(eq(deployments.environmentId, filter.environmentId));
    return this.db
      .select()
      .from(deployments)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(deployments.id))
      .limit(200)
      .all();
  }
}
