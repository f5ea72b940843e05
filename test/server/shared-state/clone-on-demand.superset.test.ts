// Two servers on one PostgreSQL database, each with its own data dir (two machines): a dashboard connected and
// pushed through one is served by the other, which clones it from the git remote at first use (real Superset
// dev, real git server, a throwaway PostgreSQL cluster of this file's own).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import { startGitRemote, startPostgres, type GitRemote, type PostgresCluster } from '@superset-git/harness';
import { supersetDev } from '../../superset-instances.ts';
import { apiOf, expectStatus, runTask } from '../../support/api.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import {
  addEnvironment,
  addGitServer,
  login,
  startTestServer,
  type TestServer,
} from '../../support/test-server.ts';

let cluster: PostgresCluster;
let remote: GitRemote;
let a: TestServer;
let b: TestServer;
let onA: ApiClient;
let onB: ApiClient;
let uuid: string;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  [cluster, remote] = await Promise.all([startPostgres(), startGitRemote()]);
  const databaseUrl = await cluster.createDatabase('two_machines');
  const secretKey = 'one-key-for-both-servers-0123456789';
  a = await startTestServer({ config: { databaseUrl, secretKey, serverId: 'machine-a' } });
  b = await startTestServer({ config: { databaseUrl, secretKey, serverId: 'machine-b' } });
  const dev = supersetDev();
  const caller = await login(a);
  const environment = await addEnvironment(a, caller, 'dev', dev);
  const local = await addGitServer(a, caller, remote);
  onA = apiOf(a, caller);
  onB = apiOf(b, await login(b));
  const superset = clientFor(dev);
  uuid = await dashboardUuid(superset, 'customers');
  await superset.close();
  await expectStatus(
    201,
    onA.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, mode: 'init' },
    }),
  );
  remote.createRepository('customers-shared');
  await expectStatus(
    200,
    onA.raw.PUT('/api/dashboards/{uuid}/remote', {
      params: { path: { uuid } },
      body: { gitServerId: local.id, repository: 'customers-shared' },
    }),
  );
}, 400_000);
afterAll(async () => {
  await Promise.all([b?.close(), a?.close()]);
  await Promise.all([remote?.stop(), cluster?.stop()]);
  releaseLock?.();
});

const at = () => ({ params: { path: { uuid } } });

describe('a dashboard on two servers with their own data dirs', () => {
  it('is synced and pushed on one, and served by the other from a clone of the remote', async () => {
    const synced = await runTask(onA, onA.raw.POST('/api/dashboards/{uuid}/sync', at()));
    expect(synced.state, JSON.stringify(synced.log)).toBe('SUCCESS');
    await onA.POST('/api/dashboards/{uuid}/commit', {
      ...at(),
      body: { message: 'Customers as on dev' },
    });
    const pushed = await runTask(onA, onA.raw.POST('/api/dashboards/{uuid}/push', at()));
    expect(pushed.state, JSON.stringify(pushed.log)).toBe('SUCCESS');
    const head = (await onA.GET('/api/dashboards/{uuid}/status', at())).git.head;

    expect(fs.existsSync(path.join(b.dataDir, 'repos', uuid))).toBe(false);
    const there = await onB.GET('/api/dashboards/{uuid}/status', at());
    expect(there.git).toMatchObject({ head, clean: true, upstream: 'origin/main', ahead: 0, behind: 0 });
    expect(there.repo.title).toBe((await onA.GET('/api/dashboards/{uuid}/status', at())).repo.title);
    const history = await onB.GET('/api/dashboards/{uuid}/history', {
      ...at(),
      params: { ...at().params, query: {} },
    });
    expect(history.items[0]?.subject).toBe('Customers as on dev');
  });
});
