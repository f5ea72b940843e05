// Tags (releases) of a dashboard's repository through the API: made on the current commit, pushed to a real git
// server, deleted there and here, refused when they cannot be; against the real Superset (dev). It only exports,
// but its pull syncs first and must not see another file's chart edits half-way, so it takes the suite lock.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGit } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, expectStatus, refusal, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let api: ApiClient;
let viewer: ApiClient;
let remote: GitRemote;
let superset: SupersetClient;
let uuid: string;
let head: string;

/** The tags the git server holds for the dashboard's repository. */
async function remoteTags(): Promise<string[]> {
  const listed = await runGit(['for-each-ref', '--format=%(refname:short)', 'refs/tags'], {
    cwd: path.join(remote.root, 'customers.git'),
  });
  return listed.stdout.split('\n').filter(Boolean);
}

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  const admin = await login(server);
  api = apiOf(server, admin);
  await api.POST('/api/users', {
    body: {
      username: 'vera',
      name: 'Vera Viewer',
      email: 'vera@example.com',
      role: 'viewer',
      password: 'vera-password-1',
    },
  });
  viewer = apiOf(server, await login(server, 'vera', 'vera-password-1'));
  const environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  const gitServer = await api.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
  uuid = await dashboardUuid(superset, 'customers');
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl: remote.createRepository('customers'),
      },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
  head = (
    await api.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid } },
      body: { message: 'Customers as exported' },
    })
  ).oid;
  expect(
    (await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } }))).state,
  ).toBe('SUCCESS');
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
  releaseLock?.();
});

describe('tags of a dashboard (real Superset dev, real git server)', () => {
  it('tags the current commit with a message and lists it with its commit and date', async () => {
    const created = await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/tags', {
        params: { path: { uuid } },
        body: { name: 'v1.0', message: 'First release' },
      }),
    );
    expect(created).toMatchObject({ name: 'v1.0', oid: head, message: 'First release' });
    const listed = await viewer.GET('/api/dashboards/{uuid}/tags', { params: { path: { uuid } } });
    expect(listed.items).toEqual([
      expect.objectContaining({
        name: 'v1.0',
        oid: head,
        message: 'First release',
        taggedAt: expect.any(String),
      }),
    ]);
  });

  it('pushes a tag to the git server as a task, with the git server’s token', async () => {
    const task = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/tags/push', {
        params: { path: { uuid } },
        body: { name: 'v1.0' },
      }),
    );
    expect(task.state, task.error ?? '').toBe('SUCCESS');
    expect(await remoteTags()).toContain('v1.0');
  });

  it('tags what a branch points at, named with a slash, beside the other tags', async () => {
    await api.POST('/api/dashboards/{uuid}/tags', {
      params: { path: { uuid } },
      body: { name: 'release/2024-01', ref: 'main' },
    });
    const names = (await api.GET('/api/dashboards/{uuid}/tags', { params: { path: { uuid } } })).items.map(
      (tag) => tag.name,
    );
    expect(names).toEqual(expect.arrayContaining(['v1.0', 'release/2024-01']));
  });

  it('refuses a tag name that exists, one git cannot hold, and a commit that does not exist', async () => {
    const twice = await refusal(
      api.POST('/api/dashboards/{uuid}/tags', { params: { path: { uuid } }, body: { name: 'v1.0' } }),
    );
    expect(twice).toMatchObject({ status: 409, code: 'GIT_TAG_EXISTS' });
    const bad = await refusal(
      api.POST('/api/dashboards/{uuid}/tags', { params: { path: { uuid } }, body: { name: 'v 1..2' } }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'GIT_INVALID_REF' });
    const nowhere = await refusal(
      api.POST('/api/dashboards/{uuid}/tags', {
        params: { path: { uuid } },
        body: { name: 'v9', ref: 'no-such-branch' },
      }),
    );
    expect(nowhere).toMatchObject({ status: 400, code: 'GIT_INVALID_REF' });
  });

  it('says there is no such tag when pushing or deleting one that does not exist', async () => {
    const push = await refusal(
      api.POST('/api/dashboards/{uuid}/tags/push', { params: { path: { uuid } }, body: { name: 'v9' } }),
    );
    expect(push).toMatchObject({ status: 404, code: 'GIT_TAG_NOT_FOUND' });
    const deleted = await refusal(
      api.DELETE('/api/dashboards/{uuid}/tags', { params: { path: { uuid }, query: { name: 'v9' } } }),
    );
    expect(deleted).toMatchObject({ status: 404, code: 'GIT_TAG_NOT_FOUND' });
  });

  it('lets a viewer see the tags but not make, push or delete one', async () => {
    expect(
      (await viewer.raw.GET('/api/dashboards/{uuid}/tags', { params: { path: { uuid } } })).response.status,
    ).toBe(200);
    for (const call of [
      viewer.raw.POST('/api/dashboards/{uuid}/tags', {
        params: { path: { uuid } },
        body: { name: 'v-viewer' },
      }),
      viewer.raw.POST('/api/dashboards/{uuid}/tags/push', {
        params: { path: { uuid } },
        body: { name: 'v1.0' },
      }),
      viewer.raw.DELETE('/api/dashboards/{uuid}/tags', {
        params: { path: { uuid }, query: { name: 'v1.0' } },
      }),
    ])
      expect((await call).response.status).toBe(403);
    expect(await remoteTags()).toContain('v1.0');
  });

  it('deletes a tag here only, or on the git server too, keeping it under a backup ref', async () => {
    const local = await api.DELETE('/api/dashboards/{uuid}/tags', {
      params: { path: { uuid }, query: { name: 'release/2024-01' } },
    });
    expect(local).toEqual({
      name: 'release/2024-01',
      backupRef: 'refs/superset-git/deleted-tags/release/2024-01',
      remote: false,
    });
    const both = await api.DELETE('/api/dashboards/{uuid}/tags', {
      params: { path: { uuid }, query: { name: 'v1.0', remote: 'true' } },
    });
    expect(both).toMatchObject({ name: 'v1.0', remote: true });
    expect(await remoteTags()).not.toContain('v1.0');
    // A pull fetches the server's tags: the deleted tag does not come back.
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/pull', { params: { path: { uuid } } }));
    expect((await api.GET('/api/dashboards/{uuid}/tags', { params: { path: { uuid } } })).items).toEqual([]);
  });
});
