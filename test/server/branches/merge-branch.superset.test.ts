// Merging a branch into the current one moves Superset too, a conflict waits on the conflict screen, and two
// branches compare by object name: against the real Superset (dev).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { apiOf, expectStatus, refusal, runTask, syncAndCommit as commitAll } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let server: TestServer;
let api: ApiClient;
let superset: SupersetClient;
let uuid: string;
let charts: { id: number; slice_name: string }[];

const nameOf = (id: number) => chartName(superset, id);

const rename = (id: number, name: string) => renameChart(superset, id, name);

const path = () => ({ path: { uuid } });

/** Superset's edit, synced and committed on the current branch. */
async function commitRename(id: number, name: string) {
  await rename(id, name);
  await commitAll(api, uuid, `Rename to ${name}`);
}

const switchTo = (branch: string) =>
  expectStatus(200, api.raw.POST('/api/dashboards/{uuid}/switch', { params: path(), body: { branch } }));

const createBranch = (name: string) =>
  expectStatus(201, api.raw.POST('/api/dashboards/{uuid}/branches', { params: path(), body: { name } }));

const mergeTask = (branch: string) =>
  runTask(api, api.raw.POST('/api/dashboards/{uuid}/merge', { params: path(), body: { branch } }));

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  server = await startTestServer();
  api = apiOf(server, await login(server));
  const environment = await api.POST('/api/environments', {
    body: { name: 'dev', url: dev.url, username: dev.username, password: dev.password },
  });
  uuid = await dashboardUuid(superset, 'web-traffic');
  charts = await dashboardCharts(superset, uuid);
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: path(),
      body: { environmentId: environment.id, mode: 'init' },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: path() }));
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/commit', { params: path(), body: { message: 'As exported' } }),
  );
}, 400_000);
afterAll(async () => {
  for (const chart of charts ?? []) await rename(chart.id, chart.slice_name).catch(() => undefined);
  await Promise.all([server?.close(), superset?.close()]);
  releaseLock?.();
});

