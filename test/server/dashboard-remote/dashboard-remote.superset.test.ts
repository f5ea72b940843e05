// A dashboard repository's remote through the API, against the real Superset (dev) and a real git server: attach
// an existing empty repository or create one, push, change to another, detach; bad token, unknown repository and
// unrelated history are refused clearly and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import type { Environment, GitServer } from '@superset-git/contracts';
import { initRepository, push, setRemote } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, expectStatus, refusal, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { tempDir } from '../../git/git-fixtures.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { startProviderFake, type ProviderFake } from '../../support/provider-fakes.ts';

let server: TestServer;
let api: ApiClient;
let remote: GitRemote;
let environment: Environment;
let local: GitServer;
let uuid: string;
let github: ProviderFake | undefined;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const superset = clientFor(supersetDev());
  remote = await startGitRemote();
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const dev = supersetDev();
  environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  local = await api.POST('/api/git/servers', {
    body: { name: 'Local git', provider: 'generic', url: remote.url, token: remote.token },
  });
  uuid = await dashboardUuid(superset, 'customers');
  await superset.close();
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, mode: 'init' },
    }),
  );
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), remote?.stop(), github?.close()]);
  releaseLock?.();
});

const path = () => ({ params: { path: { uuid } } });
const setRemoteTo = (body: { gitServerId: number; repository: string; create?: boolean }) =>
  api.raw.PUT('/api/dashboards/{uuid}/remote', { ...path(), body });
const statusNow = () => api.GET('/api/dashboards/{uuid}/status', path());

