// Git hosting providers' REST APIs (GitHub, GitLab, Gitea): token check, new repository, pull/merge request and its state.
export type { ProviderConnection, ProviderKind } from './provider-connection.ts';
export { ProviderError } from './provider-error.ts';
export { createRepository, openPullRequest, readPullRequest, validateToken } from './providers.ts';
export type { PullRequestState, PullRequestStatus } from './repository-types.ts';
