// Two servers on one throwaway PostgreSQL database, each with its own data dir (two machines), a real git server,
// and one of Superset dev's dashboards connected on the first with a remote on that git server: for the tests of
// what a dashboard does across machines.
import type { ApiClient } from '@superset-git/api-client';
import type { ConfigInput } from '@superset-git/server';
import { startGitRemote, startPostgres, type GitRemote, type PostgresCluster } from '@superset-git/harness';
import { supersetDev } from '../superset-instances.ts';
import { apiOf, expectStatus } from './api.ts';
import { clientFor, dashboardUuid } from './superset-admin.ts';
import { addEnvironment, addGitServer, login, startTestServer, type TestServer } from './test-server.ts';

export interface TwoMachines {
  remote: GitRemote;
  a: TestServer;
  b: TestServer;
  onA: ApiClient;
  onB: ApiClient;
  /** The connected dashboard. */
  uuid: string;
  stop(): Promise<void>;
}

export async function twoMachines(options: {
  /** The database's name in the cluster, and the remote repository's. */
  name: string;
  /** The dashboard's slug on Superset dev. */
  slug: string;
  pluginConfig?: ConfigInput['pluginConfig'];
}): Promise<TwoMachines> {
  const started: { cluster?: PostgresCluster; remote?: GitRemote; a?: TestServer; b?: TestServer } = {};
  const stop = async () => {
    await Promise.all([started.b?.close(), started.a?.close()]);
    await Promise.all([started.remote?.stop(), started.cluster?.stop()]);
  };
  try {
    const [cluster, remote] = await Promise.all([startPostgres(), startGitRemote()]);
    Object.assign(started, { cluster, remote });
    const config = {
      databaseUrl: await cluster.createDatabase(options.name.replaceAll('-', '_')),
      secretKey: 'one-key-for-both-servers-0123456789',
      ...(options.pluginConfig ? { pluginConfig: options.pluginConfig } : {}),
    };
    const a = (started.a = await startTestServer({ config: { ...config, serverId: 'machine-a' } }));
    const b = (started.b = await startTestServer({ config: { ...config, serverId: 'machine-b' } }));
    const dev = supersetDev();
    const caller = await login(a);
    const environment = await addEnvironment(a, caller, 'dev', dev);
    const gitServer = await addGitServer(a, caller, remote);
    const onA = apiOf(a, caller);
    const onB = apiOf(b, await login(b));
    const superset = clientFor(dev);
    const uuid = await dashboardUuid(superset, options.slug).finally(() => superset.close());
    const params = { path: { uuid } };
    await expectStatus(
      201,
      onA.raw.POST('/api/dashboards/{uuid}/repository', {
        params,
        body: { environmentId: environment.id, mode: 'init' },
      }),
    );
    remote.createRepository(options.name);
    await expectStatus(
      200,
      onA.raw.PUT('/api/dashboards/{uuid}/remote', {
        params,
        body: { gitServerId: gitServer.id, repository: options.name },
      }),
    );
    return { remote, a, b, onA, onB, uuid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
