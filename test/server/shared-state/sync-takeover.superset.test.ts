// Server processes on one PostgreSQL database and a real Superset: two share a data dir (one repositories folder,
// as two machines on one volume), another has its own. The server running a sync is killed (-9) while Superset
// exports; the one sharing its folder runs the sync again and the edit lands in the shared work tree, while the
// one with its own folder, which has no copy of that work tree, never touches it. Then a restore is killed once
// it has committed, while Superset imports: the next server of the folder imports from its checkpoint instead
// of syncing Superset's older state over the restored version.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask } from '@superset-git/api-client';
import type { SupersetClient } from '@superset-git/superset';
import { startPostgres, type PostgresCluster } from '@superset-git/harness';
import { supersetDev } from '../../superset-instances.ts';
import { expectStatus, runTask } from '../../support/api.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { clientFor, dashboardTitle, dashboardUuid, renameDashboard } from '../../support/superset-admin.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let cluster: PostgresCluster;
let proxy: FaultProxy;
let a: ServerProcess;
let sameFolder: ServerProcess;
let ownFolder: ServerProcess;
/** A third server on the shared folder, started once the first is gone. */
let third: ServerProcess | undefined;
let dev: SupersetClient;
let uuid: string;
let devTitle: string;
let releaseLock: (() => void) | undefined;
let serverEnv: Record<string, string>;

const at = () => ({ params: { path: { uuid } } });

const renameOnDev = (title: string) => renameDashboard(dev, uuid, title);

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const devInfo = supersetDev();
  [cluster, proxy] = await Promise.all([startPostgres(), startFaultProxy(devInfo.url)]);
  serverEnv = {
    SUPERSET_GIT_DATABASE_URL: await cluster.createDatabase('sync_takeover'),
    SUPERSET_GIT_SECRET_KEY: 'one-key-for-three-servers-0123456789',
    // Silent for six beats (6 s) is stopped.
    SUPERSET_GIT_TASK_HEARTBEAT_SECONDS: '1',
  };
  const env = serverEnv;
  a = await startServerProcess({ env: { ...env, SUPERSET_GIT_SERVER_ID: 'machine-a' } });
  sameFolder = await startServerProcess({
    dataDir: a.dataDir,
    logFile: `${a.dataDir}-a2.log`,
    env: { ...env, SUPERSET_GIT_SERVER_ID: 'machine-a2' },
  });
  ownFolder = await startServerProcess({ env: { ...env, SUPERSET_GIT_SERVER_ID: 'machine-b' } });
  dev = clientFor(devInfo);
  uuid = await dashboardUuid(dev, 'extra-003');
  devTitle = await dashboardTitle(dev, uuid);
  // Superset reached through the proxy, so the test can act while it exports.
  const devEnv = await a.api.POST('/api/environments', {
    body: { name: 'dev', url: proxy.url, username: devInfo.username, password: devInfo.password },
  });
  await expectStatus(
    201,
    a.api.raw.POST('/api/dashboards/{uuid}/repository', {
      ...at(),
      body: { environmentId: devEnv.id, mode: 'init' },
    }),
  );
  const synced = await runTask(a.api, a.api.raw.POST('/api/dashboards/{uuid}/sync', at()));
  expect(synced.state, JSON.stringify(synced.log)).toBe('SUCCESS');
  await expectStatus(
    201,
    a.api.raw.POST('/api/dashboards/{uuid}/commit', { ...at(), body: { message: 'As connected' } }),
  );
}, 400_000);
afterAll(async () => {
  if (dev && devTitle) await renameOnDev(devTitle).catch(() => undefined);
  await ownFolder?.stop();
  await third?.stop({ keepData: true });
  await sameFolder?.stop({ keepData: true });
  await a?.stop();
  await Promise.all([proxy?.close(), cluster?.stop(), dev?.close()]);
  releaseLock?.();
});

