// Token checks, new repositories and pull/merge requests against local servers answering as GitHub's, GitLab's
// and Gitea's REST documentation describes (the real APIs cannot be reached from the test machines), and the
// failures a person meets before reaching any API: nothing listening, a web site, an untrusted certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRepository,
  openPullRequest,
  ProviderError,
  readPullRequest,
  validateToken,
  type ProviderConnection,
  type ProviderKind,
} from '@superset-git/providers';
import {
  freePort,
  htmlSite,
  selfSignedSite,
  silentServer,
  type RunningServer,
} from '../support/odd-servers.ts';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';

const GOOD = 'tok_good_0123456789abcdef';
const NARROW = 'tok_narrow_0123456789abcdef';
const FINE = 'tok_fine_grained_0123456789';
const FINE_READ_ONLY = 'tok_fine_read_only_0123456789';
const LIMITED = 'tok_rate_limited_0123456789';
const BAD = 'tok_wrong_0123456789abcdef';
const TOKENS = [GOOD, NARROW, FINE, FINE_READ_ONLY, LIMITED, BAD];

const PROVIDERS = ['github', 'gitlab', 'gitea'] as const;

const conn = (provider: ProviderKind, apiUrl: string, token = GOOD): ProviderConnection => ({
  provider,
  apiUrl,
  token,
  timeoutMs: 5000,
});

