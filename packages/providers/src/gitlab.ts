// GitLab REST API (gitlab.com or self-hosted; the instance root, paths under /api/v4).
import { z } from 'zod';
import type { ProviderConnection } from './provider-connection.ts';
import { call, send, tokenAccount, type Provider, type ProviderApi } from './provider-api.ts';
import { bodyOf, providerFailure } from './provider-failure.ts';
import { isOk } from './provider-http.ts';
import { repositoryPath } from './repository-types.ts';
import { assertScopes } from './token-check.ts';

const User = z.object({ username: z.string(), name: z.string().nullish(), email: z.string().nullish() });
const TokenSelf = z.object({ scopes: z.array(z.string()) });
const Namespace = z.object({ id: z.number() });
const Project = z.object({
  path_with_namespace: z.string(),
  http_url_to_repo: z.string(),
  web_url: z.string(),
  default_branch: z.string().nullish(),
});
const MergeRequest = z.object({ iid: z.number(), web_url: z.string() });
// GitLab's states: opened, closed, locked (open, while a discussion is locked), merged.
const MergeRequestRead = MergeRequest.extend({ state: z.enum(['opened', 'closed', 'locked', 'merged']) });
const STATE = { opened: 'open', locked: 'open', closed: 'closed', merged: 'merged' } as const;

const API: ProviderApi = {
  kind: 'gitlab',
  prefix: '/api/v4',
  headers: (token) => ({ 'PRIVATE-TOKEN': token }),
};

/** The numeric id GitLab wants for a group (or user namespace) path. */
async function namespaceId(connection: ProviderConnection, path: string): Promise<number> {
  const encoded = encodeURIComponent(path.replace(/^\/+|\/+$/g, ''));
  const context = {
    doing: `create projects in ${path}`,
    notFound: `group or namespace '${path}'`,
  };
  const namespace = await send(API, connection, 'GET', `/namespaces/${encoded}`);
  if (isOk(namespace)) return bodyOf(Namespace, 'gitlab', connection.apiUrl, namespace).id;
  // Lookup by path on /namespaces arrived later than on /groups; an older instance may only know the latter.
  if (namespace.status !== 404) throw providerFailure('gitlab', connection.apiUrl, namespace, context);
  const group = await call(API, connection, 'GET', `/groups/${encoded}`, context);
  return bodyOf(Namespace, 'gitlab', connection.apiUrl, group).id;
}

export const gitlab: Provider = {
  async validateToken(connection, requiredScopes) {
    const { user } = await tokenAccount(API, connection, User);
    // GitLab 15.5+ tells a personal token's scopes. Older instances answer 404, and other kinds of token (project,
    // group, OAuth) may be refused here: then the scopes stay unknown rather than failing a token that works.
    const self = await send(API, connection, 'GET', '/personal_access_tokens/self');
    const parsed = isOk(self) ? TokenSelf.safeParse(self.json) : null;
    const scopes = parsed?.success ? parsed.data.scopes : null;
    const account = { login: user.username, name: user.name || null, email: user.email || null };
    return assertScopes({ account, scopes }, requiredScopes);
  },

  async createRepository(connection, options) {
    const where = options.owner ?? "the token's user namespace";
    const namespace = options.owner ? await namespaceId(connection, options.owner) : undefined;
    const response = await call(
      API,
      connection,
      'POST',
      '/projects',
      {
        doing: `create projects in ${where}`,
        notFound: 'endpoint to create projects',
        conflict: `A repository named '${options.name}' already exists in ${where}`,
      },
      {
        name: options.name,
        path: options.name,
        visibility: (options.private ?? true) ? 'private' : 'public',
        description: options.description ?? '',
        ...(namespace !== undefined ? { namespace_id: namespace } : {}),
      },
    );
    const body = bodyOf(Project, 'gitlab', connection.apiUrl, response);
    return {
      fullName: body.path_with_namespace,
      cloneUrl: body.http_url_to_repo,
      webUrl: body.web_url,
      defaultBranch: body.default_branch || null,
    };
  },

  /** A merge request, GitLab's name for a pull request. */
  async openPullRequest(connection, options) {
    const response = await call(
      API,
      connection,
      'POST',
      `/projects/${repositoryPath('gitlab', options.repository)}/merge_requests`,
      {
        doing: `open merge requests in ${options.repository}`,
        notFound: `project '${options.repository}'`,
        conflict: `A merge request from ${options.head} into ${options.base} already exists in ${options.repository}`,
      },
      {
        source_branch: options.head,
        target_branch: options.base,
        title: options.title,
        description: options.body ?? '',
      },
    );
    const body = bodyOf(MergeRequest, 'gitlab', connection.apiUrl, response);
    return { number: body.iid, url: body.web_url };
  },
  async readPullRequest(connection, options) {
    const response = await call(
      API,
      connection,
      'GET',
      `/projects/${repositoryPath('gitlab', options.repository)}/merge_requests/${options.number}`,
      {
        doing: `read merge requests in ${options.repository}`,
        notFound: `merge request !${options.number} in project '${options.repository}'`,
      },
    );
    const body = bodyOf(MergeRequestRead, 'gitlab', connection.apiUrl, response);
    return { number: body.iid, url: body.web_url, state: STATE[body.state] };
  },
};
