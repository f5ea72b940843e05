// What a deploy plan knows beyond the objects it imports: which other dashboards on the target use an object it
// overwrites, and the one-click fixes (deploy settings) a plan problem offers.
import { z } from 'zod';
import { SupersetUuid } from './common.ts';
import type { DatabaseMapping, DeploySettings, DeploySettingsInput } from './deploy.ts';

export const UsedBy = z
  .object({
    /** The dashboard's uuid on the target, when the target lists it. */
    uuid: z.string().optional(),
    /** The dashboard's id on the target. */
    id: z.number().int(),
    title: z.string(),
  })
  .meta({ id: 'UsedBy' });
export type UsedBy = z.infer<typeof UsedBy>;

/**
 * A change of this environment's deploy settings that settles a plan problem; the dialog saves it and plans
 * again. `label` says what it does in words a person reads on the button.
 */
export const PlanFix = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('adopt-database'),
      label: z.string(),
      /** The bundle's database. */
      databaseUuid: SupersetUuid(),
      /** The target's database of the same name, used in its place. */
      targetDatabaseUuid: SupersetUuid(),
    }),
    z.object({
      kind: z.literal('rename-database'),
      label: z.string(),
      databaseUuid: SupersetUuid(),
      databaseName: z.string().min(1).max(250),
    }),
    z.object({
      kind: z.literal('dashboard-slug'),
      label: z.string(),
      dashboardSlug: z.string().min(1).max(255),
    }),
  ])
  .meta({ id: 'PlanFix' });
export type PlanFix = z.infer<typeof PlanFix>;

/**
 * The settings to save for a fix: what is saved now, with the fix applied (passwords stay as saved: a mapping
 * sent without one keeps it). The web's one-click fix and the tests apply fixes the same way.
 */
export function settingsWithFix(saved: DeploySettings, fix: PlanFix): DeploySettingsInput {
  const databases: DatabaseMapping[] = saved.databases.map((entry) => ({
    databaseUuid: entry.databaseUuid,
    ...(entry.sqlalchemyUri ? { sqlalchemyUri: entry.sqlalchemyUri } : {}),
    ...(entry.targetDatabaseUuid ? { targetDatabaseUuid: entry.targetDatabaseUuid } : {}),
    ...(entry.databaseName ? { databaseName: entry.databaseName } : {}),
  }));
  const { databases: _saved, ...rest } = saved;
  if (fix.kind === 'dashboard-slug') return { ...rest, databases, dashboardSlug: fix.dashboardSlug };
  let mapping = databases.find((entry) => entry.databaseUuid === fix.databaseUuid);
  if (!mapping) databases.push((mapping = { databaseUuid: fix.databaseUuid }));
  // Adopting and renaming exclude each other: the last choice wins.
  delete mapping.targetDatabaseUuid;
  delete mapping.databaseName;
  if (fix.kind === 'adopt-database') mapping.targetDatabaseUuid = fix.targetDatabaseUuid;
  else mapping.databaseName = fix.databaseName;
  return { ...rest, databases };
}
