// The API's named types for the web, taken from the generated OpenAPI types so pages depend on what the server
// publishes, not on the server's zod contracts. A `…Input` schema is what a request may send (defaults optional).
import type { components } from '@superset-git/api-client';

type Schema = components['schemas'];

export type User = Schema['User'];

export type Environment = Schema['Environment'];
export type EnvironmentCreateInput = Schema['EnvironmentCreateInput'];
export type ConnectionTestResult = Schema['ConnectionTestResult'];
export type DashboardPage = Schema['DashboardPage'];
export type DashboardGitStatus = Schema['DashboardGitStatus'];

export type GitServer = Schema['GitServer'];
export type GitServerCreateInput = Schema['GitServerCreateInput'];
export type GitServerTestResult = Schema['GitServerTestResult'];

export type Task = Schema['Task'];
export type TaskLogLine = Schema['TaskLogLine'];

export type DashboardRepo = Schema['DashboardRepo'];
export type DashboardRepoStatus = Schema['DashboardRepoStatus'];
export type RepoConnectInput = Schema['RepoConnectInput'];
export type RemoteSetResult = Schema['RemoteSetResult'];
export type ObjectChange = Schema['ObjectChange'];
export type SupersetChanges = Schema['SupersetChanges'];
export type RemoteFetchState = Schema['RemoteFetchState'];
export type DashboardFileDiff = Schema['DashboardFileDiff'];
export type DashboardCommitDetail = Schema['DashboardCommitDetail'];
export type GitCommit = Schema['GitCommit'];
export type GitBranch = Schema['GitBranch'];
export type GitTag = Schema['GitTag'];
export type TagDeleted = Schema['TagDeleted'];
export type BranchSwitchResult = Schema['BranchSwitchResult'];
export type BranchComparison = Schema['BranchComparison'];
export type ConflictFile = Schema['ConflictFile'];
export type ConflictVersions = Schema['ConflictVersions'];
export type ConflictFileDetail = Schema['ConflictFileDetail'];
export type FieldConflict = Schema['FieldConflict'];
export type RecoveryList = Schema['RecoveryList'];
export type HeldObject = Schema['HeldObject'];
export type PullRequest = Schema['PullRequest'];
export type PullRequestList = Schema['PullRequestList'];
export type PullRequestDraft = Schema['PullRequestDraft'];

export type DeploySettings = Schema['DeploySettings'];
export type DeployPlan = Schema['DeployPlan'];
export type PlanItem = Schema['PlanItem'];
export type Deployment = Schema['Deployment'];
export type DashboardDeployState = Schema['DashboardDeployState'];
export type DriftCheckStatus = Schema['DriftCheckStatus'];
export type DriftDiff = Schema['DriftDiff'];
export type DriftDiffItem = Schema['DriftDiffItem'];
export type AdoptResult = Schema['AdoptResult'];

/**
 * One message of a task's event stream, parsed. The OpenAPI document only names the wire envelope
 * (`TaskEventMessage`: `event` and `data` as a JSON string), so the parsed shape comes from the contracts.
 */
export type { TaskEvent } from '@superset-git/contracts';