describe('a sync whose server is killed while Superset exports', () => {
  it('is run again by the server sharing its repositories folder, not by one with its own', async () => {
    const retitled = `${devTitle} (synced after a takeover)`;
    await renameOnDev(retitled);
    proxy.once('GET', '/api/v1/dashboard/export/', 'sent', () => a.kill('SIGKILL'));
    proxy.failNext('GET', '/api/v1/dashboard/export/', 0, 500); // fails none: counts the exports from here on
    const { taskId } = await a.api.POST('/api/dashboards/{uuid}/sync', at());
    const task = await followTask(sameFolder.api, taskId, { intervalMs: 200, timeoutMs: 120_000 });
    const lines = task.log.map((line) => line.message);
    expect(task.state, JSON.stringify(lines)).toBe('SUCCESS');
    expect(lines).toContainEqual(
      expect.stringMatching(/^Server machine-a stopped while running this task; .*attempt 2 of 3/),
    );
    expect(lines).toContainEqual('Taken over by server machine-a2; running it again from the start.');
    expect(lines.join('\n')).not.toContain('machine-b');
    expect(proxy.seen('GET', '/api/v1/dashboard/export/')).toBe(2);

    // The edit is in the shared work tree, not committed: the person reviews it, from either server.
    const status = await sameFolder.api.GET('/api/dashboards/{uuid}/status', at());
    expect(status.git.clean).toBe(false);
    const changed = status.git.files.map((file) => file.path);
    expect(changed.length).toBeGreaterThan(0);
    const text = changed
      .map((file) => fs.readFileSync(path.join(a.dataDir, 'repos', uuid, file), 'utf8'))
      .join('\n');
    expect(text).toContain(retitled);
  }, 300_000);

  it('a restore killed while Superset imports is carried on from its checkpoint by the next server', async () => {
    third = await startServerProcess({
      dataDir: a.dataDir,
      logFile: `${a.dataDir}-a3.log`,
      env: { ...serverEnv, SUPERSET_GIT_SERVER_ID: 'machine-a3' },
    });
    const api = sameFolder.api;
    await expectStatus(
      201,
      api.raw.POST('/api/dashboards/{uuid}/commit', { ...at(), body: { message: 'Retitled' } }),
    );
    const history = await api.GET('/api/dashboards/{uuid}/history', {
      ...at(),
      params: { ...at().params, query: {} },
    });
    expect(history.items.map((item) => item.subject).slice(0, 2)).toEqual(['Retitled', 'As connected']);
    const first = history.items[1]!;
    expect(await dashboardTitle(dev, uuid)).not.toBe(devTitle);
    // The server running the restore dies the moment Superset has the whole import: it committed already.
    proxy.once('POST', '/api/v1/dashboard/import', 'sent', () => sameFolder.kill('SIGKILL'));
    const { taskId } = await api.POST('/api/dashboards/{uuid}/restore', {
      ...at(),
      body: { ref: first.oid },
    });
    const task = await followTask(third.api, taskId, { intervalMs: 200, timeoutMs: 120_000 });
    const lines = task.log.map((line) => line.message);
    expect(task.state, JSON.stringify(lines)).toBe('SUCCESS');
    expect(lines).toContainEqual('Taken over by server machine-a3; running it again from the start.');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^The restore cut off had moved the branch already: bringing Superset up to date from \w{8}$/,
      ),
    );
    expect(await dashboardTitle(dev, uuid)).toBe(devTitle);
    // One restore commit, not two: the run taken over did not restore again.
    const after = await third.api.GET('/api/dashboards/{uuid}/history', {
      ...at(),
      params: { ...at().params, query: {} },
    });
    expect(after.items.map((item) => item.subject).slice(0, 2)).toEqual([
      `Restore '${first.subject}' (${first.oid.slice(0, 7)})`,
      'Retitled',
    ]);
    const status = await third.api.GET('/api/dashboards/{uuid}/status', at());
    expect(status.git.clean).toBe(true);
  }, 300_000);
});
