// Options and answers of creating a repository and opening a pull/merge request, shared by every provider.
export interface CreateRepositoryOptions {
  name: string;
  /** Organization (GitHub, Gitea) or group path (GitLab); the token's user when omitted. */
  owner?: string;
  /** Private unless said otherwise: dashboards often name internal databases. */
  private?: boolean;
  description?: string;
}

export interface CreatedRepository {
  fullName: string;
  cloneUrl: string;
  webUrl: string;
  defaultBranch: string | null;
}

export interface PullRequestOptions {
  /** `owner/name`; for GitLab the full project path `group/sub/name`. */
  repository: string;
  head: string;
  base: string;
  title: string;
  body?: string;
}

export interface OpenedPullRequest {
  number: number;
  url: string;
}
