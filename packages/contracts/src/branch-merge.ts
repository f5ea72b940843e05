// Merging another branch into the current one (Superset follows), and comparing two branches by object: what
// the API speaks of when a person asks "what would this merge bring?".
import { z } from 'zod';
import { ObjectType } from './dashboard-repo.ts';
import { CommitSummary, ConflictFile } from './git.ts';

const RefName = z.string().min(1).max(250);

export const BranchMergeRequest = z
  .object({
    /** The branch to merge into the current one (local, or remote such as `origin/x`). */
    branch: RefName,
  })
  .meta({ id: 'BranchMergeRequest' });
export type BranchMergeRequest = z.infer<typeof BranchMergeRequest>;

/** What a merge task did (its result). "up-to-date" is a result: there was nothing to merge. */
export const BranchMergeResult = z
  .object({
    branch: z.string(),
    into: z.string(),
    outcome: z.enum(['up-to-date', 'fast-forward', 'merged', 'conflicts']),
    head: z.string().nullable(),
    conflicts: z.array(ConflictFile),
    /** Objects imported into Superset; 0 while conflicts wait. */
    importedObjects: z.number().int(),
  })
  .meta({ id: 'BranchMergeResult' });
export type BranchMergeResult = z.infer<typeof BranchMergeResult>;

export const BranchCompareQuery = z.object({
  /** What is merged into (usually the current branch). */
  base: RefName,
  /** What would be merged. */
  head: RefName,
});
export type BranchCompareQuery = z.infer<typeof BranchCompareQuery>;

/** One object that differs between two trees, named as Superset names it. */
export const ObjectDifference = z
  .object({
    type: ObjectType,
    uuid: z.string().nullable(),
    /** The chart's, dataset's, database's or dashboard's name; the path for files that are no object. */
    name: z.string(),
    change: z.enum(['added', 'changed', 'removed']),
    /** Its file on the base side; null when added. */
    basePath: z.string().nullable(),
    /** Its file on the head side; null when removed. */
    headPath: z.string().nullable(),
    /** What changes inside a changed object, in words ("'Total revenue' width 4 → 6"); empty when added or removed. */
    summary: z.array(z.string()),
  })
  .meta({ id: 'ObjectDifference' });
export type ObjectDifference = z.infer<typeof ObjectDifference>;

export const BranchComparison = z
  .object({
    base: z.string(),
    head: z.string(),
    baseSha: z.string(),
    headSha: z.string(),
    /** Commits on head that base does not have: what a merge brings. */
    ahead: z.number().int(),
    /** Commits on base that head does not have. */
    behind: z.number().int(),
    /** The newest of the `ahead` commits (at most 50), newest first. */
    commits: z.array(CommitSummary),
    /** Objects that differ between base's tree and head's tree, dashboard first, then by type and name. */
    objects: z.array(ObjectDifference),
  })
  .meta({ id: 'BranchComparison' });
export type BranchComparison = z.infer<typeof BranchComparison>;
