// `superset-git recover …` against a running server with an API token: a switch's safety branch is listed with
// its chart, applied back (Superset follows), deleted, and restored; a refusal ends with exit 1 and its reason.
// Real Superset (dev), real git server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
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
import { apiOf, expectStatus, runTask } from '../support/api.ts';
import {
  addEnvironment,
  addGitServer,
  listenTestServer,
  login,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { runCli } from './cli-run.ts';

let server: TestServer;
let remote: GitRemote;
let api: ApiClient;
let superset: SupersetClient;
let uuid: string;
let chart: { id: number; slice_name: string };
const env: Record<string, string> = {};
const cli = (...args: string[]) => runCli(args, env);

const nameOf = () => chartName(superset, chart.id);
const rename = (name: string) => renameChart(superset, chart.id, name);
const path = () => ({ params: { path: { uuid } } });
const switchTo = (branch: string, uncommitted: 'refuse' | 'safety-branch' = 'refuse') =>
  expectStatus(
    200,
    api.raw.POST('/api/dashboards/{uuid}/switch', { ...path(), body: { branch, uncommitted } }),
  );

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const dev = supersetDev();
  superset = clientFor(dev);
  remote = await startGitRemote();
  server = await startTestServer();
  env.SUPERSET_GIT_SERVER = await listenTestServer(server);
  const caller = await login(server);
  api = apiOf(server, caller);
  env.SUPERSET_GIT_TOKEN = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
  const environment = await addEnvironment(server, caller, 'dev', dev);
  const gitServer = await addGitServer(server, caller, remote);
  uuid = await dashboardUuid(superset, 'web-traffic');
  chart = (await dashboardCharts(superset, uuid))[0]!;
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      ...path(),
      body: {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl: remote.createRepository('web-traffic-recover'),
      },
    }),
  );
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', path()));
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/commit', { ...path(), body: { message: 'As exported' } }),
  );
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/branches', { ...path(), body: { name: 'restyle' } }),
  );
  await switchTo('restyle');
  await rename(`${chart.slice_name} (restyled)`);
  await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', path()));
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/commit', { ...path(), body: { message: 'Restyle' } }),
  );
  await switchTo('main');
  await rename(`${chart.slice_name} (unsaved idea)`);
  await switchTo('restyle', 'safety-branch');
}, 300_000);
afterAll(async () => {
  if (chart) await rename(chart.slice_name).catch(() => undefined);
  await Promise.all([server?.close(), remote?.stop(), superset?.close()]);
  releaseLock?.();
});

describe('superset-git recover through a server (API token, real Superset dev, real git server)', () => {
  it('lists, refuses over a changed chart, applies, deletes and restores a safety branch', async () => {
    const list = await cli('recover', 'list', '-d', uuid);
    expect(list.code, list.stderr).toBe(0);
    const safety = /safety\/\S+/.exec(list.stdout)?.[0];
    expect(safety).toBeDefined();
    expect(list.stdout).toContain(`chart '${chart.slice_name} (unsaved idea)'`);
    expect(list.stdout).toMatch(/on main/);

    const clash = await cli('recover', 'apply', safety!, '-d', uuid);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(`restyle changed chart '${chart.slice_name} (unsaved idea)'`);

    await switchTo('main');
    const applied = await cli('recover', 'apply', safety!, '-d', uuid);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Applied ${safety}`);
    expect(await nameOf()).toBe(`${chart.slice_name} (unsaved idea)`);

    const deleted = await cli('recover', 'delete', safety!, '-d', uuid);
    expect(deleted.code, deleted.stderr).toBe(0);
    const after = JSON.parse((await cli('recover', 'list', '-d', uuid, '--json')).stdout) as {
      safetyBranches: unknown[];
      deletedBranches: { name: string }[];
    };
    expect(after.safetyBranches).toEqual([]);
    expect(after.deletedBranches.map((branch) => branch.name)).toEqual([safety]);

    expect((await cli('recover', 'restore', safety!, '-d', uuid)).code).toBe(0);
    const again = await cli('recover', 'restore', safety!, '-d', uuid);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`No deleted branch named '${safety}' is kept.`);
    expect((await cli('recover', 'restore', '-d', uuid)).code).toBe(2);
  });
});
