// /api/git/servers: add, check, change and remove git servers; tokens checked with the provider first, sealed,
// and never shown again. Providers are local servers answering as their REST documentation describes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { ApiClient } from '@superset-git/api-client';
import { freePort } from '../../support/odd-servers.ts';
import { startProviderFake, type ProviderFake } from '../../support/provider-fakes.ts';
import { apiOf, rawRequest, expectStatus } from '../../support/api.ts';
import { login, startTestServer, type Caller, type TestServer } from '../../support/test-server.ts';

const TOKEN = 'ghp_classicTokenForTests1234';
let server: TestServer;
let caller: Caller;
let api: ApiClient;
let github: ProviderFake;
let gitlab: ProviderFake;
let remote: GitRemote;

beforeAll(async () => {
  server = await startTestServer();
  caller = await login(server);
  api = apiOf(server, caller);
  github = await startProviderFake('github', {
    [TOKEN]: { login: 'octo', scopes: ['repo'] },
    ghp_readOnlyToken000: { login: 'octo', scopes: ['read:user'] },
  });
  gitlab = await startProviderFake('gitlab', {
    glpat_token_for_tests: { login: 'tanuki', scopes: ['api', 'read_user'] },
  });
  remote = await startGitRemote();
});
afterAll(async () => {
  await Promise.all([server?.close(), github?.close(), gitlab?.close(), remote?.stop()]);
});

