// What the git engine reports: status, branches, commits, diffs, merges. Shared by the engine, the API and the UI.
import { z } from 'zod';

export const FileChangeKind = z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'type-changed']);
export type FileChangeKind = z.infer<typeof FileChangeKind>;

/** Who changed what in a merge conflict, as git's index stages tell it. */
export const ConflictKind = z.enum([
  'both-modified',
  'both-added',
  'both-deleted',
  'added-by-us',
  'added-by-them',
  'deleted-by-us',
  'deleted-by-them',
]);
export type ConflictKind = z.infer<typeof ConflictKind>;

export const StatusFile = z
  .object({
    path: z.string(),
    /** The path before a rename or copy. */
    originalPath: z.string().nullable(),
    /** Change recorded in the index (staged), if any. */
    staged: FileChangeKind.nullable(),
    /** Change in the work tree not yet staged, if any. */
    unstaged: FileChangeKind.nullable(),
    untracked: z.boolean(),
    conflict: ConflictKind.nullable(),
  })
  .meta({ id: 'StatusFile' });
export type StatusFile = z.infer<typeof StatusFile>;

export const GitStatus = z
  .object({
    /** Current branch; null on a detached HEAD. */
    branch: z.string().nullable(),
    /** Commit HEAD points at; null in a repository without commits. */
    head: z.string().nullable(),
    detached: z.boolean(),
    upstream: z.string().nullable(),
    ahead: z.number().int(),
    behind: z.number().int(),
    files: z.array(StatusFile),
    /** A merge is in progress (conflicts to resolve, or resolved and waiting for its commit). */
    merging: z.boolean(),
    clean: z.boolean(),
  })
  .meta({ id: 'GitStatus' });
export type GitStatus = z.infer<typeof GitStatus>;

export const GitPerson = z.object({ name: z.string(), email: z.string() }).meta({ id: 'GitPerson' });
export type GitPerson = z.infer<typeof GitPerson>;

export const CommitSummary = z
  .object({
    oid: z.string(),
    subject: z.string(),
    author: GitPerson,
    authoredAt: z.string(),
  })
  .meta({ id: 'CommitSummary' });
export type CommitSummary = z.infer<typeof CommitSummary>;

export const GitCommit = CommitSummary.extend({
  parents: z.array(z.string()),
  body: z.string(),
  committer: GitPerson,
  committedAt: z.string(),
}).meta({ id: 'GitCommit' });
export type GitCommit = z.infer<typeof GitCommit>;

export const GitBranch = z
  .object({
    name: z.string(),
    kind: z.enum(['local', 'remote']),
    current: z.boolean(),
    upstream: z.string().nullable(),
    /** Commits on this branch not on its upstream (local branches with an upstream). */
    ahead: z.number().int(),
    behind: z.number().int(),
    lastCommit: CommitSummary,
  })
  .meta({ id: 'GitBranch' });
export type GitBranch = z.infer<typeof GitBranch>;

export const GitTag = z
  .object({ name: z.string(), oid: z.string(), message: z.string().nullable(), taggedAt: z.string() })
  .meta({ id: 'GitTag' });
export type GitTag = z.infer<typeof GitTag>;

/** Literal text history is searched for: it becomes an argument of git, which no NUL character can be part of. */
const SearchText = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000]*$/, 'Remove the NUL character');

export const LogQuery = z
  .object({
    /** Where history starts; the current branch when omitted. */
    ref: z.string().optional(),
    /** Words in the commit message (case-insensitive, literal). */
    text: SearchText.optional(),
    /** Part of the author's name or email (case-insensitive, literal). */
    author: SearchText.optional(),
    /** Part of the committer's name or email (case-insensitive, literal): who recorded the change. */
    committer: SearchText.optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    /** Only commits that touched this file or folder. */
    path: z.string().min(1).max(1000).optional(),
    /**
     * Only commits that touched the objects whose name holds these words (a chart's, dataset's, database's or
     * the dashboard's title, case-insensitive), as the repository names them now.
     */
    object: SearchText.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** From the previous page's `nextCursor`. */
    cursor: z.string().max(200).optional(),
  })
  // No schema id: querystrings must stay inline in OpenAPI (a $ref there breaks the document).
  .describe('History query');
export type LogQuery = z.infer<typeof LogQuery>;
export type LogQueryInput = z.input<typeof LogQuery>;

export const CommitPage = z
  .object({ items: z.array(GitCommit), nextCursor: z.string().nullable() })
  .meta({ id: 'CommitPage' });
export type CommitPage = z.infer<typeof CommitPage>;

export const CommitFile = z
  .object({
    path: z.string(),
    originalPath: z.string().nullable(),
    change: FileChangeKind,
    /** Null for binary files. */
    additions: z.number().int().nullable(),
    deletions: z.number().int().nullable(),
  })
  .meta({ id: 'CommitFile' });
export type CommitFile = z.infer<typeof CommitFile>;

export const CommitDetail = z
  .object({ commit: GitCommit, files: z.array(CommitFile) })
  .meta({ id: 'CommitDetail' });
export type CommitDetail = z.infer<typeof CommitDetail>;

export const FileDiff = z
  .object({
    path: z.string(),
    from: z.string(),
    to: z.string(),
    binary: z.boolean(),
    /** Unified diff text; empty when the file is the same at both refs. */
    patch: z.string(),
  })
  .meta({ id: 'FileDiff' });
export type FileDiff = z.infer<typeof FileDiff>;

export const LastChange = z.object({ path: z.string(), commit: CommitSummary }).meta({ id: 'LastChange' });
export type LastChange = z.infer<typeof LastChange>;

export const ConflictFile = z.object({ path: z.string(), kind: ConflictKind }).meta({ id: 'ConflictFile' });
export type ConflictFile = z.infer<typeof ConflictFile>;

/** One conflicted file's three sides and git's attempt at merging them, for a side-by-side resolver. */
export const ConflictVersions = ConflictFile.extend({
  /** The common ancestor's text; null when the file did not exist there. */
  base: z.string().nullable(),
  /** The local side (your branch, in a pull). */
  mine: z.string().nullable(),
  /** What came in. */
  theirs: z.string().nullable(),
  /** The work tree file with conflict markers; null when it is gone. */
  merged: z.string().nullable(),
}).meta({ id: 'ConflictVersions' });
export type ConflictVersions = z.infer<typeof ConflictVersions>;

export const MergePreview = z
  .object({
    /** True when the merge would apply without conflicts. */
    clean: z.boolean(),
    /** Nothing to merge: the other side is already contained. */
    upToDate: z.boolean(),
    fastForward: z.boolean(),
    conflicts: z.array(z.string()),
  })
  .meta({ id: 'MergePreview' });
export type MergePreview = z.infer<typeof MergePreview>;

export const MergeResult = z
  .object({
    outcome: z.enum(['up-to-date', 'fast-forward', 'merged', 'conflicts']),
    head: z.string().nullable(),
    conflicts: z.array(ConflictFile),
  })
  .meta({ id: 'MergeResult' });
export type MergeResult = z.infer<typeof MergeResult>;

/** Which side of a conflict to keep: mine (the branch being merged into), theirs, or written content. */
export const ConflictResolution = z.enum(['mine', 'theirs', 'content']);
export type ConflictResolution = z.infer<typeof ConflictResolution>;

export const BranchSwitchChanges = z.enum(['refuse', 'carry', 'discard']);
export type BranchSwitchChanges = z.infer<typeof BranchSwitchChanges>;
