// The deploy_settings table: one row per environment, settings as JSON and the database passwords sealed.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { deploySettings } from '../db/schema.ts';

export interface DeploySettingsRow {
  settingsJson: string;
  passwordsSealed: string | null;
}

export class DeploySettingsStore {
  constructor(private readonly db: Db) {}

  byEnvironment(environmentId: number): DeploySettingsRow | undefined {
    return this.db.select().from(deploySettings).where(eq(deploySettings.environmentId, environmentId)).get();
  }

  /** Every environment's settings (a handful of rows: one per environment that has any). */
  all(): Array<DeploySettingsRow & { environmentId: number }> {
    return this.db
      .select({
        environmentId: deploySettings.environmentId,
        settingsJson: deploySettings.settingsJson,
        passwordsSealed: deploySettings.passwordsSealed,
      })
      .from(deploySettings)
      .all();
  }

  put(environmentId: number, row: DeploySettingsRow): void {
    this.db
      .insert(deploySettings)
      .values({ environmentId, ...row })
      .onConflictDoUpdate({
        target: deploySettings.environmentId,
        set: { ...row, updatedAt: new Date().toISOString() },
      })
      .run();
  }
}