describe('git servers (providers answered by local servers following their REST docs)', () => {
  it('saves a GitHub server only after its token checks out, and never shows the token again', async () => {
    const created = await api.raw.POST('/api/git/servers', {
      body: { name: 'GitHub', provider: 'github', url: github.url, token: TOKEN, defaultOwner: 'analytics' },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      name: 'GitHub',
      provider: 'github',
      defaultOwner: 'analytics',
      tokenHint: '••••1234',
      lastTest: { ok: true, account: { login: 'octo' }, scopes: ['repo'] },
    });
    const listed = await api.raw.GET('/api/git/servers');
    expect(JSON.stringify([created.data!, listed.data!])).not.toContain(TOKEN);
    const again = await api.raw.POST('/api/git/servers', {
      body: { name: 'github', provider: 'github', url: github.url, token: TOKEN },
    });
    expect(again.response.status).toBe(409);
  });

  it('refuses a bad token or a token lacking a scope, saying which, and saves nothing', async () => {
    const bad = await api.raw.POST('/api/git/servers', {
      body: { name: 'Bad', provider: 'github', url: github.url, token: 'ghp_wrong_token_000' },
    });
    expect(bad.response.status).toBe(422);
    expect(bad.error!.error).toMatchObject({ code: 'PROVIDER_AUTH' });
    expect(bad.error!.error.message).toMatch(/rejected the token.*Nothing was saved/);
    const narrow = await api.raw.POST('/api/git/servers', {
      body: { name: 'Narrow', provider: 'github', url: github.url, token: 'ghp_readOnlyToken000' },
    });
    expect(narrow.error!.error).toMatchObject({ code: 'PROVIDER_SCOPE' });
    expect(narrow.error!.error.message).toContain("'repo'");
    const names = (await api.GET('/api/git/servers')).items.map((item) => item.name);
    expect(names).not.toContain('Bad');
    expect(names).not.toContain('Narrow');
  });

  it('saved anyway with a refused token, the server shows that refusal as its last check', async () => {
    const saved = await api.POST('/api/git/servers', {
      body: {
        name: 'Saved anyway',
        provider: 'github',
        url: github.url,
        token: 'ghp_wrong_token_111',
        skipConnectionTest: true,
      },
    });
    expect(saved.lastTest).toMatchObject({ ok: false, errorCode: 'PROVIDER_AUTH' });
    const listed = (await api.GET('/api/git/servers')).items.find((item) => item.id === saved.id)!;
    expect(listed.lastTest?.message).toMatch(/rejected the token/);
    await api.DELETE('/api/git/servers/{id}', { params: { path: { id: saved.id } } });
  });

  it('checks a GitLab token and reports its scopes; an unreachable host is named', async () => {
    const checked = await api.raw.POST('/api/git/servers/test', {
      body: {
        name: 'GitLab',
        provider: 'gitlab',
        url: `${gitlab.url}/api/v4`,
        token: 'glpat_token_for_tests',
      },
    });
    expect(checked.data).toMatchObject({
      ok: true,
      account: { login: 'tanuki' },
      scopes: ['api', 'read_user'],
    });
    expect(checked.data!.message).toContain('tanuki');
    const port = await freePort();
    const down = await api.raw.POST('/api/git/servers/test', {
      body: { name: 'Down', provider: 'gitea', url: `http://127.0.0.1:${port}`, token: 'x' },
    });
    expect(down.data).toMatchObject({ ok: false, errorCode: 'PROVIDER_UNREACHABLE' });
    expect(down.data!.message).toContain(`127.0.0.1:${port}`);
    const noUrl = await api.raw.POST('/api/git/servers/test', {
      body: { name: 'Gitea', provider: 'gitea', token: 'x' },
    });
    expect(noUrl.response.status).toBe(400);
    expect(noUrl.error!.error.details).toMatchObject({ url: expect.any(String) });
  });

  it('saves a plain git server, taking a token pasted into its URL out of the URL', async () => {
    const pasted = remote.url.replace('http://', `http://me:${remote.token}@`);
    const created = await api.raw.POST('/api/git/servers', {
      body: { name: 'Local git', provider: 'generic', url: pasted },
    });
    expect(created.response.status).toBe(201);
    expect(created.data!.url).toBe(remote.url);
    expect(created.data!.tokenHint).toBe(`••••${remote.token.slice(-4)}`);
    expect(created.data!.lastTest?.message).toMatch(/did not refuse the token/);

    const wrong = await api.raw.POST('/api/git/servers/{id}/test', {
      params: { path: { id: created.data!.id } },
      body: { token: 'not-the-token' },
    });
    expect(wrong.data).toMatchObject({ ok: false, errorCode: 'GIT_AUTH_FAILED' });
    // The failed check with an override saved nothing: the saved token still works.
    const saved = await api.raw.POST('/api/git/servers/{id}/test', {
      params: { path: { id: created.data!.id } },
      body: null,
    });
    expect(saved.data, JSON.stringify(saved.data)).toMatchObject({ ok: true });
  });

  it('changes and removes a server; an omitted token keeps the saved one', async () => {
    const created = await api.raw.POST('/api/git/servers', {
      body: { name: 'Temp', provider: 'github', url: github.url, token: TOKEN },
    });
    const renamed = await api.raw.PUT('/api/git/servers/{id}', {
      params: { path: { id: created.data!.id } },
      body: { name: 'Temp renamed', defaultOwner: null },
    });
    expect(renamed.data).toMatchObject({ name: 'Temp renamed', tokenHint: '••••1234', defaultOwner: null });
    const badToken = await api.raw.PUT('/api/git/servers/{id}', {
      params: { path: { id: created.data!.id } },
      body: { token: 'ghp_wrong_token_000' },
    });
    expect(badToken.response.status).toBe(422);
    expect(
      (
        await api.GET('/api/git/servers/{id}', {
          params: { path: { id: created.data!.id } },
        })
      ).tokenHint,
    ).toBe('••••1234');
    await expectStatus(
      200,
      api.raw.DELETE('/api/git/servers/{id}', {
        params: { path: { id: created.data!.id } },
      }),
    );
    await expectStatus(
      404,
      api.raw.GET('/api/git/servers/{id}', {
        params: { path: { id: created.data!.id } },
      }),
    );
  });

  it('is admin-only to change, and documented in OpenAPI', async () => {
    await expectStatus(401, apiOf(server, {}).raw.GET('/api/git/servers'));
    const openapi = await rawRequest<{ paths: Record<string, unknown> }>(
      server,
      'GET',
      '/api/openapi.json',
      caller,
    );
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/git/servers',
        '/api/git/servers/{id}',
        '/api/git/servers/{id}/test',
        '/api/git/servers/test',
      ]),
    );
  });
});
