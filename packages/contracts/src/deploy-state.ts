// What a deployed dashboard looks like on its target: what changes inside each object (for the plan and for
// drift), which version is live there, and which of its objects were edited on the target since.
import { z } from 'zod';
import { SupersetUuid } from './common.ts';
import { ObjectType } from './dashboard-repo.ts';

/** What changes inside one object, between the target's version and another (the plan's, or the deployed one). */
export const objectDiffFields = {
  /** Short lines a person reads first: "renamed 'A' → 'B'", "sql changed", "3 columns added". */
  changes: z.array(z.string()).default([]),
  /** The object's normalized YAML on the target (null: it is not there). */
  before: z.string().nullable().default(null),
  /** The object's normalized YAML on the other side (null: it is not there). */
  after: z.string().nullable().default(null),
};

export const LiveVersion = z
  .object({
    deploymentId: z.number().int(),
    ref: z.string(),
    sha: z.string(),
    deployedAt: z.iso.datetime(),
    deployedBy: z.string().nullable(),
  })
  .meta({ id: 'LiveVersion' });
export type LiveVersion = z.infer<typeof LiveVersion>;

export const DriftedObject = z
  .object({
    objectType: ObjectType,
    uuid: z.string(),
    /** The object's name on the target now. */
    name: z.string().nullable(),
    changedOn: z.string().nullable(),
  })
  .meta({ id: 'DriftedObject' });
export type DriftedObject = z.infer<typeof DriftedObject>;

export const DashboardDeployState = z
  .object({
    dashboardUuid: z.string(),
    /** The environment the dashboard's repository syncs from (where it is edited). */
    sourceEnvironmentId: z.number().int(),
    /** Null: never deployed here, or every deploy here was rolled back or failed. */
    live: LiveVersion.nullable(),
    /** Deployed objects edited on the target after superset-git last wrote them there. */
    drift: z.array(DriftedObject),
  })
  .meta({ id: 'DashboardDeployState' });
export type DashboardDeployState = z.infer<typeof DashboardDeployState>;

export const DeployStateQuery = z.object({
  /**
   * Comma-separated dashboard uuids, at most 100 (a longer hub page asks in parts): 100 keep the URL far below
   * the server's 16 KB limit on a request's head.
   */
  dashboards: z
    .string()
    .max(4_000)
    .regex(/^[0-9a-fA-F, -]*$/, 'dashboards: comma-separated uuids')
    .transform((value) =>
      value
        .split(',')
        .map((uuid) => uuid.trim())
        .filter(Boolean),
    )
    .pipe(z.array(SupersetUuid()).max(100)),
});
export type DeployStateQuery = z.infer<typeof DeployStateQuery>;

export const DeployStateList = z
  .object({
    /** Only the dashboards whose repository syncs from another environment. */
    items: z.array(DashboardDeployState),
  })
  .meta({ id: 'DeployStateList' });
export type DeployStateList = z.infer<typeof DeployStateList>;

export const DriftQuery = z.object({ environment: z.coerce.number().int().positive() });
export type DriftQuery = z.infer<typeof DriftQuery>;

export const DriftDiffItem = z
  .object({
    objectType: ObjectType,
    uuid: z.string(),
    name: z.string().nullable(),
    /** edited: differs from the deployed version; added/removed: on the target only, or in the deployed tree only. */
    kind: z.enum(['edited', 'added', 'removed']),
    ...objectDiffFields,
  })
  .meta({ id: 'DriftDiffItem' });
export type DriftDiffItem = z.infer<typeof DriftDiffItem>;

export const DriftDiff = z
  .object({
    live: LiveVersion,
    /** Objects whose target version differs from the deployed one; before = deployed, after = the target now. */
    items: z.array(DriftDiffItem),
  })
  .meta({ id: 'DriftDiff' });
export type DriftDiff = z.infer<typeof DriftDiff>;
