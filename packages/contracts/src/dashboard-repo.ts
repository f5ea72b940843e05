// A dashboard's own git repository: how it is connected, what a sync changed, and the status shown per object.
import { z } from 'zod';
import { SupersetUuid } from './common.ts';
import { CommitFile, FileDiff, GitCommit, GitStatus } from './git.ts';

export const DashboardUuidParams = z.object({ uuid: SupersetUuid('Give the dashboard uuid') });
export type DashboardUuidParams = z.infer<typeof DashboardUuidParams>;

export const ObjectType = z.enum(['dashboard', 'chart', 'dataset', 'database', 'other']);
export type ObjectType = z.infer<typeof ObjectType>;

export const RepoConnect = z
  .object({
    /** The Superset environment the dashboard is synced from and imported into. */
    environmentId: z.number().int().positive(),
    /**
     * `init`: a new local repository (a remote can be added later); `attach`: a new repository pushed to an
     * existing empty remote; `clone`: a remote that already holds this dashboard.
     */
    mode: z.enum(['init', 'attach', 'clone']),
    gitServerId: z.number().int().positive().optional(),
    /** Repository URL for `attach` and `clone`; credentials pasted into it are moved into the git server's store. */
    remoteUrl: z.string().trim().max(1000).optional(),
    /** With `init`: create the remote repository on the git server (GitHub, GitLab, Gitea) first, then attach it. */
    createRemote: z
      .object({
        name: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'Use letters, digits, dots, dashes and underscores'),
        /** Organization (GitHub, Gitea) or group path (GitLab); the token's own account when omitted. */
        owner: z.string().trim().min(1).max(255).optional(),
        private: z.boolean().default(true),
      })
      .optional(),
  })
  .meta({ id: 'RepoConnect' });
export type RepoConnect = z.infer<typeof RepoConnect>;

export const DashboardRepo = z
  .object({
    dashboardUuid: z.string(),
    /** The title the work tree's dashboard.yaml gives; null before the first sync. */
    title: z.string().nullable(),
    environmentId: z.number().int(),
    gitServerId: z.number().int().nullable(),
    remoteUrl: z.string().nullable(),
    lastSyncAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'DashboardRepo' });
export type DashboardRepo = z.infer<typeof DashboardRepo>;

export const ObjectChange = z
  .object({
    path: z.string(),
    changeType: z.enum(['added', 'modified', 'deleted', 'renamed', 'conflicted']),
    objectType: ObjectType,
    /** The chart's, dataset's, database's or dashboard's name, as the file says. */
    objectName: z.string().nullable(),
    staged: z.boolean(),
    /** What the edit means, e.g. "metric changed SUM(amount) → AVG(amount)"; empty for added or removed files. */
    summary: z.array(z.string()),
  })
  .meta({ id: 'ObjectChange' });
export type ObjectChange = z.infer<typeof ObjectChange>;

export const DashboardRepoStatus = z
  .object({ repo: DashboardRepo, git: GitStatus, changes: z.array(ObjectChange) })
  .meta({ id: 'DashboardRepoStatus' });
export type DashboardRepoStatus = z.infer<typeof DashboardRepoStatus>;

export const CommitRequest = z
  .object({
    message: z.string().trim().min(1, 'Write a commit message').max(5000),
    /** Only these files; everything changed when omitted. */
    paths: z.array(z.string().min(1).max(1000)).max(5000).optional(),
  })
  .meta({ id: 'CommitRequest' });
export type CommitRequest = z.infer<typeof CommitRequest>;

export const CommitCreated = z
  .object({
    oid: z.string(),
    /** On a server whose clones follow their remotes (SUPERSET_GIT_FOLLOW_REMOTE): the push of this commit. */
    pushTaskId: z.number().int().optional(),
  })
  .meta({ id: 'CommitCreated' });
export type CommitCreated = z.infer<typeof CommitCreated>;

export const TaskStarted = z.object({ taskId: z.number().int() }).meta({ id: 'TaskStarted' });
export type TaskStarted = z.infer<typeof TaskStarted>;

export const RestoreRequest = z.object({ ref: z.string().min(1).max(250) }).meta({ id: 'RestoreRequest' });
export type RestoreRequest = z.infer<typeof RestoreRequest>;

export const DisconnectQuery = z.object({ deleteRepository: z.stringbool().default(false) });
export type DisconnectQuery = z.infer<typeof DisconnectQuery>;

export const CommitParams = DashboardUuidParams.extend({
  sha: z.string().regex(/^[0-9a-f]{4,64}$/i, 'a commit id'),
});

export const FileDiffQuery = z.object({
  path: z.string().min(1),
  from: z.string().min(1).default('HEAD'),
  to: z.string().min(1).optional(),
});
export type FileDiffQuery = z.infer<typeof FileDiffQuery>;

/** Who a file of a dashboard repository is, and what its change means. */
const objectFields = {
  objectType: ObjectType,
  objectName: z.string().nullable(),
  summary: z.array(z.string()),
};

export const DashboardCommitDetail = z
  .object({ commit: GitCommit, files: z.array(CommitFile.extend(objectFields)) })
  .meta({ id: 'DashboardCommitDetail' });
export type DashboardCommitDetail = z.infer<typeof DashboardCommitDetail>;

export const DashboardFileDiff = FileDiff.extend({
  ...objectFields,
  /** The whole file on each side, for a side-by-side view; null where it does not exist or is binary. */
  before: z.string().nullable(),
  after: z.string().nullable(),
}).meta({ id: 'DashboardFileDiff' });
export type DashboardFileDiff = z.infer<typeof DashboardFileDiff>;

export const SyncAllRequest = z
  .object({
    /** Commit what each sync changed with this message; without it the changes wait for review. */
    commitMessage: z.string().trim().min(1).max(5000).optional(),
  })
  .meta({ id: 'SyncAllRequest' });
export type SyncAllRequest = z.infer<typeof SyncAllRequest>;

/** What a sync of all an environment's dashboards did (the task's result). */
export const SyncAllResult = z
  .object({
    /** The environment whose dashboards were synced: a later run of the same one resumes an interrupted run. */
    environmentId: z.number().int(),
    dashboards: z.number().int(),
    /** Dashboards connected to a new local repository on the way. */
    connected: z.number().int(),
    synced: z.number().int(),
    committed: z.number().int(),
    /** Connected to another environment's repository, so left alone. */
    skipped: z.number().int(),
    /** Already synced by the run this one resumed (it was cut off by a stop of the server), so not again. */
    resumed: z.number().int(),
    failed: z.array(z.object({ uuid: z.string(), title: z.string(), message: z.string() })),
  })
  .meta({ id: 'SyncAllResult' });
export type SyncAllResult = z.infer<typeof SyncAllResult>;
