// kill -9 of the whole server (its process group: the git processes it started die with it, as in a crash)
// during a sync, a commit, a push and a deploy, then a restart on the same data dir: the repository passes
// `git fsck`, no commit is lost, the task is FAILED with the reason, a lock git left behind does not stop the
// next call, the target Superset holds either the old or the new version (never a mix), and a retry works.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask, type TaskDetail } from '@superset-git/api-client';
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
  gone,
  startFaultSuperset,
  stopFaultSuperset,
  targetText,
} from './stress-fixtures.ts';

let server: ServerProcess;
let remote: GitRemote;
let devProxy: FaultProxy;
let targetProxy: FaultProxy;
let target: SupersetInfo;
let targetClient: SupersetClient;
let devEnv: Environment;
let targetEnv: Environment;
let uuid: string;
let repoDir: string;
let remoteDir: string;
const stamp = Date.now().toString(36);

/** Kills the server when `arm` fires, waits until it is gone, and starts it again on the same data dir. */
async function crashAndRestart(arm: (kill: () => void) => void, act: () => Promise<unknown>): Promise<void> {
  const { pid, dataDir } = server;
  const killed = new Promise<void>((resolve, reject) => {
    const never = setTimeout(() => reject(new Error('the moment to kill the server never came')), 60_000);
    arm(() => {
      clearTimeout(never);
      void server.kill('SIGKILL').then(resolve);
    });
  });
  await act().catch(() => undefined); // the answer may never come: the server is killed under it
  await killed;
  await gone(pid);
  server = await startServerProcess({ dataDir });
}

// Through `server.api` each time: a restart is a new process on a new port.
const dashboard = () => ({ params: { path: { uuid } } });
const readTask = (id: number) => server.api.GET('/api/tasks/{id}', { params: { path: { id } } });
const commit = (message: string) =>
  server.api.POST('/api/dashboards/{uuid}/commit', { ...dashboard(), body: { message } });
/** Starts a deploy of main into the target; answers the deployment, its task still running. */
const deploy = async () =>
  (
    await server.api.POST('/api/dashboards/{uuid}/deploy', {
      ...dashboard(),
      body: { environmentId: targetEnv.id, ref: 'main' },
    })
  ).deployment!;

const interrupted = (task: TaskDetail) => {
  expect(task.state).toBe('FAILED');
  expect(task.error).toMatch(/server stopped while this task was running/i);
};

