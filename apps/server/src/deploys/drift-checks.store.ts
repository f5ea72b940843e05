// drift_checks table access: the scheduled drift check's last result per environment and dashboard.
import { and, eq, inArray } from 'drizzle-orm';
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
}
