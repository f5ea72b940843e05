// Creating a repository, opening a pull request and reading its state where the API is GitHub's or a copy of it (Gitea's): the
// same paths, request bodies and answers, so one implementation serves both.
import { z } from 'zod';
import type { ProviderConnection } from './provider-connection.ts';
import { call, type ProviderApi } from './provider-api.ts';
import { bodyOf } from './provider-failure.ts';
import type {
  CreatedRepository,
  CreateRepositoryOptions,
  OpenedPullRequest,
  PullRequestOptions,
  PullRequestStatus,
} from './repository-types.ts';
import { repositoryPath } from './repository-types.ts';

const Repository = z.object({
  full_name: z.string(),
  clone_url: z.string(),
  html_url: z.string(),
  default_branch: z.string().nullish(),
});
const PullRequest = z.object({ number: z.number(), html_url: z.string() });
// GitHub answers `merged` and `merged_at`; Gitea answers `merged` (and `merged_at` on newer releases).
const PullRequestRead = PullRequest.extend({
  state: z.enum(['open', 'closed']),
  merged: z.boolean().nullish(),
  merged_at: z.string().nullish(),
});

export async function createRepositoryGitHubStyle(
  api: ProviderApi,
  connection: ProviderConnection,
  options: CreateRepositoryOptions,
): Promise<CreatedRepository> {
  const where = options.owner ?? "the token's account";
  const response = await call(
    api,
    connection,
    'POST',
    options.owner ? `/orgs/${encodeURIComponent(options.owner)}/repos` : '/user/repos',
    {
      doing: `create repositories in ${where}`,
      notFound: options.owner ? `organization '${options.owner}'` : 'endpoint to create repositories',
      conflict: `A repository named '${options.name}' already exists in ${where}`,
    },
    {
      name: options.name,
      private: options.private ?? true,
      description: options.description ?? '',
      auto_init: false,
    },
  );
  const body = bodyOf(Repository, api.kind, connection.apiUrl, response);
  return {
    fullName: body.full_name,
    cloneUrl: body.clone_url,
    webUrl: body.html_url,
    defaultBranch: body.default_branch || null,
  };
}

export async function openPullRequestGitHubStyle(
  api: ProviderApi,
  connection: ProviderConnection,
  options: PullRequestOptions,
): Promise<OpenedPullRequest> {
  const response = await call(
    api,
    connection,
    'POST',
    `/repos/${repositoryPath(api.kind, options.repository)}/pulls`,
    {
      doing: `open pull requests in ${options.repository}`,
      notFound: `repository '${options.repository}'`,
      conflict: `A pull request from ${options.head} into ${options.base} already exists in ${options.repository}`,
    },
    { title: options.title, head: options.head, base: options.base, body: options.body ?? '' },
  );
  const body = bodyOf(PullRequest, api.kind, connection.apiUrl, response);
  return { number: body.number, url: body.html_url };
}

export async function readPullRequestGitHubStyle(
  api: ProviderApi,
  connection: ProviderConnection,
  options: { repository: string; number: number },
): Promise<PullRequestStatus> {
  const response = await call(
    api,
    connection,
    'GET',
    `/repos/${repositoryPath(api.kind, options.repository)}/pulls/${options.number}`,
    {
      doing: `read pull requests in ${options.repository}`,
      notFound: `pull request #${options.number} in ${options.repository}`,
    },
  );
  const body = bodyOf(PullRequestRead, api.kind, connection.apiUrl, response);
  const merged = Boolean(body.merged || body.merged_at);
  return {
    number: body.number,
    url: body.html_url,
    state: merged ? 'merged' : body.state,
  };
}
