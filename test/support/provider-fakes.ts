// Local servers that answer as GitHub's, GitLab's and Gitea's REST documentation describes (status codes,
// headers such as x-oauth-scopes, error bodies): the real APIs cannot be reached from the test machines.
// Each keeps users' repositories and pull requests in memory and checks the auth header the way its provider does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeKind = 'github' | 'gitlab' | 'gitea';

export interface FakeToken {
  login: string;
  /** GitHub classic and GitLab tokens have scopes; null for GitHub fine-grained (no header) and Gitea. */
  scopes: string[] | null;
  /** Gitea: the scopes it enforces without reporting them (a write: scope covers its read:); all when absent. */
  enforced?: string[];
  /** GitHub fine-grained tokens (scopes null): permissions granted, e.g. `administration=write`; all when absent. */
  permissions?: string[];
  /** GitHub: the token's hourly quota is used up. */
  rateLimited?: boolean;
}

export interface FakeOptions {
  /** GitLab before 15.5 has no /personal_access_tokens/self, so it answers that path 404. */
  olderGitLab?: boolean;
  /** A real git server behind the fake: each created repository is created there too, and its URL answered. */
  gitRemote?: { createRepository(name: string): string };
  /** Repositories (`owner/name`, GitLab `group/name`) that exist from the start, as if created earlier. */
  repositories?: string[];
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
  /** What happens on the provider's web page: the request numbered `number` gets merged or closed there. */
  setPullState(number: number, state: 'merged' | 'closed'): void;
  close(): Promise<void>;
}

