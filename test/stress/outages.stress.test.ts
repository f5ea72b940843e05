// The services superset-git talks to fail under it: the git server goes away in the middle of a push, a load
// balancer answers 502 for a while, the target Superset is stopped while it imports a deploy. Each ends in a
// clear FAILED with nothing half done, and the same action works again once the service is back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask, type Schemas } from '@superset-git/api-client';
import type { Environment } from '@superset-git/contracts';
import { startGitRemote, type GitRemote, type SupersetInfo } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../superset-instances.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import {
  addEnvironment,
  addGitServer,
  dashboardTask,
  editDashboardAndChart,
  fsck,
  git,
  startFaultSuperset,
  stopFaultSuperset,
  targetText,
} from './stress-fixtures.ts';

const IMPORT = '/api/v1/dashboard/import/';
let server: ServerProcess;
let remote: GitRemote;
let targetProxy: FaultProxy;
let targetClient: SupersetClient;
let targetEnv: Environment;
let uuid: string;
let repoDir: string;
let original: string;
const stamp = Date.now().toString(36);

/** Starts a deploy of main into the target; answers the deployment, its task still running. */
async function startDeploy(): Promise<Schemas['Deployment']> {
  const { deployment } = await server.api.POST('/api/dashboards/{uuid}/deploy', {
    params: { path: { uuid } },
    body: { environmentId: targetEnv.id, ref: 'main' },
  });
  return deployment!;
}

async function deploy(): Promise<{ deployment: Schemas['Deployment']; state: string; error: string | null }> {
  const deployment = await startDeploy();
  const task = await followTask(server.api, deployment.taskId!);
  return {
    deployment: await server.api.GET('/api/deployments/{id}', { params: { path: { id: deployment.id } } }),
    state: task.state,
    error: task.error,
  };
}

async function rollBack(deploymentId: number): Promise<void> {
  const rollback = await server.api.POST('/api/deployments/{id}/rollback', {
    params: { path: { id: deploymentId } },
  });
  expect((await followTask(server.api, rollback.taskId!)).state).toBe('SUCCESS');
}

