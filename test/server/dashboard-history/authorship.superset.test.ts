// Who changed what: a chart edited in Superset by a second Superset user becomes a commit authored by that user
// and committed by the superset-git user who pressed Commit; history finds it by author and by committer, and a
// tag can name an older commit. Against the real Superset (dev); it edits seeded charts, so it takes the suite lock.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGit } from '@superset-git/git';
import { addSupersetAdmin } from '@superset-git/harness';
import { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardCharts, dashboardUuid } from '../../support/superset-admin.ts';
import { apiOf, expectStatus, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

const EDITOR = {
  username: 'authorship-editor',
  password: 'authorship-editor-pw-1',
  first: 'Sam',
  last: 'Editor',
};

let server: TestServer;
let api: ApiClient;
let admin: SupersetClient;
let editor: SupersetClient;
let uuid: string;
let first: string;
let charts: Array<{ id: number; slice_name: string }>;

const rename = (client: SupersetClient, id: number, name: string) =>
  client.call({
    method: 'PUT',
    path: `/api/v1/chart/${id}`,
    json: { slice_name: name },
    action: 'rename a chart',
  });

async function syncAndCommit(message: string): Promise<string> {
  const task = await runTask(
    api,
    api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }),
  );
  expect(task.state, task.error ?? '').toBe('SUCCESS');
  return (await api.POST('/api/dashboards/{uuid}/commit', { params: { path: { uuid } }, body: { message } }))
    .oid;
}

async function history(query: { author?: string; committer?: string }): Promise<string[]> {
  const page = await api.GET('/api/dashboards/{uuid}/history', { params: { path: { uuid }, query } });
  return page.items.map((item) => item.oid);
}

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  admin = clientFor(dev);
  // Superset's security REST API is off by default (FAB_ADD_SECURITY_API): the FAB command line adds the user.
  await addSupersetAdmin(dev.name, EDITOR.username, EDITOR.password, {
    first: EDITOR.first,
    last: EDITOR.last,
  });
  editor = new SupersetClient(
    { url: dev.url, username: EDITOR.username, password: EDITOR.password, provider: 'db', verifyTls: true },
    { timeoutMs: 60_000 },
  );
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  uuid = await dashboardUuid(admin, 'customers');
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, mode: 'init' },
    }),
  );
  first = await syncAndCommit('Customers as exported');
  charts = (await dashboardCharts(admin, uuid)).slice(0, 2);
}, 400_000);
afterAll(async () => {
  // The seeded names back, for the files that run after this one.
  for (const chart of charts ?? []) await rename(admin, chart.id, chart.slice_name).catch(() => undefined);
  await Promise.all([server?.close(), admin?.close(), editor?.close()]);
  releaseLock?.();
});

describe('authorship of commits of Superset edits (real Superset dev)', () => {
  let edited: string;

  it('authors the commit as the Superset user who last edited, the other editor as co-author, committed by the superset-git user', async () => {
    const [byAdmin, byEditor] = charts;
    await rename(admin, byAdmin!.id, `${byAdmin!.slice_name} (admin)`);
    // changed_on has whole-second precision on some releases: the editor's edit is the later one.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await rename(editor, byEditor!.id, `${byEditor!.slice_name} (Sam)`);
    edited = await syncAndCommit('Renamed two charts in Superset');

    const repo = path.join(server.dataDir, 'repos', uuid);
    const shown = await runGit(['log', '-1', '--format=%an <%ae>%n%cn%n%B', edited], { cwd: repo });
    const [author, committer, ...body] = shown.stdout.split('\n');
    expect(author).toMatch(/^Sam Editor <superset-user-\d+@superset\.invalid>$/);
    expect(committer).toBe('Administrator');
    expect(body.join('\n')).toMatch(/\n\nCo-authored-by: .+ <superset-user-\d+@superset\.invalid>/);
    expect(body.join('\n')).not.toMatch(/Co-authored-by: Sam Editor/);

    const detail = await api.GET('/api/dashboards/{uuid}/commits/{sha}', {
      params: { path: { uuid, sha: edited } },
    });
    expect(detail.commit.author.name).toBe('Sam Editor');
    expect(detail.commit.committer.name).toBe('Administrator');
  });

  it('finds that commit by its author and not the others, and both commits by their committer', async () => {
    expect(await history({ author: 'sam editor' })).toEqual([edited]);
    const byCommitter = await history({ committer: 'administrator' });
    expect(byCommitter).toEqual(expect.arrayContaining([edited, first]));
    expect(await history({ committer: 'Sam' })).toEqual([]);
  });

  it('tags an older commit, which the tags list then names with that commit', async () => {
    const tag = await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/tags', {
        params: { path: { uuid } },
        body: { name: 'before-renames', ref: first, message: 'As seeded' },
      }),
    );
    expect(tag).toMatchObject({ name: 'before-renames', oid: first });
    const listed = await api.GET('/api/dashboards/{uuid}/tags', { params: { path: { uuid } } });
    expect(listed.items).toEqual([expect.objectContaining({ name: 'before-renames', oid: first })]);
  });
});
