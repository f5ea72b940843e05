// `superset-git compare` and `merge` against a running server with an API token: the comparison names charts,
// a merge moves Superset, "already up to date" is a success, a conflict ends with exit 1 naming the chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import {
  chartName,
  clientFor,
  dashboardCharts,
  dashboardUuid,
  renameChart,
} from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { apiOf, expectStatus, runTask, syncAndCommit as commitAll } from '../support/api.ts';
import {
  addEnvironment,
  listenTestServer,
  login,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { runCli } from './cli-run.ts';

let server: TestServer;
let api: ApiClient;
let superset: SupersetClient;
let uuid: string;
let chart: { id: number; slice_name: string };
const env: Record<string, string> = {};
const cli = (...args: string[]) => runCli(args, env);

const nameOf = () => chartName(superset, chart.id);
const rename = (name: string) => renameChart(superset, chart.id, name);
const path = () => ({ path: { uuid } });

async function commitRename(name: string) {
  await rename(name);
  await commitAll(api, uuid, `Rename to ${name}`);
}
const switchTo = (branch: string) =>
  expectStatus(200, api.raw.POST('/api/dashboards/{uuid}/switch', { params: path(), body: { branch } }));
const branchOff = async (name: string) => {
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/branches', { params: path(), body: { name } }),
  );
  await switchTo(name);
};

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  server = await startTestServer();
  env.SUPERSET_GIT_SERVER = await listenTestServer(server);
  const caller = await login(server);
  api = apiOf(server, caller);
  env.SUPERSET_GIT_TOKEN = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
  const environment = await addEnvironment(server, caller, 'dev', dev);
  uuid = await dashboardUuid(superset, 'web-traffic');
  chart = (await dashboardCharts(superset, uuid))[0]!;
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
}, 300_000);
afterAll(async () => {
  if (chart) await rename(chart.slice_name).catch(() => undefined);
  await Promise.all([server?.close(), superset?.close()]);
  releaseLock?.();
});

describe('superset-git compare and merge through a server (API token, real Superset dev)', () => {
  it('compares by chart name, merges with Superset following, and says when there is nothing to merge', async () => {
    await branchOff('cli-feature');
    await commitRename(`${chart.slice_name} (cli)`);
    await switchTo('main');

    const compared = await cli('compare', uuid, 'main', 'cli-feature');
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toContain('cli-feature has 1 commit(s) that main has not; main has 0');
    expect(compared.stdout).toMatch(new RegExp(`changed\\s+chart\\s+${chart.slice_name} \\(cli\\)`));
    const asJson = JSON.parse((await cli('compare', uuid, 'main', 'cli-feature', '--json')).stdout) as {
      ahead: number;
    };
    expect(asJson.ahead).toBe(1);

    const merged = await cli('merge', uuid, 'cli-feature');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^Merged cli-feature into main \(fast-forward\); 1 object\(s\) imported/);
    expect(await nameOf()).toBe(`${chart.slice_name} (cli)`);
    const again = await cli('merge', uuid, 'cli-feature');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already up to date: main has every commit of cli-feature.');
  });

  it('ends with exit 1 naming the chart on a conflict, exit 1 on an unknown branch, exit 2 on bad usage', async () => {
    await branchOff('cli-rival');
    await commitRename(`${chart.slice_name} (rival)`);
    await switchTo('main');
    await commitRename(`${chart.slice_name} (ours)`);
    const conflicted = await cli('merge', uuid, 'cli-rival');
    expect(conflicted.code).toBe(1);
    expect(conflicted.stderr).toContain(`1 object(s) conflict: chart '${chart.slice_name} (rival)'`);
    expect(conflicted.stderr).toContain('Resolve them on the dashboard');
    expect(await nameOf()).toBe(`${chart.slice_name} (ours)`);
    await expectStatus(200, api.raw.POST('/api/dashboards/{uuid}/merge/abort', { params: path() }));

    const unknown = await cli('merge', uuid, 'no-such-branch');
    expect([unknown.code, unknown.stderr]).toEqual([
      1,
      expect.stringContaining("no branch named 'no-such-branch'"),
    ]);
    const usage = await cli('merge', uuid);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('superset-git merge DASHBOARD BRANCH');
    const notUuid = await cli('compare', 'web-traffic', 'main', 'cli-rival');
    expect(notUuid.code).toBe(2);
  });
});