interface FakePull {
  full: string;
  head: string;
  base: string;
  number: number;
  state: 'open' | 'merged' | 'closed';
  mergedAt: string | null;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface State {
  tokens: Record<string, FakeToken>;
  options: FakeOptions;
  repos: Set<string>;
  pulls: FakePull[];
}

/** The open request from `head` into `base`: a second one is refused while it is open. */
const openPull = (state: State, full: string, head: string, base: string) =>
  state.pulls.find(
    (pull) => pull.full === full && pull.head === head && pull.base === base && pull.state === 'open',
  );

/** A new request. Providers number per repository; one sequence for the whole fake is enough for the tests. */
function addPull(state: State, full: string, head: string, base: string): FakePull {
  const pull: FakePull = { full, head, base, number: state.pulls.length + 1, state: 'open', mergedAt: null };
  state.pulls.push(pull);
  return pull;
}

const pullOf = (state: State, full: string, number: string) =>
  state.pulls.find((pull) => pull.full === full && String(pull.number) === number);

/** Organizations (GitHub, Gitea) and groups with their namespace ids (GitLab) the fakes know. */
const ORGS = new Set(['analytics']);
const GROUPS: Record<string, number> = { analytics: 42, 'analytics/bi': 43 };
const WEB = 'http://fake.example';

/** The clone URL of a new repository: on the real git server behind the fake when there is one. */
const cloneUrl = (state: State, full: string) =>
  state.options.gitRemote?.createRepository(full.replaceAll('/', '-')) ?? `${WEB}/${full}.git`;

// GitHub: https://docs.github.com/rest (authentication, rate limits, scopes, repos, pulls).
function github(state: State, method: string, path: string, headers: Headers, body: Record<string, unknown>) {
  const doc = (page: string) => `https://docs.github.com/rest/${page}`;
  // "All API requests MUST include a valid User-Agent header."
  if (!headers.get('user-agent')) {
    return {
      status: 403,
      body: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).',
    };
  }
  const version = headers.get('x-github-api-version');
  if (version && !['2022-11-28', '2026-03-10'].includes(version)) {
    return {
      status: 400,
      body: {
        message: `API version ${version} is not supported.`,
        documentation_url: doc('about-the-rest-api'),
      },
    };
  }
  // GitHub takes both "Bearer" and "token" before a personal access token.
  const given = headers.get('authorization')?.match(/^(?:Bearer|token) (\S+)$/)?.[1];
  if (!given) {
    return {
      status: 401,
      body: { message: 'Requires authentication', documentation_url: doc(''), status: '401' },
    };
  }
  const token = state.tokens[given];
  if (!token) {
    return { status: 401, body: { message: 'Bad credentials', documentation_url: doc(''), status: '401' } };
  }
  const reset = String(Math.floor(Date.now() / 1000) + 600);
  const common: Record<string, string> = {
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': token.rateLimited ? '0' : '4999',
    'x-ratelimit-reset': reset,
    // Classic tokens: every answer lists the token's scopes and the ones the endpoint accepts.
    ...(token.scopes ? { 'x-oauth-scopes': token.scopes.join(', ') } : {}),
  };
  const reply = (status: number, answer: unknown, extra: Record<string, string> = {}): Reply => ({
    status,
    body: answer,
    headers: { ...common, ...extra },
  });
  if (token.rateLimited) {
    return reply(403, {
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: doc('overview/rate-limits-for-the-rest-api'),
    });
  }
  /** The scope (classic) or permission (fine-grained) an endpoint needs, answered as GitHub does when missing. */
  const refused = (scopes: string[], permission: string): Reply | null => {
    if (token.scopes && !scopes.some((scope) => token.scopes!.includes(scope))) {
      // A classic token without the scope does not even learn the resource exists.
      return reply(
        404,
        { message: 'Not Found', documentation_url: doc(''), status: '404' },
        { 'x-accepted-oauth-scopes': scopes.join(', ') },
      );
    }
    if (!token.scopes && token.permissions && !token.permissions.includes(permission)) {
      return reply(
        403,
        {
          message: 'Resource not accessible by personal access token',
          documentation_url: doc(''),
          status: '403',
        },
        { 'x-accepted-github-permissions': permission },
      );
    }
    return null;
  };
  if (method === 'GET' && path === '/user') {
    return reply(
      200,
      { login: token.login, id: 1, name: `${token.login} Name`, email: null },
      {
        'x-accepted-oauth-scopes': '',
      },
    );
  }
  const createIn = path === '/user/repos' ? token.login : path.match(/^\/orgs\/([^/]+)\/repos$/)?.[1];
  if (method === 'POST' && createIn) {
    const denied = refused(['public_repo', 'repo'], 'administration=write');
    if (denied) return denied;
    if (createIn !== token.login && !ORGS.has(createIn)) {
      return reply(404, {
        message: 'Not Found',
        documentation_url: doc('repos/repos#create-an-organization-repository'),
        status: '404',
      });
    }
    const full = `${createIn}/${String(body.name)}`;
    if (state.repos.has(full)) {
      return reply(422, {
        message: 'Repository creation failed.',
        errors: [
          {
            resource: 'Repository',
            code: 'custom',
            field: 'name',
            message: 'name already exists on this account',
          },
        ],
        documentation_url: doc('repos/repos#create-a-repository-for-the-authenticated-user'),
        status: '422',
      });
    }
    state.repos.add(full);
    return reply(201, {
      full_name: full,
      private: body.private,
      clone_url: cloneUrl(state, full),
      html_url: `${WEB}/${full}`,
      default_branch: 'main',
    });
  }
  const pull = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls$/);
  if (method === 'POST' && pull) {
    const denied = refused(['repo'], 'pull_requests=write');
    if (denied) return denied;
    const full = `${pull[1]}/${pull[2]}`;
    if (!state.repos.has(full))
      return reply(404, { message: 'Not Found', documentation_url: doc(''), status: '404' });
    if (openPull(state, full, String(body.head), String(body.base))) {
      return reply(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${pull[1]}:${String(body.head)}.`,
          },
        ],
        documentation_url: doc('pulls/pulls#create-a-pull-request'),
        status: '422',
      });
    }
    const { number } = addPull(state, full, String(body.head), String(body.base));
    return reply(201, { number, html_url: `${WEB}/${full}/pull/${number}`, state: 'open', merged: false });
  }
  // "Get a pull request": state is open or closed; a merged one is closed with `merged` true and `merged_at` set.
  const read = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/);
  if (method === 'GET' && read) {
    const denied = refused(['repo'], 'pull_requests=read');
    if (denied) return denied;
    const found = pullOf(state, `${read[1]}/${read[2]}`, read[3]!);
    if (!found) return reply(404, { message: 'Not Found', documentation_url: doc(''), status: '404' });
    return reply(200, {
      number: found.number,
      html_url: `${WEB}/${found.full}/pull/${found.number}`,
      state: found.state === 'open' ? 'open' : 'closed',
      merged: found.state === 'merged',
      merged_at: found.mergedAt,
      head: { ref: found.head },
      base: { ref: found.base },
    });
  }
  return reply(404, { message: 'Not Found', documentation_url: doc(''), status: '404' });
}

// GitLab: https://docs.gitlab.com/api/rest/ (authentication, personal_access_tokens/self, namespaces, projects,
// merge_requests).
function gitlab(state: State, method: string, path: string, headers: Headers, body: Record<string, unknown>) {
  // GitLab takes the token in PRIVATE-TOKEN, or as "Authorization: Bearer".
  const given = headers.get('private-token') ?? headers.get('authorization')?.match(/^Bearer (\S+)$/)?.[1];
  const token = given ? state.tokens[given] : undefined;
  if (!token) return { status: 401, body: { message: '401 Unauthorized' } };
  const insufficient = (scope: string): Reply | null =>
    token.scopes?.includes(scope)
      ? null
      : {
          status: 403,
          body: {
            error: 'insufficient_scope',
            error_description: 'The request requires higher privileges than provided by the access token.',
            scope,
          },
        };
  if (method === 'GET' && path === '/api/v4/user') {
    return {
      status: 200,
      body: {
        id: 7,
        username: token.login,
        name: `${token.login} Name`,
        email: `${token.login}@example.com`,
      },
    };
  }
  if (method === 'GET' && path === '/api/v4/personal_access_tokens/self' && !state.options.olderGitLab) {
    return {
      status: 200,
      body: { id: 3, name: 'superset-git', revoked: false, scopes: token.scopes ?? [], active: true },
    };
  }
  const namespace = path.match(/^\/api\/v4\/namespaces\/([^/]+)$/);
  if (method === 'GET' && namespace) {
    const full = decodeURIComponent(namespace[1]!);
    const id = full === token.login ? 7 : GROUPS[full];
    return id
      ? {
          status: 200,
          body: {
            id,
            name: full.split('/').at(-1),
            full_path: full,
            kind: full === token.login ? 'user' : 'group',
          },
        }
      : { status: 404, body: { message: '404 Namespace Not Found' } };
  }
  if (method === 'POST' && path === '/api/v4/projects') {
    const denied = insufficient('api');
    if (denied) return denied;
    const group =
      body.namespace_id === undefined
        ? token.login
        : Object.entries(GROUPS).find(([, id]) => id === body.namespace_id)?.[0];
    if (!group) return { status: 404, body: { message: '404 Namespace Not Found' } };
    const full = `${group}/${String(body.path ?? body.name)}`;
    if (state.repos.has(full)) {
      return {
        status: 400,
        body: {
          message: {
            'project_namespace.name': ['has already been taken'],
            name: ['has already been taken'],
            path: ['has already been taken'],
          },
        },
      };
    }
    state.repos.add(full);
    return {
      status: 201,
      body: {
        id: 99,
        path_with_namespace: full,
        visibility: body.visibility,
        http_url_to_repo: cloneUrl(state, full),
        web_url: `${WEB}/${full}`,
        // An empty project has no default branch until the first push.
        default_branch: null,
      },
    };
  }
  const mr = path.match(/^\/api\/v4\/projects\/([^/]+)\/merge_requests$/);
  if (method === 'POST' && mr) {
    const denied = insufficient('api');
    if (denied) return denied;
    const full = decodeURIComponent(mr[1]!);
    if (!state.repos.has(full)) return { status: 404, body: { message: '404 Project Not Found' } };
    const existing = openPull(state, full, String(body.source_branch), String(body.target_branch));
    if (existing) {
      return {
        status: 409,
        body: {
          message: [`Another open merge request already exists for this source branch: !${existing.number}`],
        },
      };
    }
    const { number: iid } = addPull(state, full, String(body.source_branch), String(body.target_branch));
    return {
      status: 201,
      body: { id: 1000 + iid, iid, state: 'opened', web_url: `${WEB}/${full}/-/merge_requests/${iid}` },
    };
  }
  // "Get single MR": state is opened, closed, locked or merged.
  const mrRead = path.match(/^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)$/);
  if (method === 'GET' && mrRead) {
    const denied = insufficient('api');
    if (denied) return denied;
    const found = pullOf(state, decodeURIComponent(mrRead[1]!), mrRead[2]!);
    if (!found) return { status: 404, body: { message: '404 Not found' } };
    return {
      status: 200,
      body: {
        id: 1000 + found.number,
        iid: found.number,
        state: found.state === 'open' ? 'opened' : found.state,
        merged_at: found.mergedAt,
        source_branch: found.head,
        target_branch: found.base,
        web_url: `${WEB}/${found.full}/-/merge_requests/${found.number}`,
      },
    };
  }
  // GitLab's answer for a route it does not have.
  return { status: 404, body: { error: '404 Not Found' } };
}

// Gitea: https://docs.gitea.com/development/api-usage and the instance's /api/swagger.
function gitea(state: State, method: string, path: string, headers: Headers, body: Record<string, unknown>) {
  const swagger = 'https://gitea.example.com/api/swagger';
  // Gitea takes "token <t>" or "Bearer <t>" in Authorization.
  const given = headers.get('authorization')?.match(/^(?:token|Bearer) (\S+)$/i)?.[1];
  if (!given) return { status: 401, body: { message: 'token is required', url: swagger } };
  const token = state.tokens[given];
  // Gitea's own words for an unknown token quote the token back (models/auth/access_token.go).
  if (!token)
    return { status: 401, body: { message: `access token does not exist [sha: ${given}]`, url: swagger } };
  const has = (scope: string) =>
    !token.enforced ||
    token.enforced.includes(scope) ||
    token.enforced.includes(scope.replace(/^read:/, 'write:'));
  const insufficient = (scope: string): Reply | null =>
    has(scope)
      ? null
      : {
          status: 403,
          body: {
            message: `token does not have at least one of required scope(s): [${scope}]`,
            url: swagger,
          },
        };
  if (method === 'GET' && path === '/api/v1/user') {
    const denied = insufficient('read:user');
    if (denied) return denied;
    return {
      status: 200,
      body: { id: 5, login: token.login, full_name: '', email: `${token.login}@noreply.example` },
    };
  }
  const createIn =
    path === '/api/v1/user/repos' ? token.login : path.match(/^\/api\/v1\/orgs\/([^/]+)\/repos$/)?.[1];
  if (method === 'POST' && createIn) {
    const denied = insufficient('write:repository');
    if (denied) return denied;
    if (createIn !== token.login && !ORGS.has(createIn)) {
      return { status: 404, body: { errors: [], message: "The target couldn't be found.", url: swagger } };
    }
    const full = `${createIn}/${String(body.name)}`;
    if (state.repos.has(full))
      return {
        status: 409,
        body: { message: 'The repository with the same name already exists.', url: swagger },
      };
    state.repos.add(full);
    return {
      status: 201,
      body: {
        full_name: full,
        private: body.private,
        clone_url: cloneUrl(state, full),
        html_url: `${WEB}/${full}`,
        default_branch: 'main',
      },
    };
  }
  const pull = path.match(/^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/pulls$/);
  if (method === 'POST' && pull) {
    const denied = insufficient('write:repository');
    if (denied) return denied;
    const full = `${pull[1]}/${pull[2]}`;
    if (!state.repos.has(full))
      return { status: 404, body: { errors: [], message: "The target couldn't be found.", url: swagger } };
    const existing = openPull(state, full, String(body.head), String(body.base));
    if (existing) {
      return {
        status: 409,
        body: {
          message: `pull request already exists for these targets [id: ${existing.number}, issue_id: 1, head_repo_id: 1, base_repo_id: 1, head_branch: ${String(body.head)}, base_branch: ${String(body.base)}]`,
          url: swagger,
        },
      };
    }
    const { number } = addPull(state, full, String(body.head), String(body.base));
    return {
      status: 201,
      body: {
        id: 500 + number,
        number,
        state: 'open',
        merged: false,
        html_url: `${WEB}/${full}/pulls/${number}`,
      },
    };
  }
  // "Get a pull request by its index": state open or closed, and `merged`.
  const read = path.match(/^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/);
  if (method === 'GET' && read) {
    const denied = insufficient('read:repository');
    if (denied) return denied;
    const found = pullOf(state, `${read[1]}/${read[2]}`, read[3]!);
    if (!found)
      return { status: 404, body: { errors: [], message: "The target couldn't be found.", url: swagger } };
    return {
      status: 200,
      body: {
        id: 500 + found.number,
        number: found.number,
        state: found.state === 'open' ? 'open' : 'closed',
        merged: found.state === 'merged',
        merged_at: found.mergedAt,
        html_url: `${WEB}/${found.full}/pulls/${found.number}`,
      },
    };
  }
  return { status: 404, body: { errors: [], message: "The target couldn't be found.", url: swagger } };
}

const ROUTES = { github, gitlab, gitea };

export async function startProviderFake(
  kind: FakeKind,
  tokens: Record<string, FakeToken>,
  options: FakeOptions = {},
): Promise<ProviderFake> {
  const requests: FakeRequest[] = [];
  const state: State = { tokens, options, repos: new Set(options.repositories), pulls: [] };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const path = (request.url ?? '/').split('?')[0]!;
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      requests.push({ method, path, headers: request.headers, body });
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const reply: Reply = ROUTES[kind](state, method, path, headers, body ?? {});
      const json = typeof reply.body !== 'string';
      response.writeHead(reply.status, {
        'Content-Type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
        ...reply.headers,
      });
      response.end(json ? JSON.stringify(reply.body) : reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setPullState(number, next) {
      const pull = state.pulls.find((candidate) => candidate.number === number);
      if (!pull) throw new Error(`the fake has no pull request #${number}`);
      pull.state = next;
      pull.mergedAt = next === 'merged' ? new Date().toISOString() : null;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