beforeAll(async () => {
  const dev = supersetDev();
  [remote, target] = await Promise.all([startGitRemote({ pushDelayMs: 4000 }), startFaultSuperset()]);
  [devProxy, targetProxy] = await Promise.all([startFaultProxy(dev.url), startFaultProxy(target.url)]);
  targetClient = clientFor(target);
  const devClient = clientFor(dev);
  uuid = await dashboardUuid(devClient, 'customers');
  await devClient.close();
  server = await startServerProcess({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sg-kill-')) });
  devEnv = await addEnvironment(server, 'dev', dev, devProxy.url);
  targetEnv = await addEnvironment(server, 'fault-target', target, targetProxy.url);
  const gitServer = await addGitServer(server, remote);
  const url = remote.createRepository(`customers-kill-${stamp}`);
  remoteDir = path.join(remote.root, `customers-kill-${stamp}.git`);
  await server.api.POST('/api/dashboards/{uuid}/repository', {
    params: { path: { uuid } },
    body: { environmentId: devEnv.id, mode: 'attach', gitServerId: gitServer.id, remoteUrl: url },
  });
  repoDir = path.join(server.dataDir, 'repos', uuid);
}, 400_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([remote?.stop(), devProxy?.close(), targetProxy?.close(), targetClient?.close()]);
  await stopFaultSuperset();
});

describe('kill -9 of the server, then a restart', () => {
  it('during a sync: the task is FAILED with the reason, and the next sync writes the whole dashboard', async () => {
    let taskId = 0;
    await crashAndRestart(
      (kill) => devProxy.once('GET', '/api/v1/dashboard/export/', 'answered', kill),
      async () => {
        taskId = (await server.api.POST('/api/dashboards/{uuid}/sync', dashboard())).taskId;
      },
    );
    interrupted(await readTask(taskId));
    fsck(repoDir);
    expect((await dashboardTask(server, 'sync', uuid)).state).toBe('SUCCESS');
    const status = await server.api.GET('/api/dashboards/{uuid}/status', dashboard());
    expect(status.changes.map((change) => change.path)).toContain('dashboard.yaml');
  });

  it('during a commit: fsck passes, the earlier commit is kept, the edit is committed or still there to commit', async () => {
    const first = await commit('Customers as exported');
    editDashboardAndChart(repoDir, stamp);
    let lockAtKill = false;
    let watcher: fs.FSWatcher | undefined;
    await crashAndRestart(
      (kill) => {
        watcher = fs.watch(path.join(repoDir, '.git'), (_event, file) => {
          if (file !== 'index.lock') return;
          watcher?.close();
          kill();
          lockAtKill = fs.existsSync(path.join(repoDir, '.git', 'index.lock'));
        });
      },
      () => commit(`Edited ${stamp}`),
    );
    watcher?.close();
    process.stdout.write(`commit kill: index.lock ${lockAtKill ? 'held' : 'already released'} at the kill\n`);
    // The restart cleared the lock git held when it died: a person running git there would not meet it either.
    expect(fs.existsSync(path.join(repoDir, '.git', 'index.lock'))).toBe(false);
    fsck(repoDir);
    expect(git(repoDir, 'rev-list', 'HEAD')).toContain(first.oid);
    const status = await server.api.GET('/api/dashboards/{uuid}/status', dashboard());
    if (git(repoDir, 'log', '-1', '--format=%s') !== `Edited ${stamp}`) {
      expect(status.changes.map((change) => change.path)).toContain('dashboard.yaml');
      await commit(`Edited ${stamp}`);
    }
    expect(git(repoDir, 'log', '-2', '--format=%s')).toBe(`Edited ${stamp}\nCustomers as exported`);
    expect(git(repoDir, 'show', 'HEAD:dashboard.yaml')).toContain(`Customers ${stamp}`);
  });

  it('during a push: the local branch and its upstream are intact, and the retried push lands', async () => {
    const head = git(repoDir, 'rev-parse', 'HEAD');
    let taskId = 0;
    await crashAndRestart(
      (kill) => {
        // The git server holds the push 4 s; kill while it is in flight.
        const wait = setInterval(() => {
          if (taskId === 0) return;
          void readTask(taskId).then((pushing) => {
            if (pushing.state === 'PENDING') return;
            clearInterval(wait);
            if (pushing.state === 'RUNNING') setTimeout(kill, 1500);
            else process.stderr.write(`the push ended before the kill: ${JSON.stringify(pushing)}\n`);
          });
        }, 100);
      },
      async () => {
        taskId = (await server.api.POST('/api/dashboards/{uuid}/push', dashboard())).taskId;
      },
    );
    interrupted(await readTask(taskId));
    fsck(repoDir);
    expect(git(repoDir, 'rev-parse', 'HEAD')).toBe(head);
    expect((await dashboardTask(server, 'push', uuid)).state).toBe('SUCCESS');
    expect(git(remoteDir, 'rev-parse', 'main')).toBe(head);
    expect(git(repoDir, 'rev-parse', '@{upstream}')).toBe(head);
    fsck(remoteDir);
  });

  it('during a deploy: the target holds the old or the new version whole; rollback and a retry both work', async () => {
    const before = await targetText(targetClient, uuid);
    let deploymentId = 0;
    const imported = new Promise<void>((resolve) =>
      targetProxy.once('POST', '/api/v1/dashboard/import/', 'answered', resolve),
    );
    await crashAndRestart(
      (kill) => targetProxy.once('POST', '/api/v1/dashboard/import/', 'sent', kill),
      async () => {
        deploymentId = (await deploy()).id;
      },
    );
    // Superset goes on with the import it was given; wait for its answer before looking.
    await Promise.race([imported, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    const afterKill = await targetText(targetClient, uuid);
    const failed = await server.api.GET('/api/deployments/{id}', { params: { path: { id: deploymentId } } });
    expect(failed.state).toBe('FAILED');
    expect(failed.message).toMatch(/server stopped during this deploy/i);
    interrupted(await readTask(failed.taskId!));
    expect(failed.canRollBack).toBe(true);

    const rollback = await server.api.POST('/api/deployments/{id}/rollback', {
      params: { path: { id: deploymentId } },
    });
    expect((await followTask(server.api, rollback.taskId!)).state).toBe('SUCCESS');
    expect(await targetText(targetClient, uuid)).toBe(before);

    const retried = await deploy();
    expect((await followTask(server.api, retried.taskId!)).state).toBe('SUCCESS');
    const after = await targetText(targetClient, uuid);
    expect(after).toContain(`Customers ${stamp}`);
    expect(after).toContain(`Chart ${stamp}`);
    process.stdout.write(
      `deploy kill: the target held the ${afterKill === before ? 'old' : afterKill === after ? 'new' : 'MIXED'} version after the kill\n`,
    );
    expect([before, after]).toContain(afterKill);
  });
});
