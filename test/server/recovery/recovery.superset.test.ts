// Safety branches and deleted branches brought back (apps/server/src/recovery/): a switch's safety branch is
// listed with its objects, applied back into the work tree and Superset, refused by name when the branch changed
// the same chart since, deleted; a deleted branch is listed and restored with its commits. Real Superset (dev),
// real git server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev } from '../../superset-instances.ts';
import {
  chartName,
  clientFor,
  dashboardCharts,
  dashboardUuid,
  renameChart,
} from '../../support/superset-admin.ts';
import { apiOf, expectStatus, runTask, syncAndCommit as commitAll } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let api: ApiClient;
let remote: GitRemote;
let superset: SupersetClient;
let uuid: string;
let charts: { id: number; slice_name: string }[] = [];

const nameOf = (id: number) => chartName(superset, id);

const rename = (id: number, name: string) => renameChart(superset, id, name);

const path = () => ({ params: { path: { uuid } } });
const recovery = async () => expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/recovery', path()));
const switchTo = (branch: string, uncommitted: 'refuse' | 'safety-branch' = 'refuse') =>
  expectStatus(
    200,
    api.raw.POST('/api/dashboards/{uuid}/switch', { ...path(), body: { branch, uncommitted } }),
  );
const syncAndCommit = (message: string) => commitAll(api, uuid, message);

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  const gitServer = await api.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
  uuid = await dashboardUuid(superset, 'web-traffic');
  charts = await dashboardCharts(superset, uuid);
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      ...path(),
      body: {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl: remote.createRepository('web-traffic'),
      },
    }),
  );
  await syncAndCommit('Web Traffic as exported');
}, 400_000);
afterAll(async () => {
  for (const chart of charts) await rename(chart.id, chart.slice_name).catch(() => undefined);
  await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
  releaseLock?.();
});

describe('recovering safety and deleted branches (real Superset dev, real git server)', () => {
  let safety = '';

  it('lists the safety branch a switch kept Superset edits on, with the chart it holds, when, from where, by whom', async () => {
    const [chart] = charts;
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', { ...path(), body: { name: 'restyle' } }),
    );
    await switchTo('restyle');
    await rename(chart!.id, `${chart!.slice_name} (restyled)`);
    await syncAndCommit('Restyle the chart');
    await switchTo('main');
    expect(await nameOf(chart!.id)).toBe(chart!.slice_name);

    await rename(chart!.id, `${chart!.slice_name} (unsaved idea)`);
    safety = (await switchTo('restyle', 'safety-branch')).safetyBranch!;
    expect(safety).toMatch(/^safety\//);
    expect(await nameOf(chart!.id)).toBe(`${chart!.slice_name} (restyled)`);

    const listed = (await recovery()).safetyBranches.find((branch) => branch.name === safety);
    expect(listed).toMatchObject({
      takenFrom: 'main',
      takenBy: { name: expect.any(String) },
      reason: 'Uncommitted edits before switching to restyle',
      objects: [
        { objectType: 'chart', objectName: `${chart!.slice_name} (unsaved idea)`, change: 'modified' },
      ],
    });
    expect(Date.now() - Date.parse(listed!.takenAt)).toBeLessThan(10 * 60_000);
  });

  it('refuses to apply over a chart the branch changed since, naming the chart, and changes nothing', async () => {
    const [chart] = charts;
    const refused = await api.raw.POST('/api/dashboards/{uuid}/recovery/apply', {
      ...path(),
      body: { name: safety },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error!.error).toMatchObject({ code: 'GIT_MERGE_CONFLICT' });
    expect(refused.error!.error.message).toContain(
      `restyle changed chart '${chart!.slice_name} (unsaved idea)'`,
    );
    expect(await nameOf(chart!.id)).toBe(`${chart!.slice_name} (restyled)`);
  });

  it('applies it back: the chart returns in Superset and the work tree, and edits made since are kept first', async () => {
    const [chart, other] = charts;
    await switchTo('main');
    await rename(other!.id, `${other!.slice_name} (second thought)`);
    const task = await runTask(
      api,
      api.raw.POST('/api/dashboards/{uuid}/recovery/apply', { ...path(), body: { name: safety } }),
    );
    expect(task.state, JSON.stringify(task.log)).toBe('SUCCESS');
    expect(await nameOf(chart!.id)).toBe(`${chart!.slice_name} (unsaved idea)`);
    // Only what the safety branch holds was imported: the edit made since is still in Superset...
    expect(await nameOf(other!.id)).toBe(`${other!.slice_name} (second thought)`);
    const status = await expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/status', path()));
    expect(status.git.branch).toBe('main');
    expect(status.changes.map((change) => change.objectName)).toEqual([
      `${chart!.slice_name} (unsaved idea)`,
    ]);
    // ...and on a new safety branch, taken from main.
    const { safetyBranches } = await recovery();
    const keptFirst = safetyBranches.find((branch) => branch.name !== safety);
    expect(keptFirst).toMatchObject({
      takenFrom: 'main',
      reason: `Uncommitted edits before applying ${safety}`,
      objects: [{ objectName: `${other!.slice_name} (second thought)` }],
    });
    expect(safetyBranches.map((branch) => branch.name)).toContain(safety);
  });

  it('deletes a safety branch after which it is listed among the deleted branches', async () => {
    const deleted = await expectStatus(
      200,
      api.raw.DELETE('/api/dashboards/{uuid}/recovery/safety-branches', {
        params: { path: { uuid }, query: { name: safety } },
      }),
    );
    expect(deleted.backupRef).toBe(`refs/superset-git/deleted-branches/${safety}`);
    const after = await recovery();
    expect(after.safetyBranches.map((branch) => branch.name)).not.toContain(safety);
    expect(after.deletedBranches.map((branch) => branch.name)).toContain(safety);
    const notSafety = await api.raw.DELETE('/api/dashboards/{uuid}/recovery/safety-branches', {
      params: { path: { uuid }, query: { name: 'main' } },
    });
    expect(notSafety.response.status).toBe(404);
    expect(notSafety.error!.error.message).toBe("There is no safety branch named 'main'.");
  });

  it('restores a deleted branch with its commits, and refuses while a branch of that name exists', async () => {
    const [chart] = charts;
    await expectStatus(
      200,
      api.raw.DELETE('/api/dashboards/{uuid}/branches', {
        params: { path: { uuid }, query: { name: 'restyle', force: 'true' } },
      }),
    );
    const listed = (await recovery()).deletedBranches.find((branch) => branch.name === 'restyle');
    expect(listed).toMatchObject({
      lastCommit: { subject: 'Restyle the chart' },
      unmergedCommits: 1,
      objects: [{ objectType: 'chart', objectName: `${chart!.slice_name} (restyled)`, change: 'modified' }],
    });

    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/branches', { ...path(), body: { name: 'restyle' } }),
    );
    const refused = await api.raw.POST('/api/dashboards/{uuid}/recovery/restore', {
      ...path(),
      body: { name: 'restyle' },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error!.error.message).toContain("A branch named 'restyle' exists now");

    // A deleted branch whose name is free comes back with its commit: the safety branch deleted above.
    const restored = await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/recovery/restore', { ...path(), body: { name: safety } }),
    );
    expect(restored.name).toBe(safety);
    const history = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/history', { params: { path: { uuid }, query: { ref: safety } } }),
    );
    expect(history.items[0]?.subject).toBe('Uncommitted edits before switching to restyle');
    const after = await recovery();
    expect(after.safetyBranches.map((branch) => branch.name)).toContain(safety);
    expect(after.deletedBranches.map((branch) => branch.name)).not.toContain(safety);
  });
});
