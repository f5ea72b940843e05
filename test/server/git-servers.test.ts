// /api/git/servers: add, check, change and remove git servers; tokens checked with the provider first, sealed,
// and never shown again. Providers are local servers answering as their REST documentation describes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, GitServer, GitServerList, GitServerTestResult } from '@superset-git/contracts';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { freePort } from '../support/odd-servers.ts';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';
import { api, login, startTestServer, type Caller, type TestServer } from '../support/test-server.ts';

const TOKEN = 'ghp_classicTokenForTests1234';
let server: TestServer;
let caller: Caller;
let github: ProviderFake;
let gitlab: ProviderFake;
let remote: GitRemote;

beforeAll(async () => {
  server = await startTestServer();
  caller = await login(server);
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
    const created = await api<GitServer>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'GitHub', provider: 'github', url: github.url, token: TOKEN, defaultOwner: 'analytics' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'GitHub',
      provider: 'github',
      defaultOwner: 'analytics',
      tokenHint: '••••1234',
      lastTest: { ok: true, account: { login: 'octo' }, scopes: ['repo'] },
    });
    const listed = await api<GitServerList>(server, 'GET', '/api/git/servers', caller);
    expect(JSON.stringify([created.body, listed.body])).not.toContain(TOKEN);
    const again = await api<ApiError>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'github', provider: 'github', url: github.url, token: TOKEN },
    });
    expect(again.status).toBe(409);
  });

  it('refuses a bad token or a token lacking a scope, saying which, and saves nothing', async () => {
    const bad = await api<ApiError>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'Bad', provider: 'github', url: github.url, token: 'ghp_wrong_token_000' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'PROVIDER_AUTH' });
    expect(bad.body.error.message).toMatch(/rejected the token.*Nothing was saved/);
    const narrow = await api<ApiError>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'Narrow', provider: 'github', url: github.url, token: 'ghp_readOnlyToken000' },
    });
    expect(narrow.body.error).toMatchObject({ code: 'PROVIDER_SCOPE' });
    expect(narrow.body.error.message).toContain("'repo'");
    const names = (await api<GitServerList>(server, 'GET', '/api/git/servers', caller)).body.items.map(
      (item) => item.name,
    );
    expect(names).not.toContain('Bad');
    expect(names).not.toContain('Narrow');
  });

  it('checks a GitLab token and reports its scopes; an unreachable host is named', async () => {
    const checked = await api<GitServerTestResult>(server, 'POST', '/api/git/servers/test', {
      ...caller,
      body: {
        name: 'GitLab',
        provider: 'gitlab',
        url: `${gitlab.url}/api/v4`,
        token: 'glpat_token_for_tests',
      },
    });
    expect(checked.body).toMatchObject({
      ok: true,
      account: { login: 'tanuki' },
      scopes: ['api', 'read_user'],
    });
    expect(checked.body.message).toContain('tanuki');
    const port = await freePort();
    const down = await api<GitServerTestResult>(server, 'POST', '/api/git/servers/test', {
      ...caller,
      body: { name: 'Down', provider: 'gitea', url: `http://127.0.0.1:${port}`, token: 'x' },
    });
    expect(down.body).toMatchObject({ ok: false, errorCode: 'PROVIDER_UNREACHABLE' });
    expect(down.body.message).toContain(`127.0.0.1:${port}`);
    const noUrl = await api<ApiError>(server, 'POST', '/api/git/servers/test', {
      ...caller,
      body: { name: 'Gitea', provider: 'gitea', token: 'x' },
    });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.error.details).toMatchObject({ url: expect.any(String) });
  });

  it('saves a plain git server, taking a token pasted into its URL out of the URL', async () => {
    const pasted = remote.url.replace('http://', `http://me:${remote.token}@`);
    const created = await api<GitServer>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'Local git', provider: 'generic', url: pasted },
    });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(remote.url);
    expect(created.body.tokenHint).toBe(`••••${remote.token.slice(-4)}`);
    expect(created.body.lastTest?.message).toMatch(/did not refuse the token/);

    const wrong = await api<GitServerTestResult>(server, 'POST', `/api/git/servers/${created.body.id}/test`, {
      ...caller,
      body: { token: 'not-the-token' },
    });
    expect(wrong.body).toMatchObject({ ok: false, errorCode: 'GIT_AUTH_FAILED' });
    // The failed check with an override saved nothing: the saved token still works.
    const saved = await api<GitServerTestResult>(
      server,
      'POST',
      `/api/git/servers/${created.body.id}/test`,
      caller,
    );
    expect(saved.body, JSON.stringify(saved.body)).toMatchObject({ ok: true });
  });

  it('changes and removes a server; an omitted token keeps the saved one', async () => {
    const created = await api<GitServer>(server, 'POST', '/api/git/servers', {
      ...caller,
      body: { name: 'Temp', provider: 'github', url: github.url, token: TOKEN },
    });
    const renamed = await api<GitServer>(server, 'PUT', `/api/git/servers/${created.body.id}`, {
      ...caller,
      body: { name: 'Temp renamed', defaultOwner: null },
    });
    expect(renamed.body).toMatchObject({ name: 'Temp renamed', tokenHint: '••••1234', defaultOwner: null });
    const badToken = await api<ApiError>(server, 'PUT', `/api/git/servers/${created.body.id}`, {
      ...caller,
      body: { token: 'ghp_wrong_token_000' },
    });
    expect(badToken.status).toBe(422);
    expect(
      (await api<GitServer>(server, 'GET', `/api/git/servers/${created.body.id}`, caller)).body.tokenHint,
    ).toBe('••••1234');
    expect((await api(server, 'DELETE', `/api/git/servers/${created.body.id}`, caller)).status).toBe(200);
    expect((await api(server, 'GET', `/api/git/servers/${created.body.id}`, caller)).status).toBe(404);
  });

  it('is admin-only to change, and documented in OpenAPI', async () => {
    expect((await api(server, 'GET', '/api/git/servers')).status).toBe(401);
    const openapi = await api<{ paths: Record<string, unknown> }>(server, 'GET', '/api/openapi.json', caller);
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
