// A dashboard's own git repository: how it is connected, what a sync changed, and the status shown per object.
import { z } from 'zod';
import { GitStatus } from './git.ts';

export const DashboardUuidParams = z.object({ uuid: z.uuid('Give the dashboard uuid') });
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
  })
  .meta({ id: 'RepoConnect' });
export type RepoConnect = z.infer<typeof RepoConnect>;

export const DashboardRepo = z
  .object({
    dashboardUuid: z.string(),
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

export const CommitCreated = z.object({ oid: z.string() }).meta({ id: 'CommitCreated' });
export type CommitCreated = z.infer<typeof CommitCreated>;

export const TaskStarted = z.object({ taskId: z.number().int() }).meta({ id: 'TaskStarted' });
export type TaskStarted = z.infer<typeof TaskStarted>;