beforeAll(async () => {
  const dev = supersetDev();
  let target: SupersetInfo;
  [remote, target] = await Promise.all([startGitRemote({ pushDelayMs: 3000 }), startFaultSuperset()]);
  targetProxy = await startFaultProxy(target.url);
  targetClient = clientFor(target);
  const devClient = clientFor(dev);
  uuid = await dashboardUuid(devClient, 'customers');
  await devClient.close();
  server = await startServerProcess({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sg-outage-')) });
  const devEnv = await addEnvironment(server, 'dev', dev);
  targetEnv = await addEnvironment(server, 'behind-a-proxy', target, targetProxy.url);
  const gitServer = await addGitServer(server, remote);
  await server.api.POST('/api/dashboards/{uuid}/repository', {
    params: { path: { uuid } },
    body: {
      environmentId: devEnv.id,
      mode: 'attach',
      gitServerId: gitServer.id,
      remoteUrl: remote.createRepository(`customers-outage-${stamp}`),
    },
  });
  repoDir = path.join(server.dataDir, 'repos', uuid);
  expect((await dashboardTask(server, 'sync', uuid)).state).toBe('SUCCESS');
  await server.api.POST('/api/dashboards/{uuid}/commit', {
    params: { path: { uuid } },
    body: { message: 'Customers as exported' },
  });
  expect((await dashboardTask(server, 'push', uuid)).state).toBe('SUCCESS');
  original = await targetText(targetClient, uuid);
}, 400_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([remote?.stop(), targetProxy?.close(), targetClient?.close()]);
  await stopFaultSuperset();
});

describe('a service goes away in the middle of the work', () => {
  it('the git server, during a push: the branch and its upstream stay as they were, and the retry lands', async () => {
    editDashboardAndChart(repoDir, stamp);
    const pushed = git(repoDir, 'rev-parse', 'HEAD');
    const { oid } = await server.api.POST('/api/dashboards/{uuid}/commit', {
      params: { path: { uuid } },
      body: { message: `Edited ${stamp}` },
    });

    const { taskId } = await server.api.POST('/api/dashboards/{uuid}/push', { params: { path: { uuid } } });
    // The git server holds its answer 3 s; it goes away in that time.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { root, port, token } = remote;
    await remote.stop();
    const task = await followTask(server.api, taskId);
    expect(task.state).toBe('FAILED');
    expect(task.error).toMatch(/git server|reach|connection|remote/i);
    fsck(repoDir);
    expect(git(repoDir, 'rev-parse', 'HEAD')).toBe(oid);
    // Not confirmed by the server, so not recorded as pushed.
    expect(git(repoDir, 'rev-parse', '@{upstream}')).toBe(pushed);
    const status = await server.api.GET('/api/dashboards/{uuid}/status', { params: { path: { uuid } } });
    expect(status.git).toMatchObject({ ahead: 1, behind: 0 });

    remote = await startGitRemote({ root, port, token, pushDelayMs: 3000 });
    expect((await dashboardTask(server, 'push', uuid)).state).toBe('SUCCESS');
    expect(git(repoDir, 'rev-parse', '@{upstream}')).toBe(oid);
    expect(git(path.join(root, `customers-outage-${stamp}.git`), 'rev-parse', 'main')).toBe(oid);
  });

  it('a proxy answering 502 twice: the import is retried and the deploy lands', async () => {
    targetProxy.failNext('POST', IMPORT, 2, 502);
    const { state, error, deployment } = await deploy();
    expect(state, error ?? '').toBe('SUCCESS');
    expect(targetProxy.seen('POST', IMPORT)).toBe(3);
    expect(await targetText(targetClient, uuid)).toContain(`Customers ${stamp}`);
    await rollBack(deployment.id);
    expect(await targetText(targetClient, uuid)).toBe(original);
  });

  it('a proxy answering 502 past the retries: the deploy fails saying so, and the target is put back', async () => {
    targetProxy.failNext('POST', IMPORT, 3, 502);
    const { state, error, deployment } = await deploy();
    expect(state).toBe('FAILED');
    expect(error).toMatch(/502/);
    expect(error).toMatch(/put back to its previous version/);
    expect(deployment.state).toBe('FAILED');
    expect(await targetText(targetClient, uuid)).toBe(original);
  });

  it('the target Superset, stopped while it imports: the deploy puts it back once it answers again', async () => {
    let stopping: Promise<void> | undefined;
    targetProxy.once('POST', IMPORT, 'sent', () => {
      stopping = stopFaultSuperset();
    });
    const deployment = await startDeploy();
    await expect.poll(() => stopping !== undefined, { timeout: 60_000 }).toBe(true);
    await stopping;
    await startFaultSuperset();
    const task = await followTask(server.api, deployment.taskId!, { timeoutMs: 300_000 });
    const now = await targetText(targetClient, uuid);
    process.stdout.write(`Superset stopped mid-import: the deploy ended ${task.state}\n`);
    if (task.state === 'SUCCESS') {
      // Superset finished the import before it stopped: the new version, whole.
      expect(now).toContain(`Customers ${stamp}`);
      expect(now).toContain(`Chart ${stamp}`);
    } else {
      expect(task.error).toMatch(/put back to its previous version/);
      expect(task.log.map((line) => line.message).join('\n')).toMatch(
        /does not answer; trying to put it back/,
      );
      expect(now).toBe(original);
    }
    const retried = await deploy();
    expect(retried.state, retried.error ?? '').toBe('SUCCESS');
    const deployed = await targetText(targetClient, uuid);
    expect(deployed).toContain(`Customers ${stamp}`);
    expect(deployed).toContain(`Chart ${stamp}`);
  });
});
