// Pull requests (GitLab: merge requests) of a dashboard's branches as the API speaks of them: a prefilled draft,
// opening one on the repository's provider (GitHub, GitLab, Gitea), and the stored list with state refreshed.
import { z } from 'zod';
import { CommitSummary } from './git.ts';

const BranchName = z.string().trim().min(1).max(250);

export const PullRequestState = z.enum(['open', 'merged', 'closed']).meta({ id: 'PullRequestState' });
export type PullRequestState = z.infer<typeof PullRequestState>;

export const PullRequest = z
  .object({
    id: z.number().int(),
    dashboardUuid: z.string(),
    /** The branch with the changes. */
    branch: z.string(),
    /** The branch it would be merged into. */
    base: z.string(),
    /** The number people use: GitHub's and Gitea's number, GitLab's iid. */
    number: z.number().int(),
    /** The request's web page on the provider. */
    url: z.string(),
    state: PullRequestState,
    /** The user name of who opened it here. */
    openedBy: z.string().nullable(),
    createdAt: z.string(),
    /** When its state was last read from the provider (or it was opened). */
    updatedAt: z.string(),
  })
  .meta({ id: 'PullRequest' });
export type PullRequest = z.infer<typeof PullRequest>;

export const PullRequestList = z
  .object({
    /** Newest first. */
    items: z.array(PullRequest),
    /** Why the states could not be refreshed (the provider unreachable, the token refused): they are as stored. */
    refreshProblem: z.string().nullable(),
    /** Where the repository's requests are opened; null on a plain git server, or with no git server. */
    provider: z.enum(['github', 'gitlab', 'gitea']).nullable(),
  })
  .meta({ id: 'PullRequestList' });
export type PullRequestList = z.infer<typeof PullRequestList>;

export const PullRequestDraftQuery = z.object({
  branch: BranchName,
  /** The branch to merge into; main when left out. */
  base: BranchName.default('main'),
});
export type PullRequestDraftQuery = z.infer<typeof PullRequestDraftQuery>;

export const PullRequestDraft = z
  .object({
    branch: z.string(),
    base: z.string(),
    /** One commit: its subject; several: the branch name made readable. */
    title: z.string(),
    /** The commits, then what changed per object ("Charts changed: Orders by month"). */
    body: z.string(),
    /** The branch's commits that the base does not have, newest first. */
    commits: z.array(CommitSummary),
    /** An open request for this branch already exists: opening another is refused. */
    existing: PullRequest.nullable(),
  })
  .meta({ id: 'PullRequestDraft' });
export type PullRequestDraft = z.infer<typeof PullRequestDraft>;

export const PullRequestCreate = z
  .object({
    branch: BranchName,
    /** main when left out. */
    base: BranchName.default('main'),
    title: z.string().trim().min(1, 'Give the pull request a title').max(255),
    body: z.string().max(60_000).default(''),
  })
  .meta({ id: 'PullRequestCreate' });
export type PullRequestCreate = z.infer<typeof PullRequestCreate>;