describe('merging a branch into the current one (real Superset dev)', () => {
  it('compares two branches by chart name, with each chart’s diff between them', async () => {
    const [chart] = charts;
    await createBranch('compare-me');
    await switchTo('compare-me');
    await commitRename(chart!.id, `${chart!.slice_name} (compared)`);
    await switchTo('main');
    expect(await nameOf(chart!.id)).toBe(chart!.slice_name);

    const comparison = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/compare', {
        params: { path: { uuid }, query: { base: 'main', head: 'compare-me' } },
      }),
    );
    expect(comparison).toMatchObject({ ahead: 1, behind: 0 });
    expect(comparison.commits.map((commit) => commit.subject)).toEqual([
      `Rename to ${chart!.slice_name} (compared)`,
    ]);
    expect(comparison.objects).toEqual([
      expect.objectContaining({
        type: 'chart',
        name: `${chart!.slice_name} (compared)`,
        change: 'changed',
        summary: [`renamed '${chart!.slice_name}' → '${chart!.slice_name} (compared)'`],
      }),
    ]);
    const diff = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/diff', {
        params: {
          path: { uuid },
          query: { path: comparison.objects[0]!.headPath!, from: 'main', to: 'compare-me' },
        },
      }),
    );
    expect(diff.patch).toContain(`+slice_name: ${chart!.slice_name} (compared)`);
    expect(diff.objectName).toBe(`${chart!.slice_name} (compared)`);

    const reverse = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/compare', {
        params: { path: { uuid }, query: { base: 'compare-me', head: 'main' } },
      }),
    );
    expect(reverse).toMatchObject({ ahead: 0, behind: 1, commits: [] });
    const unknown = await refusal(
      api.GET('/api/dashboards/{uuid}/compare', {
        params: { path: { uuid }, query: { base: 'main', head: 'no-such-branch' } },
      }),
    );
    expect(unknown.message).toMatch(/no-such-branch/);
  });

  it('a clean merge makes a merge commit and Superset shows both branches’ chart edits', async () => {
    const [first, second] = charts;
    await createBranch('feature');
    await switchTo('feature');
    await commitRename(first!.id, `${first!.slice_name} (feature)`);
    await switchTo('main');
    await commitRename(second!.id, `${second!.slice_name} (main)`);

    const merged = await mergeTask('feature');
    expect(merged.state, JSON.stringify(merged.log)).toBe('SUCCESS');
    expect(merged.result).toMatchObject({ branch: 'feature', into: 'main', outcome: 'merged' });
    expect(merged.log.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^Imported 1 object\(s\) into dev$/),
    );
    expect(await nameOf(first!.id)).toBe(`${first!.slice_name} (feature)`);
    expect(await nameOf(second!.id)).toBe(`${second!.slice_name} (main)`);
    const history = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/history', { params: { path: { uuid }, query: { limit: 1 } } }),
    );
    expect(history.items[0]!.subject).toBe("Merge branch 'feature' into main");

    const again = await mergeTask('feature');
    expect(again.state).toBe('SUCCESS');
    expect(again.result).toMatchObject({ outcome: 'up-to-date', importedObjects: 0 });
  });

  it('refuses the current branch, an unknown one, and Superset edits that would be lost', async () => {
    const current = await refusal(
      api.POST('/api/dashboards/{uuid}/merge', { params: path(), body: { branch: 'main' } }),
    );
    expect([current.status, current.code]).toEqual([409, 'GIT_BRANCH_IS_CURRENT']);
    expect(current.message).toMatch(/'main' is the current branch/);
    const unknown = await refusal(
      api.POST('/api/dashboards/{uuid}/merge', { params: path(), body: { branch: 'nope' } }),
    );
    expect([unknown.status, unknown.message]).toEqual([400, expect.stringMatching(/no branch named 'nope'/)]);

    const [, second] = charts;
    await rename(second!.id, `${second!.slice_name} (unsaved)`);
    const refused = await mergeTask('compare-me');
    expect(refused.state).toBe('FAILED');
    expect(refused.error).toContain(`chart '${second!.slice_name} (unsaved)'`);
    expect(refused.error).toMatch(/commit them first/);
    expect(await nameOf(second!.id)).toBe(`${second!.slice_name} (unsaved)`);
    // Put it back as committed, so the next test starts clean.
    await rename(second!.id, `${second!.slice_name} (main)`);
    await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: path() }));
  });

  it('a conflict is named by chart, waits, and once resolved and continued Superset shows the result', async () => {
    const [first] = charts;
    await createBranch('rival');
    await switchTo('rival');
    await commitRename(first!.id, `${first!.slice_name} (rival)`);
    await switchTo('main');
    await commitRename(first!.id, `${first!.slice_name} (ours)`);

    const waiting = await mergeTask('rival');
    expect(waiting.state).toBe('AWAITING_INPUT');
    expect(waiting.log.map((line) => line.message)).toContainEqual(
      `1 object(s) conflict: chart '${first!.slice_name} (rival)'`,
    );
    const conflicts = await expectStatus(
      200,
      api.raw.GET('/api/dashboards/{uuid}/conflicts', { params: path() }),
    );
    expect(conflicts.merging).toBe(true);
    expect(conflicts.conflicts).toEqual([
      {
        path: expect.stringMatching(/^charts\/.*\.yaml$/),
        kind: 'both-modified',
        object: expect.objectContaining({ type: 'chart' }),
        fields: [
          expect.objectContaining({
            path: 'slice_name',
            mine: expect.stringContaining('(ours)'),
            theirs: expect.stringContaining('(rival)'),
          }),
        ],
      },
    ]);
    // Nothing is imported while it waits.
    expect(await nameOf(first!.id)).toBe(`${first!.slice_name} (ours)`);
    const blocked = await refusal(
      api.POST('/api/dashboards/{uuid}/merge', { params: path(), body: { branch: 'feature' } }),
    );
    expect(blocked.message).toMatch(/already in progress/);

    await expectStatus(
      200,
      api.raw.POST('/api/dashboards/{uuid}/conflicts/resolve', {
        params: path(),
        body: { path: conflicts.conflicts[0]!.path, resolution: 'theirs' },
      }),
    );
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/merge/continue', { params: path(), body: null }),
    );
    expect(await nameOf(first!.id)).toBe(`${first!.slice_name} (rival)`);
    const task = await expectStatus(
      200,
      api.raw.GET('/api/tasks/{id}', { params: { path: { id: waiting.id } } }),
    );
    expect(task.state).toBe('SUCCESS');
    const state = await expectStatus(200, api.raw.GET('/api/dashboards/{uuid}/status', { params: path() }));
    expect(state.git).toMatchObject({ clean: true, merging: false, branch: 'main' });
  });
});
