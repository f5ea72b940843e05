// Drift through the API against two real Superset instances (test-dev → test-prod): the scheduled check marks a
// chart edited on prod within its interval, prod compared with any ref of the repository names what is new,
// different and missing there, prod's version adopted into a new branch, and the live version put back.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import type { ApiClient } from '@superset-git/api-client';
import { supersetDev, supersetProd } from '../../superset-instances.ts';
import {
  clientFor,
  dashboardId,
  dashboardUuid,
  deleteDashboardsAndCharts,
  exportNormalized,
  idsOf,
} from '../../support/superset-admin.ts';
import { apiOf, expectStatus, refusal, runTask } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { commitOnBranch } from '../../support/repo-edits.ts';

const CHECK_SECONDS = 2;
const EDITED = 'Revenue (edited on prod)';
const COPY = 'A chart only the branch has';
const COPY_UUID = 'dddddddd-0000-4000-8000-0000000000aa';

let server: TestServer;
let api: ApiClient;
let dev: SupersetClient;
let prod: SupersetClient;
let devEnv: Environment;
let prodEnv: Environment;
let uuid: string;
let charts: Array<{ uuid: string; name: string }>;

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
const uuidOf = (text: string) => text.match(/^uuid: (.*)$/m)![1]!;
const nameOf = (text: string) => text.match(/^slice_name: (.*)$/m)![1]!;

const prodState = async () => {
  const answer = await api.GET('/api/environments/{id}/deploy-state', {
    params: { path: { id: prodEnv.id }, query: { dashboards: uuid } },
  });
  return answer.items.find((item) => item.dashboardUuid === uuid)!;
};

