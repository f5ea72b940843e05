// Two server processes on one PostgreSQL database (each its own data dir, as two machines), a real git server,
// real Superset dev and prod: the server running a deploy is killed (-9) while prod imports, and the other takes
// the queued task over, ends the deployment whole, and can roll it back to the version before it. Then the
// database goes away while a deploy runs: the task says so and runs again once the database is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask, type ApiClient } from '@superset-git/api-client';
import type { Environment } from '@superset-git/contracts';
import type { SupersetClient } from '@superset-git/superset';
import { startGitRemote, startPostgres, type GitRemote, type PostgresCluster } from '@superset-git/harness';
import { supersetDev, supersetProd } from '../../superset-instances.ts';
import { expectStatus, runTask } from '../../support/api.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import type { TaskDetail } from '@superset-git/contracts';
import {
  clientFor,
  dashboardId,
  dashboardTitle,
  dashboardUuid,
  renameDashboard,
  deleteDashboardsAndCharts,
  exportNormalized,
} from '../../support/superset-admin.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let cluster: PostgresCluster;
let remote: GitRemote;
let proxy: FaultProxy;
let a: ServerProcess;
let b: ServerProcess;
let dev: SupersetClient;
let prod: SupersetClient;
let prodEnv: Environment;
let uuid: string;
let devTitle: string;
let chartUuids: string[] = [];
let releaseLock: (() => void) | undefined;
/** The commit the taken-over deploy put on prod. */
let retitledSha = '';

const at = () => ({ params: { path: { uuid } } });

const renameOnDev = (title: string) => renameDashboard(dev, uuid, title);

/** Syncs dev into the repository on `server`, commits and pushes it to the git server. */
async function syncCommitPush(api: ApiClient, message: string): Promise<void> {
  const synced = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', at()));
  expect(synced.state, JSON.stringify(synced.log)).toBe('SUCCESS');
  await expectStatus(201, api.raw.POST('/api/dashboards/{uuid}/commit', { ...at(), body: { message } }));
  const pushed = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/push', at()));
  expect(pushed.state, JSON.stringify(pushed.log)).toBe('SUCCESS');
}

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [devInfo, prodInfo] = [supersetDev(), supersetProd()];
  [cluster, remote, proxy] = await Promise.all([
    startPostgres(),
    startGitRemote(),
    startFaultProxy(prodInfo.url),
  ]);
  const env = {
    SUPERSET_GIT_DATABASE_URL: await cluster.createDatabase('takeover'),
    SUPERSET_GIT_SECRET_KEY: 'one-key-for-both-servers-0123456789',
    // Silent for six beats (6 s) is stopped: the other server takes its work over soon after.
    SUPERSET_GIT_TASK_HEARTBEAT_SECONDS: '1',
  };
  a = await startServerProcess({ env: { ...env, SUPERSET_GIT_SERVER_ID: 'machine-a' } });
  b = await startServerProcess({ env: { ...env, SUPERSET_GIT_SERVER_ID: 'machine-b' } });
  dev = clientFor(devInfo);
  prod = clientFor(prodInfo);
  // A dashboard prod does not have, so prod is left as found: other tests rely on its own 'customers'.
  uuid = await dashboardUuid(dev, 'extra-002');
  devTitle = await dashboardTitle(dev, uuid);
  const tree = await exportNormalized(dev, await dashboardId(dev, uuid));
  chartUuids = [...tree]
    .filter(([path]) => path.startsWith('charts/'))
    .map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!);
  await deleteDashboardsAndCharts(prod, [uuid], chartUuids);
  const devEnv = await a.api.POST('/api/environments', {
    body: { name: 'dev', url: devInfo.url, username: devInfo.username, password: devInfo.password },
  });
  prodEnv = await a.api.POST('/api/environments', {
    body: { name: 'prod', url: proxy.url, username: prodInfo.username, password: prodInfo.password },
  });
  const gitServer = await a.api.POST('/api/git/servers', {
    body: { name: 'Local', provider: 'generic', url: remote.url, token: remote.token },
  });
  await expectStatus(
    201,
    a.api.raw.POST('/api/dashboards/{uuid}/repository', {
      ...at(),
      body: { environmentId: devEnv.id, mode: 'init' },
    }),
  );
  remote.createRepository('extra-takeover');
  await expectStatus(
    200,
    a.api.raw.PUT('/api/dashboards/{uuid}/remote', {
      ...at(),
      body: { gitServerId: gitServer.id, repository: 'extra-takeover' },
    }),
  );
}, 400_000);
afterAll(async () => {
  if (dev && devTitle) await renameOnDev(devTitle).catch(() => undefined);
  if (prod && uuid) await deleteDashboardsAndCharts(prod, [uuid], chartUuids).catch(() => undefined);
  await Promise.all([b?.stop(), a?.stop()]);
  await Promise.all([proxy?.close(), remote?.stop(), cluster?.stop(), dev?.close(), prod?.close()]);
  releaseLock?.();
});

