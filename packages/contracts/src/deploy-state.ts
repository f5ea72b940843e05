// What a deployed dashboard looks like on its target: what changes inside each object (for the plan and for
// drift), which version is live there, and which of its objects were edited on the target since.
import { z } from 'zod';
import { SupersetUuid } from './common.ts';
import { ObjectType } from './dashboard-repo.ts';
import { DriftCheck, DriftKind } from './drift.ts';

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
    /** The scheduled drift check's last result for the live deployment (null: not checked yet, or the check is off). */
    lastCheck: DriftCheck.nullable(),
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

export const DriftQuery = z.object({
  environment: z.coerce.number().int().positive(),
  /**
   * A branch, tag or commit of the dashboard's repository to compare the environment with. Default: the version
   * live on that environment when it has one, else the repository's current branch.
   */
  ref: z.string().trim().min(1).max(250).optional(),
});
export type DriftQuery = z.infer<typeof DriftQuery>;

export const DriftDiffItem = z
  .object({
    objectType: ObjectType,
    uuid: z.string(),
    name: z.string().nullable(),
    kind: DriftKind,
    ...objectDiffFields,
  })
  .meta({ id: 'DriftDiffItem' });
export type DriftDiffItem = z.infer<typeof DriftDiffItem>;

/** What the environment was compared with. */
export const DriftRef = z
  .object({
    /** The ref as asked, or the live deployment's ref, or the current branch. */
    ref: z.string(),
    sha: z.string(),
    /** True when this is the version live on the environment. */
    live: z.boolean(),
  })
  .meta({ id: 'DriftRef' });
export type DriftRef = z.infer<typeof DriftRef>;

export const DriftDiff = z
  .object({
    /** Null: the dashboard has no live deployment on the environment. */
    live: LiveVersion.nullable(),
    against: DriftRef,
    /** Objects whose environment version differs from the ref's; before = the ref's, after = the environment now. */
    items: z.array(DriftDiffItem),
    /** Objects (dashboard, charts, datasets) identical on both sides. */
    unchanged: z.number().int(),
  })
  .meta({ id: 'DriftDiff' });
export type DriftDiff = z.infer<typeof DriftDiff>;
