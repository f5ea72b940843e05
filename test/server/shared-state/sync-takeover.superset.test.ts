// Three server processes on one PostgreSQL database and a real Superset: two share a data dir (one repositories
// folder, as two machines on one volume), the third has its own. The server running a sync is killed (-9) while
// Superset exports; the one sharing its folder runs the sync again and the edit lands in the shared work tree,
// while the one with its own folder, which has no copy of that work tree, never touches it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask } from '@superset-git/api-client';
import type { SupersetClient } from '@superset-git/superset';
import { startPostgres, type PostgresCluster } from '@superset-git/harness';
import { supersetDev } from '../../superset-instances.ts';
import { expectStatus } from '../../support/api.ts';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { clientFor, dashboardId, dashboardTitle, dashboardUuid } from '../../support/superset-admin.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';

let cluster: PostgresCluster;
let proxy: FaultProxy;
let a: ServerProcess;
let sameFolder: ServerProcess;
let ownFolder: ServerProcess;
let dev: SupersetClient;
let uuid: string;
let devTitle: string;
let releaseLock: (() => void) | undefined;

const at = () => ({ params: { path: { uuid } } });

async function renameOnDev(title: string): Promise<void> {
  await dev.call({
    method: 'PUT',
    path: `/api/v1/dashboard/${await dashboardId(dev, uuid)}`,
    json: { dashboard_title: title },
    action: 'rename a dashboard',
  });
}

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const devInfo = supersetDev();
  [cluster, proxy] = await Promise.all([startPostgres(), startFaultProxy(devInfo.url)]);
  const env = {
    SUPERSET_GIT_DATABASE_URL: await cluster.createDatabase('sync_takeover'),
    SUPERSET_GIT_SECRET_KEY: 'one-key-for-three-servers-0123456789',
    // Silent for six beats (6 s) is stopped.
    SUPERSET_GIT_TASK_HEARTBEAT_SECONDS: '1',
  };
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
}, 400_000);
afterAll(async () => {
  if (dev && devTitle) await renameOnDev(devTitle).catch(() => undefined);
  await ownFolder?.stop();
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
});
