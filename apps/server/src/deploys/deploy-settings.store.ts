// The deploy_settings table: one row per environment, settings as JSON and the database passwords sealed.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';

export interface DeploySettingsRow {
  settingsJson: string;
  passwordsSealed: string | null;
}

export class DeploySettingsStore {
  constructor(private readonly db: Db) {}

  async byEnvironment(environmentId: number): Promise<DeploySettingsRow | undefined> {
    const { orm, t } = this.db;
    const [row] = await orm
      .select()
      .from(t.deploySettings)
      .where(eq(t.deploySettings.environmentId, environmentId));
    return row;
  }

  /** Every environment's settings (a handful of rows: one per environment that has any). */
  async all(): Promise<Array<DeploySettingsRow & { environmentId: number }>> {
    const { orm, t } = this.db;
    return orm
      .select({
        environmentId: t.deploySettings.environmentId,
        settingsJson: t.deploySettings.settingsJson,
        passwordsSealed: t.deploySettings.passwordsSealed,
      })
      .from(t.deploySettings);
  }

  async put(environmentId: number, row: DeploySettingsRow): Promise<void> {
    const { orm, t } = this.db;
    await orm
      .insert(t.deploySettings)
      .values({ environmentId, ...row })
      .onConflictDoUpdate({
        target: t.deploySettings.environmentId,
        set: { ...row, updatedAt: new Date().toISOString() },
      });
  }
}
