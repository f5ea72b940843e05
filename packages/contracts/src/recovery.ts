// What can be brought back into a dashboard's repository: safety branches (uncommitted edits a switch set aside)
// and deleted branches whose backup is kept; applying, deleting and restoring them.
import { z } from 'zod';
import { ObjectType } from './dashboard-repo.ts';
import { CommitSummary, GitPerson } from './git.ts';

const BranchName = z.string().min(1).max(250);

/** An object a kept branch changed, by the name people know it by. */
export const HeldObject = z
  .object({
    path: z.string(),
    objectType: ObjectType,
    /** The chart's, dataset's, database's or dashboard's name; null for files that are not objects. */
    objectName: z.string().nullable(),
    change: z.enum(['added', 'modified', 'deleted']),
  })
  .meta({ id: 'HeldObject' });
export type HeldObject = z.infer<typeof HeldObject>;

export const SafetyBranch = z
  .object({
    name: z.string(),
    oid: z.string(),
    takenAt: z.string(),
    takenBy: GitPerson,
    /** The branch the edits were made on; null for safety branches older than this record. */
    takenFrom: z.string().nullable(),
    /** Why it was taken, e.g. "Uncommitted edits before switching to release". */
    reason: z.string(),
    /** What differs from the commit it was taken from. */
    objects: z.array(HeldObject),
  })
  .meta({ id: 'SafetyBranch' });
export type SafetyBranch = z.infer<typeof SafetyBranch>;

export const DeletedBranch = z
  .object({
    name: z.string(),
    lastCommit: CommitSummary,
    /** Commits no branch has now: what restoring brings back. */
    unmergedCommits: z.number().int(),
    /** What the branch changed since it left the current branch. */
    objects: z.array(HeldObject),
  })
  .meta({ id: 'DeletedBranch' });
export type DeletedBranch = z.infer<typeof DeletedBranch>;

export const RecoveryList = z
  .object({ safetyBranches: z.array(SafetyBranch), deletedBranches: z.array(DeletedBranch) })
  .meta({ id: 'RecoveryList' });
export type RecoveryList = z.infer<typeof RecoveryList>;

/** A safety branch or deleted branch, named. */
export const KeptBranchRequest = z.object({ name: BranchName }).meta({ id: 'KeptBranchRequest' });
export type KeptBranchRequest = z.infer<typeof KeptBranchRequest>;

export const KeptBranchQuery = z.object({ name: BranchName });
export type KeptBranchQuery = z.infer<typeof KeptBranchQuery>;
