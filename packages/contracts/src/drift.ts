// Drift of an environment from the repository: what kind of difference an object shows, and the scheduled check's
// last result for a dashboard's live deployment.
import { z } from 'zod';
import { ObjectType } from './dashboard-repo.ts';

/**
 * different: both have it and it differs; new: in the ref, not on the environment (a deploy would create it);
 * missing: on the environment, not in the ref.
 */
export const DriftKind = z.enum(['different', 'new', 'missing']);
export type DriftKind = z.infer<typeof DriftKind>;

export const DriftCheckObject = z
  .object({ objectType: ObjectType, uuid: z.string(), name: z.string().nullable(), kind: DriftKind })
  .meta({ id: 'DriftCheckObject' });
export type DriftCheckObject = z.infer<typeof DriftCheckObject>;

/** The environment's export compared with its live deployment by the scheduled check. */
export const DriftCheck = z
  .object({
    checkedAt: z.iso.datetime(),
    /** The live deployment it was compared with. */
    deploymentId: z.number().int(),
    /** What differs from the live version (empty: the environment holds exactly what was deployed). */
    objects: z.array(DriftCheckObject),
    /** Why the check could not compare this time (Superset unreachable, the dashboard gone); null when it did. */
    error: z.string().nullable(),
  })
  .meta({ id: 'DriftCheck' });
export type DriftCheck = z.infer<typeof DriftCheck>;

export const AdoptRequest = z
  .object({
    environmentId: z.number().int().positive(),
    /** The new branch; it must not exist yet. */
    branch: z.string().trim().min(1).max(250),
  })
  .meta({ id: 'AdoptRequest' });
export type AdoptRequest = z.infer<typeof AdoptRequest>;

export const AdoptResult = z
  .object({
    branch: z.string(),
    sha: z.string(),
    /** The live deployment's commit the branch starts from. */
    base: z.string(),
    /** Objects the commit changes against that commit. */
    changed: z.number().int(),
    /** What kept the environment's value because the deploy settings' change could not be put back. */
    notReversed: z.array(z.string()),
  })
  .meta({ id: 'AdoptResult' });
export type AdoptResult = z.infer<typeof AdoptResult>;

export const PutBackRequest = z
  .object({
    environmentId: z.number().int().positive(),
    /** Only the plan of putting the live version back. */
    dryRun: z.boolean().default(false),
  })
  .meta({ id: 'PutBackRequest' });
export type PutBackRequest = z.infer<typeof PutBackRequest>;
