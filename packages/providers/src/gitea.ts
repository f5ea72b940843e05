// Gitea REST API (self-hosted only; the instance root, paths under /api/v1). Its repository and pull request
// endpoints copy GitHub's, so those come from github-style.ts.
import { z } from 'zod';
import {
  createRepositoryGitHubStyle,
  openPullRequestGitHubStyle,
  readPullRequestGitHubStyle,
} from './github-style.ts';
import { tokenAccount, type Provider, type ProviderApi } from './provider-api.ts';
import { assertScopes } from './token-check.ts';

const User = z.object({ login: z.string(), full_name: z.string().nullish(), email: z.string().nullish() });

const API: ProviderApi = {
  kind: 'gitea',
  prefix: '/api/v1',
  headers: (token) => ({ Authorization: `token ${token}` }),
};

export const gitea: Provider = {
  async validateToken(connection, requiredScopes) {
    const { user } = await tokenAccount(API, connection, User);
    const account = { login: user.login, name: user.full_name || null, email: user.email || null };
    // Gitea does not report a token's scopes; a missing one shows later as a 403 naming it.
    return assertScopes({ account, scopes: null }, requiredScopes);
  },
  createRepository: (connection, options) => createRepositoryGitHubStyle(API, connection, options),
  openPullRequest: (connection, options) => openPullRequestGitHubStyle(API, connection, options),
  readPullRequest: (connection, options) => readPullRequestGitHubStyle(API, connection, options),
};
