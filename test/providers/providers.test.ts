// Token checks, new repositories and pull/merge requests against local servers answering as GitHub's, GitLab's
// and Gitea's REST documentation describes (the real APIs cannot be reached from the test machines).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRepository,
  openPullRequest,
  ProviderError,
  validateToken,
  type ProviderConnection,
  type ProviderKind,
} from '@superset-git/providers';
import { freePort, htmlSite, selfSignedSite, type RunningServer } from '../support/odd-servers.ts';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';

const GOOD = 'tok_good_0123456789abcdef';
const NARROW = 'tok_narrow_0123456789abcdef';
const BAD = 'tok_wrong_0123456789abcdef';

const fakes: Partial<Record<ProviderKind, ProviderFake>> = {};
let html: RunningServer;
let tls: RunningServer;

beforeAll(async () => {
  fakes.github = await startProviderFake('github', {
    [GOOD]: { login: 'octo', scopes: ['repo', 'read:org'] },
    [NARROW]: { login: 'octo', scopes: ['read:user'] },
    tok_fine_grained: { login: 'octo', scopes: null },
  });
  fakes.gitlab = await startProviderFake('gitlab', {
    [GOOD]: { login: 'tanuki', scopes: ['api'] },
    [NARROW]: { login: 'tanuki', scopes: ['read_repository'] },
  });
  fakes.gitea = await startProviderFake('gitea', {
    [GOOD]: { login: 'tea', scopes: null, enforced: ['write:repository'] },
    [NARROW]: { login: 'tea', scopes: null, enforced: [] },
  });
  html = await htmlSite();
  tls = await selfSignedSite();
});
afterAll(async () => {
  await Promise.all([...Object.values(fakes).map((fake) => fake.close()), html?.close(), tls?.close()]);
});

