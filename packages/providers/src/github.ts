// GitHub REST API (github.com: https://api.github.com; Enterprise Server: https://HOST/api/v3).
import { z } from 'zod';
import {
  createRepositoryGitHubStyle,
  openPullRequestGitHubStyle,
  readPullRequestGitHubStyle,
} from './github-style.ts';
import { tokenAccount, type Provider, type ProviderApi } from './provider-api.ts';
import { assertScopes } from './token-check.ts';

const User = z.object({ login: z.string(), name: z.string().nullish(), email: z.string().nullish() });

const API: ProviderApi = {
  kind: 'github',
  // The apiUrl is the API root already.
  prefix: '',
  headers: (token) => ({
    Authorization: `Bearer ${token}`,
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
  }),
};

export const github: Provider = {
  async validateToken(connection, requiredScopes) {
    const { user, response } = await tokenAccount(API, connection, User);
    // Classic tokens list their scopes in this header (an empty value means none); fine-grained tokens send none.
    const header = response.headers.get('x-oauth-scopes');
    const scopes =
      header === null
        ? null
        : header
            .split(',')
            .map((scope) => scope.trim())
            .filter(Boolean);
    const account = { login: user.login, name: user.name || null, email: user.email || null };
    return assertScopes({ account, scopes }, requiredScopes);
  },
  createRepository: (connection, options) => createRepositoryGitHubStyle(API, connection, options),
  openPullRequest: (connection, options) => openPullRequestGitHubStyle(API, connection, options),
  readPullRequest: (connection, options) => readPullRequestGitHubStyle(API, connection, options),
};