describe('the remote of a connected dashboard (real Superset dev, real git server)', () => {
  it('sees that the Local git server can create repositories', () => {
    expect(local.lastTest).toMatchObject({ ok: true, createsRepositories: true });
  });

  it('attaches an existing empty repository: not published until the first push', async () => {
    remote.createRepository('customers-empty');
    const attached = await expectStatus(
      200,
      setRemoteTo({ gitServerId: local.id, repository: 'customers-empty' }),
    );
    expect(attached).toMatchObject({ created: false, upstream: null });
    expect(attached.repo).toMatchObject({
      gitServerId: local.id,
      remoteUrl: `${remote.url}/customers-empty`,
    });
    expect((await statusNow()).git.upstream).toBeNull();
    const task = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', path()));
    expect(task.state, JSON.stringify(task.log)).toBe('SUCCESS');
    expect((await statusNow()).git).toMatchObject({ upstream: 'origin/main', ahead: 0, behind: 0 });
  });

  it('changes to a repository it creates, which holds nothing yet', async () => {
    const changed = await expectStatus(
      200,
      setRemoteTo({ gitServerId: local.id, repository: 'customers-new', create: true }),
    );
    expect(changed).toMatchObject({ created: true, upstream: null });
    expect(changed.repo.remoteUrl).toBe(`${remote.url}/customers-new.git`);
    expect((await statusNow()).git.upstream).toBeNull();
    const again = await refusal(
      api.PUT('/api/dashboards/{uuid}/remote', {
        ...path(),
        body: { gitServerId: local.id, repository: 'customers-new', create: true },
      }),
    );
    expect(again.status).toBe(409);
    expect(again.message).toContain("'customers-new'");
  });

  it('changes back to a repository holding its history and tracks it', async () => {
    const back = await expectStatus(
      200,
      setRemoteTo({ gitServerId: local.id, repository: 'customers-empty' }),
    );
    expect(back.upstream).toBe('origin/main');
    expect((await statusNow()).git).toMatchObject({ upstream: 'origin/main', ahead: 0, behind: 0 });
  });

  it('refuses a repository with unrelated history, says what to do and changes nothing', async () => {
    const foreignUrl = remote.createRepository('someone-else');
    const stranger = await initRepository(`${tempDir()}/stranger`, { author: { name: 'S', email: 's@x' } });
    await setRemote(stranger, { url: foreignUrl });
    await push(stranger, { credentials: { username: 'x', token: remote.token } });
    const refused = await refusal(
      api.PUT('/api/dashboards/{uuid}/remote', {
        ...path(),
        body: { gitServerId: local.id, repository: 'someone-else' },
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.code).toBe('GIT_UNRELATED_HISTORY');
    expect(refused.message).toMatch(/'someone-else' on Local git.*unrelated.*clone/);
    const repo = await api.GET('/api/dashboards/{uuid}/repository', path());
    expect(repo.remoteUrl).toBe(`${remote.url}/customers-empty`);
    expect((await statusNow()).git.upstream).toBe('origin/main');
  });

  it('names a bad token and an unknown repository without showing the token, and changes nothing', async () => {
    const badToken = 'wrong-token-4242';
    const wrong = await api.POST('/api/git/servers', {
      body: {
        name: 'Wrong token',
        provider: 'generic',
        url: remote.url,
        token: badToken,
        skipConnectionTest: true,
      },
    });
    const denied = await refusal(
      api.PUT('/api/dashboards/{uuid}/remote', {
        ...path(),
        body: { gitServerId: wrong.id, repository: 'customers-empty' },
      }),
    );
    expect(denied).toMatchObject({ status: 422, code: 'GIT_AUTH_FAILED' });
    expect(denied.message).toContain("'customers-empty' on Wrong token");
    expect(denied.message).not.toContain(badToken);
    const pasted = remote.url.replace('://', '://someone:pasted-secret-77@');
    const byUrl = await refusal(
      api.PUT('/api/dashboards/{uuid}/remote', {
        ...path(),
        body: { gitServerId: wrong.id, repository: `${pasted}/customers-empty` },
      }),
    );
    expect(byUrl.code).toBe('GIT_AUTH_FAILED');
    expect(byUrl.message).toContain(`'${remote.url}/customers-empty' on Wrong token`);
    expect(byUrl.message).not.toContain('pasted-secret-77');
    const missing = await refusal(
      api.PUT('/api/dashboards/{uuid}/remote', {
        ...path(),
        body: { gitServerId: local.id, repository: 'no-such-repo' },
      }),
    );
    expect(missing).toMatchObject({ status: 422, code: 'GIT_NOT_FOUND' });
    expect(missing.message).toContain("'no-such-repo' on Local git was not found");
    expect((await api.GET('/api/dashboards/{uuid}/repository', path())).remoteUrl).toBe(
      `${remote.url}/customers-empty`,
    );
  });

  it('creates the repository through GitHub’s API and attaches it (a local server answering as GitHub’s REST docs, backed by the real git server)', async () => {
    github = await startProviderFake(
      'github',
      { [remote.token]: { login: 'alice', scopes: ['repo'] } },
      { gitRemote: remote },
    );
    const onGitHub = await api.POST('/api/git/servers', {
      body: { name: 'GitHub fake', provider: 'github', url: github.url, token: remote.token },
    });
    expect(onGitHub.lastTest?.createsRepositories).toBe(true);
    const made = await expectStatus(
      200,
      setRemoteTo({ gitServerId: onGitHub.id, repository: 'customers-on-github', create: true }),
    );
    expect(made).toMatchObject({ created: true, upstream: null });
    expect(made.repo).toMatchObject({
      gitServerId: onGitHub.id,
      remoteUrl: `${remote.url}/alice-customers-on-github.git`,
    });
    expect(github.requests.find((request) => request.path === '/user/repos')?.body).toMatchObject({
      name: 'customers-on-github',
      private: true,
    });
    const task = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', path()));
    expect(task.state, JSON.stringify(task.log)).toBe('SUCCESS');
    expect((await statusNow()).git.upstream).toBe('origin/main');
  });

  it('detaches the remote, keeping the local history; detaching twice is refused', async () => {
    const before = await api.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid }, query: { limit: 50 } },
    });
    const detached = await expectStatus(200, api.raw.DELETE('/api/dashboards/{uuid}/remote', path()));
    expect(detached).toMatchObject({ gitServerId: null, remoteUrl: null });
    const after = await api.GET('/api/dashboards/{uuid}/history', {
      params: { path: { uuid }, query: { limit: 50 } },
    });
    expect(after.items.map((item) => item.oid)).toEqual(before.items.map((item) => item.oid));
    expect((await statusNow()).git.upstream).toBeNull();
    const again = await refusal(api.DELETE('/api/dashboards/{uuid}/remote', path()));
    expect(again.status).toBe(409);
  });
});
