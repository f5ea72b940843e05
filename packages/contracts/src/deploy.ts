// Deploying a dashboard's repository at a ref into a target environment: per-environment settings, the plan
// shown first, the deployment record and its rollback.
import { z } from 'zod';
import { SupersetUuid } from './common.ts';
import { ObjectType } from './dashboard-repo.ts';
import { objectDiffFields } from './deploy-state.ts';
import { PlanFix, UsedBy } from './deploy-plan-checks.ts';

export const DatabaseMapping = z
  .object({
    /** The database's uuid in the bundle. */
    databaseUuid: SupersetUuid(),
    /** Connection URI on the target; the bundle's is kept when omitted. */
    sqlalchemyUri: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .refine((uri) => !/\/\/[^/@:]*:(?!X{10}@)[^/@]+@/.test(uri), {
        message:
          'Put the password in the password field, not in the URI: the URI is shown, the password never is.',
      })
      .optional(),
    /** Write-only: stored sealed, never returned. */
    password: z.string().min(1).max(1000).optional(),
    /**
     * Use the target's existing database with this uuid instead of the bundle's (same name, other uuid): the
     * bundle's database and its datasets are rewritten to it before planning and importing.
     */
    targetDatabaseUuid: SupersetUuid().optional(),
    /** The database's name on the target, when the bundle's is taken there by another database. */
    databaseName: z.string().trim().min(1).max(250).optional(),
  })
  .meta({ id: 'DatabaseMapping' });
export type DatabaseMapping = z.infer<typeof DatabaseMapping>;

const settingsFields = {
  /** Schema every dataset gets on this environment. */
  datasetSchema: z.string().trim().min(1).max(200).nullable().default(null),
  dashboardSlug: z.string().trim().min(1).max(255).nullable().default(null),
  dashboardTitle: z.string().trim().min(1).max(500).nullable().default(null),
  /** Only tags, or the one branch named in `allowedBranch`, may deploy here. */
  protected: z.boolean().default(false),
  allowedBranch: z.string().trim().min(1).max(250).nullable().default(null),
  /** How often the server compares every dashboard live here with its deployed version (null: never). */
  driftCheckMinutes: z.number().int().min(1).max(10_080).nullable().default(null),
};

export const DeploySettingsInput = z
  .object({ databases: z.array(DatabaseMapping).max(100).default([]), ...settingsFields })
  .meta({ id: 'DeploySettingsUpdate' });
export type DeploySettingsInput = z.infer<typeof DeploySettingsInput>;

export const DeploySettings = z
  .object({
    databases: z.array(
      z.object({
        databaseUuid: z.string(),
        sqlalchemyUri: z.string().nullable(),
        passwordHint: z.string().nullable(),
        targetDatabaseUuid: z.string().nullable().default(null),
        databaseName: z.string().nullable().default(null),
      }),
    ),
    ...settingsFields,
  })
  .meta({ id: 'DeploySettings' });
export type DeploySettings = z.infer<typeof DeploySettings>;

export const PlanAction = z.enum(['create', 'update', 'unchanged', 'delete-on-target']);
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanItem = z
  .object({
    objectType: ObjectType,
    uuid: z.string(),
    name: z.string().nullable(),
    action: PlanAction,
    /** Repository file of the object (the target's file for deletions). */
    path: z.string(),
    /** For an object the target has: what the deploy changes inside it (before: the target's, after: deployed). */
    ...objectDiffFields,
    /** Other dashboards on the target that use this chart or dataset (an update or deletion reaches them too). */
    usedBy: z.array(UsedBy).default([]),
  })
  .meta({ id: 'PlanItem' });
export type PlanItem = z.infer<typeof PlanItem>;

export const DeployProblem = z
  .object({
    path: z.string().nullable(),
    message: z.string(),
    /** Deploy settings that settle it, one click each (none: a person must change the repository). */
    fixes: z.array(PlanFix).optional(),
  })
  .meta({ id: 'DeployProblem' });
export type DeployProblem = z.infer<typeof DeployProblem>;

export const DeployPlan = z
  .object({
    environmentId: z.number().int(),
    ref: z.string(),
    sha: z.string(),
    items: z.array(PlanItem),
    /** Problems that stop the deploy before anything is imported (collisions, missing passwords, protection). */
    errors: z.array(DeployProblem),
    /**
     * What the deploy will do that a person should know but that does not stop it, e.g. fields an older target
     * release cannot hold (a theme, dataset folders), left out of the import.
     */
    warnings: z.array(DeployProblem).default([]),
    /** The target's Superset version, when it tells it. */
    targetVersion: z.string().nullable().default(null),
    summary: z.record(PlanAction, z.number().int()),
    /** How many updated or deleted objects other dashboards on the target use too. */
    shared: z.number().int().default(0),
  })
  .meta({ id: 'DeployPlan' });
export type DeployPlan = z.infer<typeof DeployPlan>;

export const DeployRequest = z
  .object({
    environmentId: z.number().int().positive(),
    ref: z.string().min(1).max(250),
    dryRun: z.boolean().default(false),
  })
  .meta({ id: 'DeployRequest' });
export type DeployRequest = z.infer<typeof DeployRequest>;

export const DeploymentState = z.enum(['PLANNED', 'RUNNING', 'SUCCESS', 'FAILED', 'ROLLED_BACK']);
export type DeploymentState = z.infer<typeof DeploymentState>;

export const Deployment = z
  .object({
    id: z.number().int(),
    dashboardUuid: z.string(),
    environmentId: z.number().int(),
    kind: z.enum(['deploy', 'rollback']),
    ref: z.string(),
    sha: z.string(),
    state: DeploymentState,
    plan: DeployPlan.nullable(),
    message: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    durationMs: z.number().int().nullable(),
    /** Set when a snapshot of the target's previous version was kept, so the deployment can be rolled back. */
    canRollBack: z.boolean(),
    /**
     * What the target holds now, as far as superset-git knows: the newest successful deploy of this dashboard
     * into this environment (a rolled-back or failed one put the version before it back).
     */
    live: z.boolean(),
    taskId: z.number().int().nullable(),
  })
  .meta({ id: 'Deployment' });
export type Deployment = z.infer<typeof Deployment>;

export const DeploymentList = z.object({ items: z.array(Deployment) }).meta({ id: 'DeploymentList' });
export type DeploymentList = z.infer<typeof DeploymentList>;

export const DeployResult = z
  .object({
    plan: DeployPlan,
    /** Null on a dry run: nothing was deployed. */
    deployment: Deployment.nullable(),
  })
  .meta({ id: 'DeployResult' });
export type DeployResult = z.infer<typeof DeployResult>;

export const DeploymentsQuery = z.object({
  dashboard: SupersetUuid().optional(),
  environment: z.coerce.number().int().positive().optional(),
});
export type DeploymentsQuery = z.infer<typeof DeploymentsQuery>;
