// deployments table access.
import { and, desc, eq, inArray, isNull, lt, max, notInArray, or, type SQL } from 'drizzle-orm';
import { changedRows, writtenRow, type Db } from '../db/database.ts';
import type { deployments } from '../db/postgres-schema.ts';

export type DeploymentRow = typeof deployments.$inferSelect;

export class DeploymentsStore {
  constructor(private readonly db: Db) {}

  async insert(values: typeof deployments.$inferInsert): Promise<DeploymentRow> {
    const { orm, t } = this.db;
    return writtenRow(await orm.insert(t.deployments).values(values).returning(), 'The deployment');
  }

  async update(id: number, values: Partial<typeof deployments.$inferInsert>): Promise<DeploymentRow> {
    const { orm, t } = this.db;
    return writtenRow(
      await orm.update(t.deployments).set(values).where(eq(t.deployments.id, id)).returning(),
      `Deployment ${id}`,
    );
  }

  /**
   * Deployments a stopped server left RUNNING: they failed, and say how to put the target back. Those of the given
   * tasks, or else every RUNNING one whose task has ended (or never started, a minute after it was made): a
   * deploy that another server is running has its task still running.
   */
  async failInterrupted(taskIds?: number[]): Promise<number> {
    const { orm, t } = this.db;
    const ended = orm
      .select({ id: t.tasks.id })
      .from(t.tasks)
      .where(notInArray(t.tasks.state, ['PENDING', 'RUNNING']));
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    const whose = taskIds
      ? inArray(t.deployments.taskId, taskIds)
      : or(
          inArray(t.deployments.taskId, ended),
          and(isNull(t.deployments.taskId), lt(t.deployments.createdAt, minuteAgo)),
        );
    const result = await orm
      .update(t.deployments)
      .set({
        state: 'FAILED',
        message:
          'The server stopped during this deploy. If a snapshot was kept, roll this deployment back to put the target back.',
      })
      .where(and(eq(t.deployments.state, 'RUNNING'), whose));
    return changedRows(result);
  }

  async byId(id: number): Promise<DeploymentRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.deployments).where(eq(t.deployments.id, id));
    return row;
  }

  /**
   * Every deployment of these dashboards into one environment, newest first (a hub page's, in one query), with
   * when its task finished: the moment superset-git last wrote the target.
   */
  async forDashboards(
    environmentId: number,
    uuids: string[],
  ): Promise<Array<DeploymentRow & { finishedAt: string | null }>> {
    if (uuids.length === 0) return [];
    const { orm, t } = this.db;
    const rows = await orm
      .select({ row: t.deployments, finishedAt: t.tasks.finishedAt })
      .from(t.deployments)
      .leftJoin(t.tasks, eq(t.tasks.id, t.deployments.taskId))
      .where(and(eq(t.deployments.environmentId, environmentId), inArray(t.deployments.dashboardUuid, uuids)))
      .orderBy(desc(t.deployments.id));
    return rows.map(({ row, finishedAt }) => ({ ...row, finishedAt }));
  }

  /** Each dashboard's live deployment on one environment (its newest successful deploy): ids and commits only. */
  async liveOn(environmentId: number): Promise<Array<{ id: number; dashboardUuid: string; sha: string }>> {
    const { orm, t } = this.db;
    const newest = orm
      .select({ id: max(t.deployments.id) })
      .from(t.deployments)
      .where(
        and(
          eq(t.deployments.environmentId, environmentId),
          eq(t.deployments.kind, 'deploy'),
          eq(t.deployments.state, 'SUCCESS'),
        ),
      )
      .groupBy(t.deployments.dashboardUuid);
    return orm
      .select({ id: t.deployments.id, dashboardUuid: t.deployments.dashboardUuid, sha: t.deployments.sha })
      .from(t.deployments)
      .where(inArray(t.deployments.id, newest))
      .orderBy(t.deployments.id);
  }

  async list(filter: { dashboardUuid?: string; environmentId?: number }): Promise<DeploymentRow[]> {
    const { orm, t } = this.db;
    const where: SQL[] = [];
    if (filter.dashboardUuid) where.push(eq(t.deployments.dashboardUuid, filter.dashboardUuid));
    if (filter.environmentId) where.push(eq(t.deployments.environmentId, filter.environmentId));
    return orm
      .select()
      .from(t.deployments)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(t.deployments.id))
      .limit(200);
  }
}
