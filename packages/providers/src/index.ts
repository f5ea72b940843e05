// Git hosting providers' REST APIs (GitHub, GitLab, Gitea): token check, new repository, pull/merge request.
export { ProviderError, type ProviderErrorCode } from './provider-error.ts';
export type { ProviderConnection, ProviderKind } from './provider-http.ts';
export type { TokenCheck } from './token-check.ts';
export type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
} from './repository-types.ts';
export {
  createRepository,
  defaultApiUrl,
  normalizeApiUrl,
  openPullRequest,
  validateToken,
} from './providers.ts';
