// Git hosting providers' REST APIs (GitHub, GitLab, Gitea): token check, new repository, pull/merge request.
export {
  defaultApiUrl,
  normalizeApiUrl,
  type ProviderConnection,
  type ProviderKind,
} from './provider-connection.ts';
export { ProviderError, type ProviderErrorCode } from './provider-error.ts';
export type { TokenCheck } from './token-check.ts';
export type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
} from './repository-types.ts';
export { createRepository, openPullRequest, validateToken } from './providers.ts';
