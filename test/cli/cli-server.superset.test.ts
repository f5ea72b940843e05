// The CLI against a running superset-git server with API tokens: environments, the hub, sync, commit, push to a
// real git server, tags made, pushed and deleted there, deploy dev → prod with the plan first, deployments and
// rollback; a refused token and a viewer end with exit 4. The same dashboard exported standalone matches the server's sync file for file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment, Environment } from '@superset-git/contracts';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { isManagedPath } from '@superset-git/superset';
import { supersetDev, supersetProd } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { apiOf } from '../support/api.ts';
import {
  addEnvironment,
  addGitServer,
  listenTestServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../support/test-server.ts';
import { tempDir } from '../git/git-fixtures.ts';
import { runCli } from './cli-run.ts';

let server: TestServer;
let remote: GitRemote;
let caller: Caller;
let uuid: string;
let remoteUrl: string;
const env: Record<string, string> = {};

const cli = (...args: string[]) => runCli(args, env);

async function tokenFor(as: Caller): Promise<string> {
  return (await apiOf(server, as).POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
}

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  const [dev, prod] = [supersetDev(), supersetProd()];
  remote = await startGitRemote();
  server = await startTestServer();
  env.SUPERSET_GIT_SERVER = await listenTestServer(server);
  caller = await login(server);
  env.SUPERSET_GIT_TOKEN = await tokenFor(caller);
  await addEnvironment(server, caller, 'dev', dev);
  await addEnvironment(server, caller, 'prod', prod);
  const gitServer = await addGitServer(server, caller, remote);
  const superset = clientFor(dev);
  uuid = await dashboardUuid(superset, 'web-traffic');
  await superset.close();
  remoteUrl = remote.createRepository('web-traffic-cli');
  const connected = await apiOf(server, caller).raw.POST('/api/dashboards/{uuid}/repository', {
    params: { path: { uuid } },
    body: {
      environmentId: 1,
      mode: 'attach',
      gitServerId: gitServer.id,
      remoteUrl,
    },
  });
  expect(connected.response.status).toBe(201);
}, 300_000);
afterAll(async () => {
  await server?.close();
  await remote?.stop();
  releaseLock?.();
});