const conn = (provider: ProviderKind, token = GOOD, apiUrl = fakes[provider]!.url): ProviderConnection => ({
  provider,
  apiUrl,
  token,
  timeoutMs: 5000,
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  for (const token of [GOOD, NARROW, BAD]) expect((error as Error).message).not.toContain(token);
  return error as ProviderError;
}

describe('token check (against local servers answering as each provider documents)', () => {
  it('GitHub: reports the account and a classic token’s scopes from x-oauth-scopes', async () => {
    expect(await validateToken(conn('github'), { requiredScopes: ['repo'] })).toEqual({
      account: { login: 'octo', name: 'octo Name', email: null },
      scopes: ['repo', 'read:org'],
    });
    expect(fakes.github!.requests.at(-1)?.headers['user-agent']).toBe('superset-git');
  });

  it('GitHub: a fine-grained token has no scope header, so scopes are unknown (null)', async () => {
    expect(
      (await validateToken(conn('github', 'tok_fine_grained'), { requiredScopes: ['repo'] })).scopes,
    ).toBeNull();
  });

  it('GitLab: reads scopes from personal_access_tokens/self, and api covers write_repository', async () => {
    expect(await validateToken(conn('gitlab'), { requiredScopes: ['write_repository'] })).toMatchObject({
      account: { login: 'tanuki' },
      scopes: ['api'],
    });
    // A URL given with /api/v4 works too.
    expect((await validateToken(conn('gitlab', GOOD, `${fakes.gitlab!.url}/api/v4/`))).account.login).toBe(
      'tanuki',
    );
  });

  it('Gitea: reports the account; scopes are not told (null)', async () => {
    expect(await validateToken(conn('gitea'))).toEqual({
      account: { login: 'tea', name: null, email: 'tea@noreply.example' },
      scopes: null,
    });
  });

  it.each(['github', 'gitlab', 'gitea'] as const)(
    '%s: a bad token is PROVIDER_AUTH with the provider’s own words',
    async (provider) => {
      const error = await failure(validateToken(conn(provider, BAD)));
      expect(error.code).toBe('PROVIDER_AUTH');
      expect(error.message).toMatch(/rejected the token \(401/);
    },
  );

  it('a token without a required scope is PROVIDER_SCOPE naming the scope', async () => {
    const github = await failure(validateToken(conn('github', NARROW), { requiredScopes: ['repo'] }));
    expect(github).toMatchObject({ code: 'PROVIDER_SCOPE', missingScope: 'repo' });
    expect(github.message).toContain("'repo'");
    const gitlab = await failure(validateToken(conn('gitlab', NARROW), { requiredScopes: ['api'] }));
    expect(gitlab).toMatchObject({ code: 'PROVIDER_SCOPE', missingScope: 'api' });
  });

  it('an unreachable host, a web site and a self-signed certificate each get their own error', async () => {
    const port = await freePort();
    const down = await failure(validateToken(conn('github', GOOD, `http://127.0.0.1:${port}`)));
    expect(down.code).toBe('PROVIDER_UNREACHABLE');
    expect(down.message).toContain(`127.0.0.1:${port}`);
    for (const provider of ['github', 'gitlab', 'gitea'] as const) {
      const notApi = await failure(validateToken(conn(provider, GOOD, html.url)));
      expect(notApi.code).toBe('PROVIDER_NOT_PROVIDER');
    }
    expect((await failure(validateToken(conn('gitea', GOOD, tls.url)))).code).toBe('PROVIDER_TLS');
  });
});

describe('create a repository (against local servers answering as each provider documents)', () => {
  it.each([
    ['github', { owner: undefined, expected: 'octo/sales' }],
    ['github', { owner: 'analytics', expected: 'analytics/sales' }],
    ['gitlab', { owner: undefined, expected: 'tanuki/sales' }],
    ['gitlab', { owner: 'analytics/bi', expected: 'analytics/bi/sales' }],
    ['gitea', { owner: 'analytics', expected: 'analytics/sales' }],
  ] as const)('%s: creates a private repository for %o', async (provider, { owner, expected }) => {
    const created = await createRepository(conn(provider), {
      name: 'sales',
      owner,
      description: 'Sales dashboard',
    });
    expect(created.fullName).toBe(expected);
    expect(created.cloneUrl).toMatch(/\.git$/);
    const sent = fakes[provider]!.requests.at(-1)!.body!;
    if (provider === 'gitlab') expect(sent.visibility).toBe('private');
    else expect(sent.private).toBe(true);
    // The same name again is a clear conflict.
    const again = await failure(createRepository(conn(provider), { name: 'sales', owner }));
    expect(again.code).toBe('PROVIDER_CONFLICT');
    expect(again.message).toContain('sales');
  });

  it('names the missing scope when the provider refuses to create, and an unknown organization as not found', async () => {
    expect(await failure(createRepository(conn('gitea', NARROW), { name: 'x' }))).toMatchObject({
      code: 'PROVIDER_SCOPE',
      missingScope: 'write:repository',
    });
    expect(await failure(createRepository(conn('gitlab', NARROW), { name: 'x' }))).toMatchObject({
      code: 'PROVIDER_SCOPE',
      missingScope: 'api',
    });
    expect(await failure(createRepository(conn('github', NARROW), { name: 'x' }))).toMatchObject({
      code: 'PROVIDER_SCOPE',
      missingScope: 'repo',
    });
    expect((await failure(createRepository(conn('github'), { name: 'x', owner: 'nobody-org' }))).code).toBe(
      'PROVIDER_NOT_FOUND',
    );
    expect((await failure(createRepository(conn('gitlab'), { name: 'x', owner: 'no/group' }))).code).toBe(
      'PROVIDER_NOT_FOUND',
    );
  });
});

describe('open a pull/merge request (against local servers answering as each provider documents)', () => {
  it.each([
    ['github', 'octo/prs'],
    ['gitlab', 'tanuki/prs'],
    ['gitea', 'tea/prs'],
  ] as const)(
    '%s: opens one, and a second for the same branches is a conflict',
    async (provider, repository) => {
      await createRepository(conn(provider), { name: 'prs' });
      const opened = await openPullRequest(conn(provider), {
        repository,
        head: 'feature/colors',
        base: 'main',
        title: 'New colors',
      });
      expect(opened.number).toBeGreaterThan(0);
      expect(opened.url).toContain(repository);
      const again = await failure(
        openPullRequest(conn(provider), { repository, head: 'feature/colors', base: 'main', title: 'Again' }),
      );
      expect(again.code).toBe('PROVIDER_CONFLICT');
      expect(
        (
          await failure(
            openPullRequest(conn(provider), { repository: 'nobody/none', head: 'a', base: 'b', title: 't' }),
          )
        ).code,
      ).toBe('PROVIDER_NOT_FOUND');
    },
  );
});