describe('a deploy whose server is killed while prod imports', () => {
  it('is taken over by the other server, ends whole, and rolls back there', async () => {
    await syncCommitPush(a.api, 'As on dev');
    const first = await a.api.POST('/api/dashboards/{uuid}/deploy', {
      ...at(),
      body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
    });
    const firstTask = await followTask(a.api, first.deployment!.taskId!, {
      intervalMs: 100,
      timeoutMs: 120_000,
    });
    expect(firstTask.state, JSON.stringify(firstTask.log)).toBe('SUCCESS');
    expect(await dashboardTitle(prod, uuid)).toBe(devTitle);

    // B has its own copy from here on, which A's next push leaves behind: B fetches before it takes over.
    expect((await b.api.GET('/api/dashboards/{uuid}/status', at())).git.clean).toBe(true);
    const retitled = `${devTitle} (taken over)`;
    await renameOnDev(retitled);
    await syncCommitPush(a.api, 'Retitled');
    // Server A dies the moment prod has the whole import request: prod finishes it, A never learns.
    proxy.once('POST', '/api/v1/dashboard/import', 'sent', () => a.kill('SIGKILL'));
    proxy.failNext('POST', '/api/v1/dashboard/import', 0, 500); // fails none: counts the imports from here on
    const second = await a.api.POST('/api/dashboards/{uuid}/deploy', {
      ...at(),
      body: { environmentId: prodEnv.id, ref: 'main', dryRun: false },
    });
    const id = second.deployment!.id;
    const task = await followTask(b.api, second.deployment!.taskId!, { intervalMs: 200, timeoutMs: 120_000 });
    const lines = task.log.map((line) => line.message);
    expect(task.state, JSON.stringify(lines)).toBe('SUCCESS');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Server machine-a stopped while running this task; .*attempt 2 of 3/),
    );
    expect(lines).toContainEqual('Taken over by server machine-b; running it again from the start.');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Commit \w{7} is not in this server's copy .* fetching it$/),
    );
    expect(proxy.seen('POST', '/api/v1/dashboard/import')).toBe(2);
    const deployment = await b.api.GET('/api/deployments/{id}', { params: { path: { id } } });
    expect(deployment).toMatchObject({ state: 'SUCCESS', canRollBack: true });
    retitledSha = deployment.sha;
    expect(await dashboardTitle(prod, uuid)).toBe(retitled);

    // The snapshot kept is the one A took before its import: the version before this deploy.
    const rollback = await b.api.POST('/api/deployments/{id}/rollback', { params: { path: { id } } });
    const undone = await followTask(b.api, rollback.taskId!, { intervalMs: 200, timeoutMs: 120_000 });
    expect(undone.state, JSON.stringify(undone.log)).toBe('SUCCESS');
    expect(await dashboardTitle(prod, uuid)).toBe(devTitle);
    const after = await b.api.GET('/api/deployments/{id}', { params: { path: { id } } });
    expect(after.state).toBe('ROLLED_BACK');
  }, 300_000);

  it('cut off by the database going away, says so and runs again once the database is back', async () => {
    const retitled = await dashboardTitle(dev, uuid);
    expect(await dashboardTitle(prod, uuid)).not.toBe(retitled); // rolled back above
    expect(retitledSha).toMatch(/^[0-9a-f]{40}$/);
    // The database stops the moment prod has the import (prod finishes it), and is back 3 s later.
    proxy.once('POST', '/api/v1/dashboard/import', 'sent', async () => {
      await cluster.pause();
      setTimeout(() => void cluster.resume(), 3_000);
    });
    // By its commit: B's own `main` moves only when B pulls (it fetched that commit for the takeover above).
    const started = await b.api.POST('/api/dashboards/{uuid}/deploy', {
      ...at(),
      body: { environmentId: prodEnv.id, ref: retitledSha, dryRun: false },
    });
    const taskId = started.deployment!.taskId!;
    let task: TaskDetail | undefined;
    // The server answers 503 while its database is away: asked again until the task ends.
    for (const until = Date.now() + 120_000; Date.now() < until;) {
      const answer = await b.request<TaskDetail>('GET', `/api/tasks/${taskId}`);
      if (answer.status === 200 && ['SUCCESS', 'FAILED'].includes(answer.body.state)) {
        task = answer.body;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const lines = task?.log.map((line) => line.message) ?? [];
    expect(task?.state, JSON.stringify(lines)).toBe('SUCCESS');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^The database could not be reached: .+\. The database is back: the task runs again from the start \(attempt 2 of 3\)\.$/,
      ),
    );
    const deployment = await b.api.GET('/api/deployments/{id}', {
      params: { path: { id: started.deployment!.id } },
    });
    expect(deployment.state).toBe('SUCCESS');
    expect(await dashboardTitle(prod, uuid)).toBe(retitled);
  }, 300_000);
});