/** The ProviderError a call fails with; no token may show in its message, its text or its cause's. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  const texts = [String(error), JSON.stringify(error), String((error as Error).cause ?? '')];
  for (const token of TOKENS) for (const text of texts) expect(text).not.toContain(token);
  return error as ProviderError;
}

describe("GitHub (against a local server answering as GitHub's REST docs describe)", () => {
  let fake: ProviderFake;
  const github = (token = GOOD) => conn('github', fake.url, token);
  beforeAll(async () => {
    fake = await startProviderFake('github', {
      [GOOD]: { login: 'octo', scopes: ['repo', 'read:org'] },
      [NARROW]: { login: 'octo', scopes: ['read:user'] },
      [FINE]: { login: 'octo', scopes: null },
      [FINE_READ_ONLY]: { login: 'octo', scopes: null, permissions: ['metadata=read'] },
      [LIMITED]: { login: 'octo', scopes: ['repo'], rateLimited: true },
    });
  });
  afterAll(() => fake?.close());

  it("reports a classic token's account and its scopes from x-oauth-scopes, sent with the headers GitHub asks for", async () => {
    expect(await validateToken(github(), { requiredScopes: ['repo'] })).toEqual({
      account: { login: 'octo', name: 'octo Name', email: null },
      scopes: ['repo', 'read:org'],
    });
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'GET', path: '/user' });
    expect(sent.headers).toMatchObject({
      authorization: `Bearer ${GOOD}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'superset-git',
    });
    // `repo` covers its sub-scopes.
    await validateToken(github(), { requiredScopes: ['public_repo', 'repo:status'] });
  });

  it('a fine-grained token sends no x-oauth-scopes, so its scopes are unknown (null) and pass a scope check', async () => {
    expect(await validateToken(github(FINE), { requiredScopes: ['repo'] })).toEqual({
      account: { login: 'octo', name: 'octo Name', email: null },
      scopes: null,
    });
  });

  it("a bad token is PROVIDER_AUTH with GitHub's own words", async () => {
    const error = await failure(validateToken(github(BAD)));
    expect(error).toMatchObject({ code: 'PROVIDER_AUTH', status: 401 });
    expect(error.message).toMatch(/rejected the token \(401 Bad credentials\): check it is copied whole/);
  });

  it('a classic token without a required scope is PROVIDER_SCOPE naming the scope', async () => {
    const error = await failure(validateToken(github(NARROW), { requiredScopes: ['repo'] }));
    expect(error).toMatchObject({ code: 'PROVIDER_SCOPE', missingScope: 'repo' });
    expect(error.message).toBe("The token lacks the 'repo' scope; create a token with it.");
  });

  it('a used-up rate limit is PROVIDER_ERROR saying when it resets', async () => {
    const error = await failure(validateToken(github(LIMITED)));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 403 });
    expect(error.message).toMatch(
      /refuses more requests for now: rate limit reached .*it resets at \d{4}-\d\d-\d\dT.*\(in about 10 min\)/,
    );
  });

  it('creates a private repository for the user and for an organization; the same name again is PROVIDER_CONFLICT', async () => {
    const mine = await createRepository(github(), { name: 'sales', description: 'Sales dashboards' });
    expect(mine).toEqual({
      fullName: 'octo/sales',
      cloneUrl: 'http://fake.example/octo/sales.git',
      webUrl: 'http://fake.example/octo/sales',
      defaultBranch: 'main',
    });
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/user/repos',
      body: { name: 'sales', private: true, description: 'Sales dashboards' },
    });
    const org = await createRepository(github(), { name: 'sales', owner: 'analytics' });
    expect(org.fullName).toBe('analytics/sales');
    expect(fake.requests.at(-1)).toMatchObject({ path: '/orgs/analytics/repos', body: { private: true } });
    await createRepository(github(), { name: 'open', private: false });
    expect(fake.requests.at(-1)?.body).toMatchObject({ private: false });

    const again = await failure(createRepository(github(), { name: 'sales', owner: 'analytics' }));
    expect(again).toMatchObject({ code: 'PROVIDER_CONFLICT', status: 422 });
    expect(again.message).toMatch(
      /^A repository named 'sales' already exists in analytics \(422 .*name already exists/,
    );
  });

  it('names what the token lacks (a classic scope, a fine-grained permission) and an organization it cannot find', async () => {
    // GitHub answers a classic token without the scope 404, listing the scopes it accepts in a header.
    expect(await failure(createRepository(github(NARROW), { name: 'x' }))).toMatchObject({
      code: 'PROVIDER_SCOPE',
      missingScope: 'repo',
    });
    const permission = await failure(createRepository(github(FINE_READ_ONLY), { name: 'x' }));
    expect(permission).toMatchObject({
      code: 'PROVIDER_SCOPE',
      missingScope: 'administration=write',
      status: 403,
    });
    expect(permission.message).toContain('fine-grained token');
    const org = await failure(createRepository(github(), { name: 'x', owner: 'nobody-org' }));
    expect(org).toMatchObject({ code: 'PROVIDER_NOT_FOUND', status: 404 });
    expect(org.message).toContain("organization 'nobody-org'");
  });

  it('opens a pull request; the same branches again is PROVIDER_CONFLICT, an unknown repository PROVIDER_NOT_FOUND', async () => {
    await createRepository(github(), { name: 'prs' });
    const options = { repository: 'octo/prs', head: 'feature/colors', base: 'main', title: 'New colors' };
    expect(await openPullRequest(github(), { ...options, body: 'Changed the palette.' })).toEqual({
      number: 1,
      url: 'http://fake.example/octo/prs/pull/1',
    });
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/repos/octo/prs/pulls',
      body: { head: 'feature/colors', base: 'main', title: 'New colors', body: 'Changed the palette.' },
    });
    const again = await failure(openPullRequest(github(), options));
    expect(again).toMatchObject({ code: 'PROVIDER_CONFLICT', status: 422 });
    expect(again.message).toContain(
      'A pull request from feature/colors into main already exists in octo/prs',
    );
    const missing = await failure(openPullRequest(github(), { ...options, repository: 'nobody/none' }));
    expect(missing.code).toBe('PROVIDER_NOT_FOUND');
    expect(missing.message).toContain("repository 'nobody/none'");
    expect((await failure(openPullRequest(github(), { ...options, repository: 'just-a-name' }))).code).toBe(
      'PROVIDER_NOT_FOUND',
    );
  });

  it('reads a pull request as open, then merged once GitHub says merged (closed with merged_at)', async () => {
    await createRepository(github(), { name: 'states' });
    const opened = await openPullRequest(github(), {
      repository: 'octo/states',
      head: 'restyle',
      base: 'main',
      title: 'Restyle',
    });
    const read = () => readPullRequest(github(), { repository: 'octo/states', number: opened.number });
    expect(await read()).toEqual({ ...opened, state: 'open' });
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/repos/octo/states/pulls/${opened.number}`,
    });
    fake.setPullState(opened.number, 'merged');
    expect((await read()).state).toBe('merged');
    fake.setPullState(opened.number, 'closed');
    expect((await read()).state).toBe('closed');
    const missing = await failure(readPullRequest(github(), { repository: 'octo/states', number: 999 }));
    expect(missing).toMatchObject({ code: 'PROVIDER_NOT_FOUND' });
    expect(missing.message).toContain('pull request #999 in octo/states');
  });
});

describe("GitLab (against a local server answering as GitLab's REST docs describe)", () => {
  let fake: ProviderFake;
  let older: ProviderFake;
  const gitlab = (token = GOOD, url = fake.url) => conn('gitlab', url, token);
  beforeAll(async () => {
    const tokens = {
      [GOOD]: { login: 'tanuki', scopes: ['api'] },
      [NARROW]: { login: 'tanuki', scopes: ['read_repository', 'read_user'] },
    };
    fake = await startProviderFake('gitlab', tokens);
    older = await startProviderFake('gitlab', tokens, { olderGitLab: true });
  });
  afterAll(() => Promise.all([fake?.close(), older?.close()]));

  it('reads the scopes from personal_access_tokens/self, where api covers write_repository', async () => {
    expect(await validateToken(gitlab(), { requiredScopes: ['write_repository'] })).toEqual({
      account: { login: 'tanuki', name: 'tanuki Name', email: 'tanuki@example.com' },
      scopes: ['api'],
    });
    expect(fake.requests.slice(-2).map((request) => request.path)).toEqual([
      '/api/v4/user',
      '/api/v4/personal_access_tokens/self',
    ]);
    expect(fake.requests.at(-1)?.headers['private-token']).toBe(GOOD);
  });

  it('takes a URL given with /api/v4 (and a trailing slash) as the instance root', async () => {
    expect((await validateToken(gitlab(GOOD, `${fake.url}/api/v4/`))).account.login).toBe('tanuki');
  });

  it('on GitLab before 15.5 (no personal_access_tokens/self) the scopes are unknown (null)', async () => {
    expect(await validateToken(gitlab(GOOD, older.url), { requiredScopes: ['api'] })).toMatchObject({
      account: { login: 'tanuki' },
      scopes: null,
    });
  });

  it('a bad token is PROVIDER_AUTH; a token without a required scope is PROVIDER_SCOPE naming it', async () => {
    const bad = await failure(validateToken(gitlab(BAD)));
    expect(bad).toMatchObject({ code: 'PROVIDER_AUTH', status: 401 });
    expect(bad.message).toContain('rejected the token (401 Unauthorized)');
    const narrow = await failure(validateToken(gitlab(NARROW), { requiredScopes: ['api'] }));
    expect(narrow).toMatchObject({ code: 'PROVIDER_SCOPE', missingScope: 'api' });
    expect(narrow.message).toContain("'api'");
  });

  it('creates a private project in the user namespace and in a subgroup; the same name again is PROVIDER_CONFLICT', async () => {
    const mine = await createRepository(gitlab(), { name: 'sales' });
    expect(mine).toEqual({
      fullName: 'tanuki/sales',
      cloneUrl: 'http://fake.example/tanuki/sales.git',
      webUrl: 'http://fake.example/tanuki/sales',
      defaultBranch: null,
    });
    expect(fake.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v4/projects',
      body: { name: 'sales', path: 'sales', visibility: 'private' },
    });
    expect(fake.requests.at(-1)?.body).not.toHaveProperty('namespace_id');

    const group = await createRepository(gitlab(), { name: 'sales', owner: 'analytics/bi' });
    expect(group.fullName).toBe('analytics/bi/sales');
    expect(fake.requests.slice(-2)).toMatchObject([
      { method: 'GET', path: '/api/v4/namespaces/analytics%2Fbi' },
      { method: 'POST', body: { namespace_id: 43, visibility: 'private' } },
    ]);

    const again = await failure(createRepository(gitlab(), { name: 'sales', owner: 'analytics/bi' }));
    expect(again).toMatchObject({ code: 'PROVIDER_CONFLICT', status: 400 });
    expect(again.message).toMatch(
      /^A repository named 'sales' already exists in analytics\/bi \(400 .*has already been taken/,
    );
  });

  it('names the scope GitLab says is missing, and a group it cannot find', async () => {
    const scope = await failure(createRepository(gitlab(NARROW), { name: 'x' }));
    expect(scope).toMatchObject({ code: 'PROVIDER_SCOPE', missingScope: 'api', status: 403 });
    const group = await failure(createRepository(gitlab(), { name: 'x', owner: 'no/group' }));
    expect(group).toMatchObject({ code: 'PROVIDER_NOT_FOUND', status: 404 });
    expect(group.message).toContain("'no/group'");
  });

  it('opens a merge request (number is the iid); the same branches again is PROVIDER_CONFLICT', async () => {
    await createRepository(gitlab(), { name: 'prs', owner: 'analytics/bi' });
    const options = {
      repository: 'analytics/bi/prs',
      head: 'feature/colors',
      base: 'main',
      title: 'New colors',
    };
    expect(await openPullRequest(gitlab(), options)).toEqual({
      number: 1,
      url: 'http://fake.example/analytics/bi/prs/-/merge_requests/1',
    });
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/api/v4/projects/analytics%2Fbi%2Fprs/merge_requests',
      body: { source_branch: 'feature/colors', target_branch: 'main', title: 'New colors' },
    });
    const again = await failure(openPullRequest(gitlab(), options));
    expect(again).toMatchObject({ code: 'PROVIDER_CONFLICT', status: 409 });
    expect(again.message).toContain('Another open merge request already exists');
    const missing = await failure(openPullRequest(gitlab(), { ...options, repository: 'nobody/none' }));
    expect(missing.code).toBe('PROVIDER_NOT_FOUND');
    expect(missing.message).toContain("project 'nobody/none'");
  });

  it('reads a merge request: opened is open, merged is merged, closed is closed', async () => {
    await createRepository(gitlab(), { name: 'states', owner: 'analytics/bi' });
    const opened = await openPullRequest(gitlab(), {
      repository: 'analytics/bi/states',
      head: 'restyle',
      base: 'main',
      title: 'Restyle',
    });
    const read = () =>
      readPullRequest(gitlab(), { repository: 'analytics/bi/states', number: opened.number });
    expect(await read()).toEqual({ ...opened, state: 'open' });
    expect(fake.requests.at(-1)?.path).toBe(
      `/api/v4/projects/analytics%2Fbi%2Fstates/merge_requests/${opened.number}`,
    );
    fake.setPullState(opened.number, 'merged');
    expect((await read()).state).toBe('merged');
    fake.setPullState(opened.number, 'closed');
    expect((await read()).state).toBe('closed');
  });
});

describe("Gitea (against a local server answering as Gitea's API docs describe)", () => {
  let fake: ProviderFake;
  const gitea = (token = GOOD, url = fake.url) => conn('gitea', url, token);
  beforeAll(async () => {
    fake = await startProviderFake('gitea', {
      [GOOD]: {
        login: 'tea',
        scopes: null,
        enforced: ['write:user', 'write:repository', 'write:organization'],
      },
      [NARROW]: { login: 'tea', scopes: null, enforced: ['read:user', 'read:repository'] },
      [FINE]: { login: 'tea', scopes: null, enforced: ['read:repository'] },
    });
  });
  afterAll(() => fake?.close());

  it('reports the account; Gitea does not tell the scopes (null), so required ones pass the check', async () => {
    expect(await validateToken(gitea(), { requiredScopes: ['write:repository'] })).toEqual({
      account: { login: 'tea', name: null, email: 'tea@noreply.example' },
      scopes: null,
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/v1/user' });
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`token ${GOOD}`);
    expect((await validateToken(gitea(GOOD, `${fake.url}/api/v1`))).account.login).toBe('tea');
  });

  it('a bad token is PROVIDER_AUTH, and the token Gitea quotes back is kept out of the message', async () => {
    const error = await failure(validateToken(gitea(BAD)));
    expect(error).toMatchObject({ code: 'PROVIDER_AUTH', status: 401 });
    expect(error.message).toContain('access token does not exist [sha: [token]]');
  });

  it('a token without read:user fails the check as PROVIDER_SCOPE naming it', async () => {
    expect(await failure(validateToken(gitea(FINE)))).toMatchObject({
      code: 'PROVIDER_SCOPE',
      missingScope: 'read:user',
      status: 403,
    });
  });

  it('creates a private repository for the user and for an organization; the same name again is PROVIDER_CONFLICT', async () => {
    expect(await createRepository(gitea(), { name: 'sales' })).toEqual({
      fullName: 'tea/sales',
      cloneUrl: 'http://fake.example/tea/sales.git',
      webUrl: 'http://fake.example/tea/sales',
      defaultBranch: 'main',
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/v1/user/repos', body: { private: true } });
    expect((await createRepository(gitea(), { name: 'sales', owner: 'analytics' })).fullName).toBe(
      'analytics/sales',
    );
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/api/v1/orgs/analytics/repos',
      body: { private: true },
    });
    const again = await failure(createRepository(gitea(), { name: 'sales' }));
    expect(again).toMatchObject({ code: 'PROVIDER_CONFLICT', status: 409 });
    expect(again.message).toMatch(/^A repository named 'sales' already exists in the token's account \(409/);
  });

  it('names the scope Gitea says is missing, and an organization it cannot find', async () => {
    const scope = await failure(createRepository(gitea(NARROW), { name: 'x' }));
    expect(scope).toMatchObject({ code: 'PROVIDER_SCOPE', missingScope: 'write:repository', status: 403 });
    expect(scope.message).toBe("The token lacks the 'write:repository' scope; create a token with it.");
    expect((await failure(createRepository(gitea(), { name: 'x', owner: 'nobody-org' }))).code).toBe(
      'PROVIDER_NOT_FOUND',
    );
  });

  it('opens a pull request; the same branches again is PROVIDER_CONFLICT', async () => {
    await createRepository(gitea(), { name: 'prs' });
    const options = { repository: 'tea/prs', head: 'feature/colors', base: 'main', title: 'New colors' };
    expect(await openPullRequest(gitea(), options)).toEqual({
      number: 1,
      url: 'http://fake.example/tea/prs/pulls/1',
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/v1/repos/tea/prs/pulls' });
    expect(await failure(openPullRequest(gitea(), options))).toMatchObject({
      code: 'PROVIDER_CONFLICT',
      status: 409,
    });
    expect((await failure(openPullRequest(gitea(), { ...options, repository: 'nobody/none' }))).code).toBe(
      'PROVIDER_NOT_FOUND',
    );
  });

  it('reads a pull request by its index: open, then merged (closed with merged true)', async () => {
    await createRepository(gitea(), { name: 'states' });
    const opened = await openPullRequest(gitea(), {
      repository: 'tea/states',
      head: 'restyle',
      base: 'main',
      title: 'Restyle',
    });
    const read = () => readPullRequest(gitea(), { repository: 'tea/states', number: opened.number });
    expect(await read()).toEqual({ ...opened, state: 'open' });
    expect(fake.requests.at(-1)?.path).toBe(`/api/v1/repos/tea/states/pulls/${opened.number}`);
    fake.setPullState(opened.number, 'merged');
    expect((await read()).state).toBe('merged');
  });
});

describe('any provider, when the URL does not lead to its API', () => {
  let html: RunningServer;
  let tls: RunningServer;
  let silent: RunningServer;
  beforeAll(async () => {
    [html, tls, silent] = await Promise.all([htmlSite(), selfSignedSite(), silentServer()]);
  });
  afterAll(() => Promise.all([html?.close(), tls?.close(), silent?.close()]));

  it.each(PROVIDERS)('%s: a closed port is PROVIDER_UNREACHABLE naming the host', async (provider) => {
    const port = await freePort();
    const error = await failure(validateToken(conn(provider, `http://127.0.0.1:${port}`)));
    expect(error).toMatchObject({ code: 'PROVIDER_UNREACHABLE', status: null });
    expect(error.message).toBe(`Cannot reach 127.0.0.1:${port}: nothing is listening on that port.`);
  });

  it.each(PROVIDERS)(
    '%s: a web site is PROVIDER_NOT_PROVIDER, saying which URL to give',
    async (provider) => {
      const error = await failure(validateToken(conn(provider, html.url)));
      expect(error.code).toBe('PROVIDER_NOT_PROVIDER');
      const name = { github: 'GitHub', gitlab: 'GitLab', gitea: 'Gitea' }[provider];
      expect(error.message).toContain(
        `${html.url} answered, but not as the ${name} API; check the URL (for ${name} give`,
      );
      // The site answers POSTs with an HTML 404: still the wrong URL, not a missing organization.
      const created = await failure(createRepository(conn(provider, html.url), { name: 'x', owner: 'org' }));
      expect(created.code).toBe('PROVIDER_NOT_PROVIDER');
    },
  );

  it.each(PROVIDERS)(
    '%s: a self-signed certificate is PROVIDER_TLS unless checks are off',
    async (provider) => {
      const error = await failure(validateToken(conn(provider, tls.url)));
      expect(error.code).toBe('PROVIDER_TLS');
      expect(error.message).toContain(new URL(tls.url).host);
      // With checks off the site is reached, and turns out to be no API.
      const unchecked = await failure(validateToken({ ...conn(provider, tls.url), verifyTls: false }));
      expect(unchecked.code).toBe('PROVIDER_NOT_PROVIDER');
    },
  );

  it('a server that never answers is PROVIDER_TIMEOUT after timeoutMs', async () => {
    const error = await failure(validateToken({ ...conn('gitlab', silent.url), timeoutMs: 300 }));
    expect(error.code).toBe('PROVIDER_TIMEOUT');
    expect(error.message).toBe(`${new URL(silent.url).host} did not answer within 0.3 s.`);
  });

  it('a token with a line break inside is refused before sending, without quoting it', async () => {
    const error = await failure(validateToken(conn('github', html.url, `${GOOD}\nX-Injected: 1`)));
    expect(error.code).toBe('PROVIDER_AUTH');
    expect(error.message).toContain('paste it again');
  });

  it('Gitea has no public instance, so it needs a URL', async () => {
    const error = await failure(validateToken(conn('gitea', '  ')));
    expect(error.code).toBe('PROVIDER_NOT_PROVIDER');
    expect(error.message).toContain('Gitea is self-hosted only');
  });
});
