// `superset-git remote set|remove` against a running server and a real git server: a dashboard connected without a
// remote gets one created and attached, a typo in the git server's name is named, and the remote is detached.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { supersetDev } from '../superset-instances.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { takeSuiteLock } from '../support/suite-lock.ts';
import { apiOf, expectStatus } from '../support/api.ts';
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
let uuid: string;
const env: Record<string, string> = {};
const cli = (...args: string[]) => runCli(args, env);

let releaseLock: (() => void) | undefined;
beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  remote = await startGitRemote();
  server = await startTestServer();
  env.SUPERSET_GIT_SERVER = await listenTestServer(server);
  const caller = await login(server);
  const api = apiOf(server, caller);
  env.SUPERSET_GIT_TOKEN = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
  const environment = await addEnvironment(server, caller, 'dev', supersetDev());
  await addGitServer(server, caller, remote);
  const superset = clientFor(supersetDev());
  uuid = await dashboardUuid(superset, 'web-traffic');
  await superset.close();
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: { environmentId: environment.id, mode: 'init' },
    }),
  );
}, 400_000);
afterAll(async () => {
  await Promise.all([server?.close(), remote?.stop()]);
  releaseLock?.();
});

describe('superset-git remote', () => {
  it('creates and attaches a repository on the git server, named by the git server’s name', async () => {
    const set = await cli(
      'remote',
      'set',
      uuid,
      '--git-server',
      'Local',
      '--repository',
      'web-traffic',
      '--create',
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(
      `Created and attached ${remote.url}/web-traffic.git (Local); not published yet`,
    );
    expect(fs.existsSync(path.join(remote.root, 'web-traffic.git'))).toBe(true);
  });

  it('names an unknown git server and a missing option, and changes nothing', async () => {
    const unknown = await cli('remote', 'set', uuid, '--git-server', 'Lokal', '--repository', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no git server 'Lokal'; there are: Local.");
    const missing = await cli('remote', 'set', uuid, '--git-server', 'Local');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--repository is required');
    const status = JSON.parse((await cli('status', '-d', uuid, '--json')).stdout) as {
      repo: { remoteUrl: string | null };
    };
    expect(status.repo.remoteUrl).toBe(`${remote.url}/web-traffic.git`);
  });

  it('detaches the remote, and says so when there is none left', async () => {
    const removed = await cli('remote', 'remove', uuid);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('local history kept');
    const again = await cli('remote', 'remove', uuid);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('has no remote to detach');
  });
});
