// Git hosting providers' REST APIs (GitHub, GitLab, Gitea): token check, new repository, pull/merge request.
export type { ProviderConnection, ProviderKind } from './provider-connection.ts';
export { ProviderError } from './provider-error.ts';
export { createRepository, openPullRequest, validateToken } from './providers.ts';
