// `superset-git drift` against a running server and real Superset dev + prod, as a pipeline runs it: exit 1 and the
// chart named when prod was edited by hand (also from `drift check`, the whole environment), `drift put-back`
// deploys the live version again, then exit 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import {
  clientFor,
  dashboardId,
  dashboardUuid,
  deleteDashboardsAndCharts,
  exportNormalized,
  idsOf,
} from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { apiOf, runTask } from '../support/api.ts';
import {
  addEnvironment,
  listenTestServer,
  login,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { runCli } from './cli-run.ts';

const EDITED = 'Revenue (edited on prod by hand)';

let server: TestServer;
let prod: SupersetClient;
let uuid: string;
let chartUuids: string[] = [];
const env: Record<string, string> = {};
const cli = (...args: string[]) => runCli(args, env);

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  const dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  server = await startTestServer();
  env.SUPERSET_GIT_SERVER = await listenTestServer(server);
  const caller = await login(server);
  const api = apiOf(server, caller);
  env.SUPERSET_GIT_TOKEN = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
  const devEnv = await addEnvironment(server, caller, 'dev', devInfo);
  const prodEnv = await addEnvironment(server, caller, 'prod', prodInfo);
  uuid = await dashboardUuid(dev, 'sales-overview');
  const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
  const charts = [...tree].filter(([file]) => file.startsWith('charts/'));
  chartUuids = charts.map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!);
  await dev.close();
  await deleteDashboardsAndCharts(prod, [uuid], chartUuids);
  await api.POST('/api/dashboards/{uuid}/repository', {
    params: { path: { uuid } },
    body: { environmentId: devEnv.id, mode: 'init' },
  });
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', { params: { path: { uuid } } }));
  await api.POST('/api/dashboards/{uuid}/commit', { params: { path: { uuid } }, body: { message: 'Sales' } });
  await api.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
  });
  await server.services.tasks.idle();
}, 300_000);
afterAll(async () => {
  await Promise.all([server?.close(), prod?.close()]);
  releaseLock?.();
});

describe('superset-git drift (real server, real Superset dev + prod)', () => {
  it('exits 0 while prod holds what was deployed, and 1 naming the chart once it is edited there', async () => {
    const same = await cli('drift', uuid, '--environment', 'prod');
    expect(same.stdout).toMatch(/^prod against main \([0-9a-f]{7}, live there\): the same\. 0 differ/);
    expect(same.code).toBe(0);
    const [chartId] = [...(await idsOf(prod, 'chart', [chartUuids[0]!])).values()];
    await prod.call({
      method: 'PUT',
      path: `/api/v1/chart/${chartId}`,
      json: { slice_name: EDITED },
      action: 'edit on prod',
    });
    const drifted = await cli('drift', uuid, '--environment', 'prod');
    expect(drifted.code).toBe(1);
    const line = drifted.stdout.split('\n').find((text) => text.includes(EDITED)) ?? '';
    expect(line.split(/ {2,}/).slice(0, 3)).toEqual(['different', 'chart', EDITED]);
    expect(line).toContain(`→ '${EDITED}'`);
    expect(drifted.stdout).toMatch(/1 differ, \d+ unchanged\.$/m);
  });

  it('drift check runs the whole check of prod with its progress and exits 1 when a dashboard drifted', async () => {
    const checked = await cli('drift', 'check', '--environment', 'prod');
    expect(checked.stderr).toContain('checked 1/1 dashboards');
    expect(checked.stderr).toContain(`'Sales Overview' drifted: chart ${EDITED}`);
    expect(checked.stdout).toMatch(
      /^prod: 1 dashboard\(s\) checked in [\d.]+ s, 1 drifted, 0 could not be compared\.$/m,
    );
    expect(checked.code).toBe(1);
  });

  it('drift put-back deploys the live version again; drift then exits 0', async () => {
    const putBack = await cli('drift', 'put-back', uuid, '--environment', 'prod');
    expect(putBack.stderr + putBack.stdout).toContain('prod is back at main');
    expect(putBack.code).toBe(0);
    expect((await cli('drift', uuid, '--env', 'prod')).code).toBe(0);
    expect((await cli('drift', 'check', '--env', 'prod')).code).toBe(0);
  });

  it('a ref the repository lacks fails with its name, and no environment is a usage error', async () => {
    const missing = await cli('drift', uuid, '--environment', 'prod', '--ref', 'nope');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope');
    const usage = await cli('drift', uuid);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--environment');
  });
});
