// drift_checks table access: the scheduled drift check's last result per environment and dashboard.
import { and, count, eq, inArray, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import type { driftChecks } from '../db/postgres-schema.ts';

export type DriftCheckRow = typeof driftChecks.$inferSelect;

export class DriftChecksStore {
  constructor(private readonly db: Db) {}

  async put(row: DriftCheckRow): Promise<void> {
    const { orm, t } = this.db;
    const { environmentId: _environmentId, dashboardUuid: _dashboardUuid, ...rest } = row;
    await orm
      .insert(t.driftChecks)
      .values(row)
      .onConflictDoUpdate({ target: [t.driftChecks.environmentId, t.driftChecks.dashboardUuid], set: rest });
  }

  async forDashboards(environmentId: number, uuids: string[]): Promise<DriftCheckRow[]> {
    if (uuids.length === 0) return [];
    const { orm, t } = this.db;
    return orm
      .select()
      .from(t.driftChecks)
      .where(
        and(eq(t.driftChecks.environmentId, environmentId), inArray(t.driftChecks.dashboardUuid, uuids)),
      );
  }

  /** When the environment's newest result was stored (by any server); null when none is. */
  async lastCheckedAt(environmentId: number): Promise<string | null> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select({ last: max(t.driftChecks.checkedAt) })
      .from(t.driftChecks)
      .where(eq(t.driftChecks.environmentId, environmentId));
    return row?.last ?? null;
  }

  /**
   * The environment's stored results in one row (for the last run when the server restarted since): how many,
   * how many differ, how many could not compare, and the first and last time one was stored.
   */
  async summary(environmentId: number): Promise<{
    checked: number;
    drifted: number;
    failed: number;
    first: string | null;
    last: string | null;
  }> {
    const { orm, t } = this.db;
    const { error, objectsJson } = t.driftChecks;
    // FILTER reads the same on SQLite (3.30+) and PostgreSQL; PostgreSQL's counts arrive as text.
    const [row] = await orm
      .select({
        checked: count(),
        drifted: sql<number>`count(*) filter (where ${error} is null and ${objectsJson} <> '[]')`.mapWith(
          Number,
        ),
        failed: sql<number>`count(*) filter (where ${error} is not null)`.mapWith(Number),
        first: min(t.driftChecks.checkedAt),
        last: max(t.driftChecks.checkedAt),
      })
      .from(t.driftChecks)
      .where(eq(t.driftChecks.environmentId, environmentId));
    return row ?? { checked: 0, drifted: 0, failed: 0, first: null, last: null };
  }
}
