// deployments table access.
import { and, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import { writtenRow, type Db } from '../db/database.ts';
import { deployments, tasks } from '../db/schema.ts';

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

  /**
   * Every deployment of these dashboards into one environment, newest first (a hub page's, in one query), with
   * when its task finished: the moment superset-git last wrote the target.
   */
  forDashboards(
    environmentId: number,
    uuids: string[],
  ): Array<DeploymentRow & { finishedAt: string | null }> {
    if (uuids.length === 0) return [];
    const rows = this.db
      .select({ row: deployments, finishedAt: tasks.finishedAt })
      .from(deployments)
      .leftJoin(tasks, eq(tasks.id, deployments.taskId))
      .where(and(eq(deployments.environmentId, environmentId), inArray(deployments.dashboardUuid, uuids)))
      .orderBy(desc(deployments.id))
      .all();
    return rows.map(({ row, finishedAt }) => ({ ...row, finishedAt }));
  }

  /** Each dashboard's live deployment on one environment (its newest successful deploy): ids and commits only. */
  liveOn(environmentId: number): Array<{ id: number; dashboardUuid: string; sha: string }> {
    const newest = this.db
      .select({ id: max(deployments.id) })
      .from(deployments)
      .where(
        and(
          eq(deployments.environmentId, environmentId),
          eq(deployments.kind, 'deploy'),
          eq(deployments.state, 'SUCCESS'),
        ),
      )
      .groupBy(deployments.dashboardUuid);
    return this.db
      .select({ id: deployments.id, dashboardUuid: deployments.dashboardUuid, sha: deployments.sha })
      .from(deployments)
      .where(inArray(deployments.id, newest))
      .orderBy(deployments.id)
      .all();
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
