// Per-environment deploy settings: database mapping (passwords sealed, write-only; or the target's own database
// of the same name adopted, or another name there), dataset schema and
// dashboard slug/title overrides, and protection (only tags or one branch may deploy).
import { DeploySettingsInput, type DeploySettings } from '@superset-git/contracts';
import type { DeployOverrides } from '@superset-git/superset';
import type { PluginEnvironments } from '../plugins/plugin.ts';
import { secretHint, type SecretBox } from '../secrets/secret-box.ts';
import type { DeploySettingsStore } from './deploy-settings.store.ts';

export interface ResolvedDeploySettings extends Omit<DeploySettingsInput, 'databases'> {
  databases: Array<{
    databaseUuid: string;
    sqlalchemyUri: string | null;
    password: string | null;
    targetDatabaseUuid: string | null;
    databaseName: string | null;
  }>;
}

export class DeploySettingsService {
  constructor(
    private readonly store: DeploySettingsStore,
    private readonly secrets: SecretBox,
    private readonly environments: PluginEnvironments,
  ) {}

  /** With passwords opened: for deploys only, never for answers. */
  async resolved(environmentId: number): Promise<ResolvedDeploySettings> {
    await this.environments.get(environmentId);
    const row = await this.store.byEnvironment(environmentId);
    const settings = DeploySettingsInput.parse(row ? JSON.parse(row.settingsJson) : {});
    const passwords = row?.passwordsSealed
      ? (JSON.parse(this.secrets.open(row.passwordsSealed)) as Record<string, string>)
      : {};
    return {
      ...settings,
      databases: settings.databases.map((mapping) => ({
        databaseUuid: mapping.databaseUuid,
        sqlalchemyUri: mapping.sqlalchemyUri ?? null,
        password: passwords[mapping.databaseUuid] ?? null,
        targetDatabaseUuid: mapping.targetDatabaseUuid ?? null,
        databaseName: mapping.databaseName ?? null,
      })),
    };
  }

  /** What a deploy into this environment changes in the tree (the deploy and the drift check apply the same). */
  overrides(settings: ResolvedDeploySettings): DeployOverrides {
    return {
      databaseUris: new Map(
        settings.databases.flatMap((entry) =>
          entry.sqlalchemyUri ? [[entry.databaseUuid, entry.sqlalchemyUri] as const] : [],
        ),
      ),
      databaseAdoptions: new Map(
        settings.databases.flatMap((entry) =>
          entry.targetDatabaseUuid ? [[entry.databaseUuid, entry.targetDatabaseUuid] as const] : [],
        ),
      ),
      databaseNames: new Map(
        settings.databases.flatMap((entry) =>
          entry.databaseName ? [[entry.databaseUuid, entry.databaseName] as const] : [],
        ),
      ),
      datasetSchema: settings.datasetSchema,
      dashboardSlug: settings.dashboardSlug,
      dashboardTitle: settings.dashboardTitle,
    };
  }

  /** The environments whose drift check is on, with its interval. */
  async driftCheckIntervals(): Promise<Array<{ environmentId: number; minutes: number }>> {
    return (await this.store.all()).flatMap((row) => {
      const minutes = DeploySettingsInput.safeParse(JSON.parse(row.settingsJson)).data?.driftCheckMinutes;
      return minutes ? [{ environmentId: row.environmentId, minutes }] : [];
    });
  }

  async get(environmentId: number): Promise<DeploySettings> {
    const settings = await this.resolved(environmentId);
    return {
      ...settings,
      databases: settings.databases.map((mapping) => ({
        databaseUuid: mapping.databaseUuid,
        sqlalchemyUri: mapping.sqlalchemyUri,
        passwordHint: mapping.password ? secretHint(mapping.password) : null,
        targetDatabaseUuid: mapping.targetDatabaseUuid,
        databaseName: mapping.databaseName,
      })),
    };
  }

  /** Replaces the settings; a mapping without a password keeps the saved one. */
  async put(environmentId: number, input: DeploySettingsInput): Promise<DeploySettings> {
    const previous = await this.resolved(environmentId);
    const passwords: Record<string, string> = {};
    for (const mapping of input.databases) {
      const kept = previous.databases.find((entry) => entry.databaseUuid === mapping.databaseUuid)?.password;
      const password = mapping.password ?? kept;
      if (password) passwords[mapping.databaseUuid] = password;
    }
    const settingsJson = JSON.stringify({
      ...input,
      databases: input.databases.map(({ password: _password, ...rest }) => rest),
    });
    const passwordsSealed = Object.keys(passwords).length
      ? this.secrets.seal(JSON.stringify(passwords))
      : null;
    await this.store.put(environmentId, { settingsJson, passwordsSealed });
    return this.get(environmentId);
  }
}