/** The deploy state once the scheduled check has a result newer than `after` that `done` accepts. */
async function checkedAfter(after: number, done: (objects: string[]) => boolean, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await prodState();
    const check = state.lastCheck;
    if (check && Date.parse(check.checkedAt) > after && done(check.objects.map((object) => object.uuid)))
      return state;
    if (Date.now() > until) throw new Error(`no such drift check result: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  server = await startTestServer({
    config: { pluginConfig: { git: { driftCheckSeconds: CHECK_SECONDS } } },
  });
  api = apiOf(server, await login(server));
  const environment = (name: string, info: typeof devInfo) =>
    api.POST('/api/environments', {
      body: { name, url: info.url, username: info.username, password: info.password },
    });
  devEnv = await environment('dev', devInfo);
  prodEnv = await environment('prod', prodInfo);
  uuid = await dashboardUuid(dev, 'sales-overview');
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: devEnv.id, mode: 'init' },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
  await api.raw.POST('/api/dashboards/{uuid}/commit', {
    params: { path: { uuid } },
    body: { message: 'Sales Overview' },
  });
  const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
  charts = [...tree]
    .filter(([path]) => path.startsWith('charts/'))
    .map(([, text]) => ({ uuid: uuidOf(text), name: nameOf(text) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  // A branch where one chart was renamed and another replaced by a chart of its own (a new uuid).
  const [renamed, replaced] = charts;
  commitOnBranch(`${server.dataDir}/repos/${uuid}`, 'reworked', (file, text) => {
    if (!file.startsWith('charts/')) return null;
    if (uuidOf(text) === renamed!.uuid) return text.replace(/^slice_name: .*$/m, 'slice_name: Renamed');
    if (uuidOf(text) === replaced!.uuid)
      return text
        .replace(/^uuid: .*$/m, `uuid: ${COPY_UUID}`)
        .replace(/^slice_name: .*$/m, `slice_name: ${COPY}`);
    return null;
  });
  await deleteDashboardsAndCharts(
    prod,
    [uuid],
    charts.map((chart) => chart.uuid),
  );
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), dev?.close(), prod?.close()]);
  releaseLock?.();
});

describe('drift of prod from the repository (test-dev → test-prod)', () => {
  it('the scheduled check finds prod equal to its live deploy, then marks a chart edited on prod', async () => {
    await expectStatus(
      200,
      api.raw.PUT('/api/environments/{id}/deploy-settings', {
        params: { path: { id: prodEnv.id } },
        body: { driftCheckMinutes: 5 },
      }),
    );
    const { deployment } = await api.POST('/api/dashboards/{uuid}/deploy', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
    });
    await server.services.tasks.idle();
    const deployed = Date.now();
    const clean = await checkedAfter(deployed, (objects) => objects.length === 0);
    expect(clean.lastCheck).toMatchObject({ deploymentId: deployment!.id, error: null });

    const edited = charts[0]!;
    const [chartId] = [...(await idsOf(prod, 'chart', [edited.uuid])).values()];
    await prod.call({
      method: 'PUT',
      path: `/api/v1/chart/${chartId}`,
      json: { slice_name: EDITED },
      action: 'edit on prod',
    });
    const editedAt = Date.now();
    const marked = await checkedAfter(editedAt, (objects) => objects.length > 0, CHECK_SECONDS * 1000 * 5);
    expect(marked.lastCheck!.objects).toEqual([
      { objectType: 'chart', uuid: edited.uuid, name: EDITED, kind: 'different' },
    ]);
    expect(Date.parse(marked.lastCheck!.checkedAt) - editedAt).toBeLessThan(CHECK_SECONDS * 1000 * 3);
  });

  it('prod against its live version by default names the chart edited there, the rest counted unchanged', async () => {
    const diff = await api.GET('/api/dashboards/{uuid}/drift', {
      params: { path: { uuid }, query: { environment: prodEnv.id } },
    });
    expect(diff.against).toMatchObject({ ref: 'main', live: true });
    expect(diff.items).toEqual([
      expect.objectContaining({
        name: EDITED,
        kind: 'different',
        changes: [`renamed '${charts[0]!.name}' → '${EDITED}'`],
      }),
    ]);
    // The other charts, the dashboard and at least one dataset.
    expect(diff.unchanged).toBeGreaterThanOrEqual(charts.length + 1);
  });

  it('prod against a branch names the chart only the branch has new, the one it dropped missing', async () => {
    const [renamed, dropped] = charts;
    const diff = await api.GET('/api/dashboards/{uuid}/drift', {
      params: { path: { uuid }, query: { environment: prodEnv.id, ref: 'reworked' } },
    });
    expect(diff.against).toMatchObject({ ref: 'reworked', live: false });
    const byName = Object.fromEntries(diff.items.map((item) => [item.name, item.kind]));
    expect(byName).toEqual({ [COPY]: 'new', [dropped!.name]: 'missing', [EDITED]: 'different' });
    const renamedItem = diff.items.find((item) => item.uuid === renamed!.uuid)!;
    expect(renamedItem.before).toContain('slice_name: Renamed');
    expect(renamedItem.after).toContain(`slice_name: ${EDITED}`);
  });

  it("adopting prod makes a branch holding prod's edit; the current branch and work tree stay", async () => {
    const repoDir = `${server.dataDir}/repos/${uuid}`;
    const headBefore = git(repoDir, 'rev-parse', 'HEAD');
    const adopted = await api.POST('/api/dashboards/{uuid}/drift/adopt', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id, branch: 'prod-edits' },
    });
    expect(adopted).toMatchObject({ branch: 'prod-edits', changed: 1, notReversed: [] });
    const chartFile = git(repoDir, 'ls-tree', '-r', '--name-only', 'prod-edits')
      .split('\n')
      .find((file) => git(repoDir, 'show', `prod-edits:${file}`).includes(`uuid: ${charts[0]!.uuid}`))!;
    expect(git(repoDir, 'show', `prod-edits:${chartFile}`)).toContain(`slice_name: ${EDITED}`);
    expect(git(repoDir, 'show', `main:${chartFile}`)).toContain(`slice_name: ${charts[0]!.name}`);
    expect(git(repoDir, 'rev-parse', 'HEAD')).toBe(headBefore);
    expect(git(repoDir, 'branch', '--show-current')).toBe('main');
    expect(git(repoDir, 'status', '--porcelain')).toBe('');
    // prod compared with the adopted branch: the same.
    const diff = await api.GET('/api/dashboards/{uuid}/drift', {
      params: { path: { uuid }, query: { environment: prodEnv.id, ref: 'prod-edits' } },
    });
    expect(diff.items).toEqual([]);
    const again = await refusal(
      api.POST('/api/dashboards/{uuid}/drift/adopt', {
        params: { path: { uuid } },
        body: { environmentId: prodEnv.id, branch: 'prod-edits' },
      }),
    );
    expect(again.status).toBe(409);
    expect(again.message).toContain('prod-edits');
  });

  it('putting prod back deploys the live version again, and the next check finds no drift', async () => {
    const result = await api.POST('/api/dashboards/{uuid}/drift/put-back', {
      params: { path: { uuid } },
      body: { environmentId: prodEnv.id },
    });
    expect(result.plan.items.filter((item) => item.action === 'update')).toEqual([
      expect.objectContaining({
        name: charts[0]!.name,
        changes: [`renamed '${EDITED}' → '${charts[0]!.name}'`],
      }),
    ]);
    await server.services.tasks.idle();
    const deployment = await api.GET('/api/deployments/{id}', {
      params: { path: { id: result.deployment!.id } },
    });
    expect(deployment).toMatchObject({ state: 'SUCCESS', ref: 'main' });
    const putBack = Date.now();
    const state = await checkedAfter(putBack, (objects) => objects.length === 0, CHECK_SECONDS * 1000 * 5);
    expect(state.lastCheck).toMatchObject({ deploymentId: deployment.id, objects: [], error: null });
    const diff = await api.GET('/api/dashboards/{uuid}/drift', {
      params: { path: { uuid }, query: { environment: prodEnv.id } },
    });
    expect(diff.items).toEqual([]);
  });

  it('a ref the repository does not have is refused naming it', async () => {
    const refused = await refusal(
      api.GET('/api/dashboards/{uuid}/drift', {
        params: { path: { uuid }, query: { environment: prodEnv.id, ref: 'no-such-branch' } },
      }),
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.message).toContain('no-such-branch');
  });
});