describe('superset-git through a server (API token, real Superset dev and prod, real git server)', () => {
  it('lists and tests environments and lists a dashboard with its git status', async () => {
    const list = await cli('env', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { items: Environment[] }).items.map((item) => item.name)).toEqual([
      'dev',
      'prod',
    ]);
    const test = await cli('env', 'test', 'prod');
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/^prod: /);
    const dashboards = await cli('dash', 'list', '--env', 'dev', '--search', 'Web Traffic');
    expect(dashboards.code).toBe(0);
    expect(dashboards.stdout).toMatch(new RegExp(`Web Traffic\\s+${uuid}\\s+\\S*\\s+main · clean`));
    const unknown = await cli('dash', 'list', '--env', 'staging');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no environment 'staging'; there are: dev, prod.");
  });

  it('syncs, shows the changes, commits and pushes them to the git server', async () => {
    const sync = await cli('sync', '-d', uuid);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/added\s+dashboard\s+Web Traffic\s+dashboard\.yaml/);
    const status = JSON.parse((await cli('status', '-d', uuid, '--json')).stdout) as {
      changes: { path: string }[];
    };
    expect(status.changes.map((change) => change.path)).toContain('dashboard.yaml');

    const noMessage = await cli('commit', '-d', uuid);
    expect(noMessage.code).toBe(2);
    const commit = await cli('commit', '-d', uuid, '-m', 'Web Traffic from the pipeline');
    expect(commit.code, commit.stderr).toBe(0);
    expect(commit.stdout).toMatch(/^Committed [0-9a-f]{7}: Web Traffic from the pipeline/);
    const push = await cli('push', '-d', uuid);
    expect(push.code, push.stderr).toBe(0);
    const pushed = execFileSync(
      'git',
      ['ls-remote', path.join(remote.root, 'web-traffic-cli.git'), 'refs/heads/main'],
      {
        encoding: 'utf8',
      },
    );
    expect(pushed.slice(0, 7)).toBe(commit.stdout.match(/Committed ([0-9a-f]{7})/)![1]);
    expect((await cli('status', '-d', uuid)).stdout).toContain('Nothing changed since the last commit.');
  });

  it('tags a release, pushes the tag to the git server, and deletes it there again', async () => {
    const remoteTags = () =>
      execFileSync('git', ['ls-remote', '--tags', path.join(remote.root, 'web-traffic-cli.git')], {
        encoding: 'utf8',
      });
    const create = await cli('tag', 'create', 'v1.0', '-d', uuid, '-m', 'First release');
    expect(create.code, create.stderr).toBe(0);
    expect(create.stdout).toMatch(/^Tagged [0-9a-f]{7} as v1\.0\./);
    const again = await cli('tag', 'create', 'v1.0', '-d', uuid);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("A tag named 'v1.0' already exists.");
    expect((await cli('tag', 'create', '-d', uuid)).code).toBe(2);

    const list = JSON.parse((await cli('tag', 'list', '-d', uuid, '--json')).stdout) as {
      items: { name: string; message: string | null }[];
    };
    expect(list.items).toEqual([expect.objectContaining({ name: 'v1.0', message: 'First release' })]);
    const push = await cli('tag', 'push', 'v1.0', '-d', uuid);
    expect(push.code, push.stderr).toBe(0);
    expect(remoteTags()).toContain('refs/tags/v1.0');

    const deleted = await cli('tag', 'delete', 'v1.0', '-d', uuid, '--remote');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toContain('Deleted tag v1.0 here and on the git server');
    expect(remoteTags()).not.toContain('refs/tags/v1.0');
    const unknown = await cli('tag', 'push', 'v1.0', '-d', uuid);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no tag named 'v1.0'.");
  });

  it('writes the same files standalone as the server’s sync did', async () => {
    const dev = supersetDev();
    const out = tempDir('sg-cli-export-');
    const run = await runCli(
      ['export', '--url', dev.url, '--user', dev.username, '--dashboard', uuid, '--out', out, '-q'],
      { SUPERSET_PASSWORD: dev.password },
    );
    expect(run.code, run.stderr).toBe(0);
    const repo = path.join(server.dataDir, 'repos', uuid);
    const files = (dir: string) =>
      execFileSync('find', ['.', '-type', 'f', '-not', '-path', './.git/*'], { cwd: dir, encoding: 'utf8' })
        .split('\n')
        .map((file) => file.slice(2))
        .filter((file) => file && isManagedPath(file))
        .sort();
    expect(files(out)).toEqual(files(repo));
    expect(files(out)).toContain('dashboard.yaml');
    for (const file of files(out))
      expect(fs.readFileSync(path.join(out, file), 'utf8'), file).toBe(
        fs.readFileSync(path.join(repo, file), 'utf8'),
      );
  });

  it('deploys to prod after the plan, lists the deployment and rolls it back', async () => {
    const dry = await cli('deploy', '-d', uuid, '--env', 'prod', '--ref', 'main', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^Plan for prod at main \([0-9a-f]{7}\)/);
    const first = await cli('deploy', '-d', uuid, '--env', 'prod', '--ref', 'main');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Deployment \d+: Deployed [0-9a-f]{7} to prod\./);
    // A second deploy keeps a snapshot of the first, so it can be rolled back.
    const second = await cli('deploy', '-d', uuid, '--env', 'prod', '--json');
    expect(second.code, second.stderr).toBe(0);
    const deployment = (JSON.parse(second.stdout) as { deployment: Deployment }).deployment;
    expect(deployment).toMatchObject({ state: 'SUCCESS', canRollBack: true });

    const list = JSON.parse((await cli('deployments', '-d', uuid, '--env', 'prod', '--json')).stdout) as {
      items: Deployment[];
    };
    expect(list.items.map((item) => item.id)).toContain(deployment.id);
    const rollback = await cli('rollback', String(deployment.id));
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain(`Rolled back deployment ${deployment.id}.`);
    const again = await cli('rollback', String(deployment.id));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already rolled back');
  });

  it('ends with exit 4 on a refused token and when a viewer tries to commit', async () => {
    const refused = await runCli(['env', 'list'], { ...env, SUPERSET_GIT_TOKEN: 'sgt_not-a-real-token' });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('refused the token');
    expect(refused.stderr).not.toContain('sgt_not-a-real-token');

    await apiOf(server, caller).raw.POST('/api/users', {
      body: {
        username: 'viewer',
        name: 'Viewer',
        email: 'viewer@example.com',
        role: 'viewer',
        password: 'viewer-password-1',
      },
    });
    const viewerToken = await tokenFor(await login(server, 'viewer', 'viewer-password-1'));
    const commit = await runCli(['commit', '-d', uuid, '-m', 'sneaky'], {
      ...env,
      SUPERSET_GIT_TOKEN: viewerToken,
    });
    expect(commit.code).toBe(4);
    expect(commit.stderr).toMatch(/^superset-git: Not allowed: /);
    const status = await runCli(['status', '-d', uuid], { ...env, SUPERSET_GIT_TOKEN: viewerToken });
    expect(status.code).toBe(0);
  });
});
