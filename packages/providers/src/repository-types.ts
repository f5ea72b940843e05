// Options and answers of creating a repository and opening a pull/merge request, shared by every provider,
// and how a repository name goes into a provider's URL.
import { PROVIDER_NAME, type ProviderKind } from './provider-connection.ts';
import { ProviderError } from './provider-error.ts';

export interface CreateRepositoryOptions {
  name: string;
  /** Organization (GitHub, Gitea) or group path (GitLab); the token's user when omitted. */
  owner?: string;
  /** Private unless said otherwise: dashboards often name internal databases. */
  private?: boolean;
  description?: string;
}

export interface CreatedRepository {
  /** `owner/name`; for GitLab the full project path. */
  fullName: string;
  /** The https clone URL. */
  cloneUrl: string;
  webUrl: string;
  /** Null while the repository is empty (GitLab does not name one until the first push). */
  defaultBranch: string | null;
}

export interface PullRequestOptions {
  /** `owner/name`; for GitLab the full project path `group/sub/name`. */
  repository: string;
  /** The branch with the changes. */
  head: string;
  /** The branch to merge into. */
  base: string;
  title: string;
  body?: string;
}

export interface OpenedPullRequest {
  /** The number people use: GitHub's and Gitea's `number`, GitLab's project-level `iid`. */
  number: number;
  /** The web page of the pull/merge request. */
  url: string;
}

/** Where a pull/merge request stands, in the words every provider's states map onto. */
export type PullRequestState = 'open' | 'merged' | 'closed';

export interface PullRequestStatus {
  number: number;
  url: string;
  state: PullRequestState;
}

/**
 * The repository as a URL path: `owner/name` with each part encoded for GitHub and Gitea; for GitLab the whole
 * path encoded as one segment (its API takes `group%2Fsub%2Fname` in place of a project id).
 */
export function repositoryPath(kind: ProviderKind, repository: string): string {
  const parts = repository.replace(/^\/+|\/+$/g, '').split('/');
  const valid = kind === 'gitlab' ? parts.length >= 2 : parts.length === 2;
  if (!valid || parts.some((part) => !part)) {
    const form = kind === 'gitlab' ? 'group/name or group/subgroup/name' : 'owner/name';
    throw new ProviderError(
      'PROVIDER_NOT_FOUND',
      `'${repository}' is not a ${PROVIDER_NAME[kind]} repository name; give it as ${form}.`,
    );
  }
  return kind === 'gitlab' ? encodeURIComponent(parts.join('/')) : parts.map(encodeURIComponent).join('/');
}
