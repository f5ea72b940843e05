// drift_checks table access: the scheduled drift check's last result per environment and dashboard.
import { and, count, eq, inArray, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { driftChecks } from '../db/schema.ts';

export type DriftCheckRow = typeof driftChecks.$inferSelect;

export class DriftChecksStore {
  constructor(private readonly db: Db) {}

  put(row: DriftCheckRow): void {
    const { environmentId: _environmentId, dashboardUuid: _dashboardUuid, ...rest } = row;
    this.db
      .insert(driftChecks)
      .values(row)
      .onConflictDoUpdate({ target: [driftChecks.environmentId, driftChecks.dashboardUuid], set: rest })
      .run();
  }

  forDashboards(environmentId: number, uuids: string[]): DriftCheckRow[] {
    if (uuids.length === 0) return [];
    return this.db
      .select()
      .from(driftChecks)
      .where(and(eq(driftChecks.environmentId, environmentId), inArray(driftChecks.dashboardUuid, uuids)))
      .all();
  }

  /**
   * The environment's stored results in one row (for the last run when the server restarted since): how many,
   * how many differ, how many could not compare, and the first and last time one was stored.
   */
  summary(environmentId: number): {
    checked: number;
    drifted: number;
    failed: number;
    first: string | null;
    last: string | null;
  } {
    const row = this.db
      .select({
        checked: count(),
        drifted: sql<number>`coalesce(sum(${driftChecks.error} is null and ${driftChecks.objectsJson} <> '[]'), 0)`,
        failed: sql<number>`coalesce(sum(${driftChecks.error} is not null), 0)`,
        first: min(driftChecks.checkedAt),
        last: max(driftChecks.checkedAt),
      })
      .from(driftChecks)
      .where(eq(driftChecks.environmentId, environmentId))
      .get();
    return row ?? { checked: 0, drifted: 0, failed: 0, first: null, last: null };
  }
}
