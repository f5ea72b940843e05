// A dashboard repository's branches and merges as the API speaks of them: list, create, delete, switch (with
// Superset following), and merges (their conflicts are in field-conflicts.ts).
import { z } from 'zod';
import { GitBranch } from './git.ts';

const BranchName = z.string().min(1).max(250);

export const BranchList = z.object({ items: z.array(GitBranch) }).meta({ id: 'BranchList' });
export type BranchList = z.infer<typeof BranchList>;

export const BranchCreate = z
  .object({
    name: BranchName,
    /** A branch, tag or commit; the current commit when left out. */
    from: BranchName.optional(),
  })
  .meta({ id: 'BranchCreate' });
export type BranchCreate = z.infer<typeof BranchCreate>;

export const BranchCreated = z.object({ name: z.string(), oid: z.string() }).meta({ id: 'BranchCreated' });
export type BranchCreated = z.infer<typeof BranchCreated>;

export const BranchDeleteQuery = z.object({
  name: BranchName,
  /** Also when it has commits the current branch does not contain. */
  force: z.stringbool().default(false),
});
export type BranchDeleteQuery = z.infer<typeof BranchDeleteQuery>;

export const BranchDeleted = z
  .object({
    /** Where the branch's commits stay reachable. */
    backupRef: z.string(),
  })
  .meta({ id: 'BranchDeleted' });
export type BranchDeleted = z.infer<typeof BranchDeleted>;

/** Switch the dashboard's branch; Superset follows unless told not to. */
export const BranchSwitchRequest = z
  .object({
    branch: z.string().min(1).max(250),
    /** Import the branch's version into the dashboard's environment, so Superset matches the branch. */
    importIntoSuperset: z.boolean().default(true),
    /** Uncommitted edits (in Superset or the work tree): refuse, or commit them on a new safety branch first. */
    uncommitted: z.enum(['refuse', 'safety-branch']).default('refuse'),
    /** Export again after the import and list the files that differ from the branch (one more export). */
    verify: z.boolean().default(false),
  })
  .meta({ id: 'BranchSwitchRequest' });
export type BranchSwitchRequest = z.infer<typeof BranchSwitchRequest>;

export const BranchSwitchResult = z
  .object({
    branch: z.string(),
    head: z.string(),
    /** Where uncommitted edits were kept, when asked to. */
    safetyBranch: z.string().nullable(),
    imported: z.boolean(),
    /** Objects imported: only those that differ between the branches, or the whole dashboard. */
    importedObjects: z.number().int(),
    /**
     * With `verify`: files that differ between the branch and a fresh export after the import (empty when
     * Superset matches); null when not verified.
     */
    differences: z.array(z.string()).nullable(),
    /**
     * Where clones follow their remotes: what taking the branch from the remote before the switch did (commits
     * taken, or why this copy was left as it is); null when nothing was said.
     */
    fromRemote: z.object({ level: z.enum(['info', 'warn']), message: z.string() }).nullable(),
  })
  .meta({ id: 'BranchSwitchResult' });
export type BranchSwitchResult = z.infer<typeof BranchSwitchResult>;

export const ConflictFileQuery = z.object({ path: z.string().min(1).max(1000) });

export const MergeContinueRequest = z
  .object({ message: z.string().min(1).max(5000).optional() })
  .nullish()
  .meta({ id: 'MergeContinueRequest' });
export type MergeContinueRequest = z.infer<typeof MergeContinueRequest>;
