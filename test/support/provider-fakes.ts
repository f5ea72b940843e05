// Local servers that answer as GitHub's, GitLab's and Gitea's REST documentation describes (status codes,
// headers such as x-oauth-scopes, error bodies): the real APIs cannot be reached from the test machines.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeKind = 'github' | 'gitlab' | 'gitea';

export interface FakeToken {
  login: string;
  /** GitHub classic and GitLab tokens have scopes; null for GitHub fine-grained (no header) and Gitea. */
  scopes: string[] | null;
  /** Gitea: scopes the server enforces without reporting them. */
  enforced?: string[];
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export interface ProviderFake {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

function tokenFrom(kind: FakeKind, headers: http.IncomingHttpHeaders): string | null {
  if (kind === 'gitlab') return (headers['private-token'] as string | undefined) ?? null;
  const match = headers.authorization?.match(kind === 'github' ? /^Bearer (.+)$/ : /^token (.+)$/);
  return match?.[1] ?? null;
}

const UNAUTHORIZED: Record<FakeKind, Reply> = {
  github: {
    status: 401,
    body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
  },
  gitlab: { status: 401, body: { message: '401 Unauthorized' } },
  gitea: {
    status: 401,
    body: { message: 'user does not exist [uid: 0, name: ]', url: 'https://gitea.example.com/api/swagger' },
  },
};

export async function startProviderFake(
  kind: FakeKind,
  tokens: Record<string, FakeToken>,
): Promise<ProviderFake> {
  const requests: FakeRequest[] = [];
  const repos = new Set<string>();
  const pulls = new Map<string, number>();
  const groups: Record<string, number> = { analytics: 42, 'analytics/bi': 43 };

  function route(
    method: string,
    path: string,
    token: FakeToken,
    body: Record<string, unknown> | null,
  ): Reply {
    const host = 'http://fake.example';
    const has = (scope: string) => token.scopes === null || token.scopes.includes(scope);
    if (kind === 'github') {
      if (method === 'GET' && path === '/user') {
        return {
          status: 200,
          body: { login: token.login, id: 1, name: `${token.login} Name`, email: null },
          headers: token.scopes
            ? { 'x-oauth-scopes': token.scopes.join(', '), 'x-accepted-oauth-scopes': '' }
            : {},
        };
      }
      const create = path === '/user/repos' || /^\/orgs\/[^/]+\/repos$/.test(path);
      if (method === 'POST' && create) {
        if (!has('repo'))
          return {
            status: 404,
            body: { message: 'Not Found' },
            headers: { 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': token.scopes?.join(', ') ?? '' },
          };
        const owner = path === '/user/repos' ? token.login : path.split('/')[2]!;
        if (owner !== token.login && owner !== 'analytics')
          return {
            status: 404,
            body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
          };
        const full = `${owner}/${String(body?.name)}`;
        if (repos.has(full)) {
          return {
            status: 422,
            body: {
              message: 'Repository creation failed.',
              errors: [
                {
                  resource: 'Repository',
                  code: 'custom',
                  field: 'name',
                  message: 'name already exists on this account',
                },
              ],
            },
          };
        }
        repos.add(full);
        return {
          status: 201,
          body: {
            full_name: full,
            private: body?.private,
            clone_url: `${host}/${full}.git`,
            html_url: `${host}/${full}`,
            default_branch: 'main',
          },
        };
      }
      const pull = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls$/);
      if (method === 'POST' && pull) {
        const full = `${pull[1]}/${pull[2]}`;
        if (!repos.has(full)) return { status: 404, body: { message: 'Not Found' } };
        const key = `${full}:${String(body?.head)}:${String(body?.base)}`;
        if (pulls.has(key)) {
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [
                {
                  resource: 'PullRequest',
                  code: 'custom',
                  message: `A pull request already exists for ${pull[1]}:${String(body?.head)}.`,
                },
              ],
            },
          };
        }
        pulls.set(key, pulls.size + 1);
        return { status: 201, body: { number: pulls.size, html_url: `${host}/${full}/pull/${pulls.size}` } };
      }
    }
    if (kind === 'gitlab') {
      if (method === 'GET' && path === '/api/v4/user')
        return {
          status: 200,
          body: {
            id: 7,
            username: token.login,
            name: `${token.login} Name`,
            email: `${token.login}@example.com`,
          },
        };
      if (method === 'GET' && path === '/api/v4/personal_access_tokens/self')
        return { status: 200, body: { id: 3, name: 'superset-git', scopes: token.scopes, active: true } };
      const namespace = path.match(/^\/api\/v4\/namespaces\/(.+)$/);
      if (method === 'GET' && namespace) {
        const full = decodeURIComponent(namespace[1]!);
        return groups[full]
          ? { status: 200, body: { id: groups[full], full_path: full, kind: 'group' } }
          : { status: 404, body: { message: '404 Namespace Not Found' } };
      }
      if (method === 'POST' && path === '/api/v4/projects') {
        if (!has('api'))
          return {
            status: 403,
            body: {
              error: 'insufficient_scope',
              error_description: 'The request requires higher privileges than provided by the access token.',
              scope: 'api',
            },
          };
        const group = Object.entries(groups).find(([, id]) => id === body?.namespace_id)?.[0] ?? token.login;
        const full = `${group}/${String(body?.path)}`;
        if (repos.has(full))
          return {
            status: 400,
            body: { message: { name: ['has already been taken'], path: ['has already been taken'] } },
          };
        repos.add(full);
        return {
          status: 201,
          body: {
            id: 99,
            path_with_namespace: full,
            visibility: body?.visibility,
            http_url_to_repo: `${host}/${full}.git`,
            web_url: `${host}/${full}`,
            default_branch: null,
          },
        };
      }
      const mr = path.match(/^\/api\/v4\/projects\/([^/]+)\/merge_requests$/);
      if (method === 'POST' && mr) {
        const full = decodeURIComponent(mr[1]!);
        if (!repos.has(full)) return { status: 404, body: { message: '404 Project Not Found' } };
        const key = `${full}:${String(body?.source_branch)}`;
        if (pulls.has(key))
          return {
            status: 409,
            body: {
              message: [
                `Another open merge request already exists for this source branch: !${pulls.get(key)}`,
              ],
            },
          };
        pulls.set(key, pulls.size + 1);
        return {
          status: 201,
          body: { iid: pulls.size, web_url: `${host}/${full}/-/merge_requests/${pulls.size}` },
        };
      }
    }
    if (kind === 'gitea') {
      if (method === 'GET' && path === '/api/v1/user')
        return {
          status: 200,
          body: { id: 5, login: token.login, full_name: '', email: `${token.login}@noreply.example` },
        };
      const create = path === '/api/v1/user/repos' || /^\/api\/v1\/orgs\/[^/]+\/repos$/.test(path);
      if (method === 'POST' && create) {
        if (!(token.enforced ?? []).includes('write:repository')) {
          return {
            status: 403,
            body: {
              message: 'token does not have at least one of required scope(s): [write:repository]',
              url: 'https://gitea.example.com/api/swagger',
            },
          };
        }
        const owner = path === '/api/v1/user/repos' ? token.login : path.split('/')[4]!;
        if (owner !== token.login && owner !== 'analytics')
          return { status: 404, body: { message: "The target couldn't be found.", errors: [] } };
        const full = `${owner}/${String(body?.name)}`;
        if (repos.has(full))
          return { status: 409, body: { message: 'The repository with the same name already exists.' } };
        repos.add(full);
        return {
          status: 201,
          body: {
            full_name: full,
            private: body?.private,
            clone_url: `${host}/${full}.git`,
            html_url: `${host}/${full}`,
            default_branch: 'main',
          },
        };
      }
      const pull = path.match(/^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/pulls$/);
      if (method === 'POST' && pull) {
        const full = `${pull[1]}/${pull[2]}`;
        if (!repos.has(full)) return { status: 404, body: { message: "The target couldn't be found." } };
        const key = `${full}:${String(body?.head)}:${String(body?.base)}`;
        if (pulls.has(key))
          return {
            status: 409,
            body: {
              message: `pull request already exists for these targets [id: ${pulls.get(key)}, issue_id: 1, head_repo_id: 1, base_repo_id: 1, head_branch: ${String(body?.head)}, base_branch: ${String(body?.base)}]`,
            },
          };
        pulls.set(key, pulls.size + 1);
        return { status: 201, body: { number: pulls.size, html_url: `${host}/${full}/pulls/${pulls.size}` } };
      }
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0]!;
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
      const token = tokenFrom(kind, request.headers);
      const known = token ? tokens[token] : undefined;
      const reply = known ? route(request.method ?? 'GET', path, known, body) : UNAUTHORIZED[kind];
      response.writeHead(reply.status, {
        'Content-Type': 'application/json; charset=utf-8',
        ...reply.headers,
      });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
