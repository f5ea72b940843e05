// `superset-git pr create|list` against a running server, with the dashboard's repository on a local server
// answering as GitHub's REST docs say (the real API cannot be reached from the test machines), the branch pushed
// to a real git server and the dashboard read from the real Superset (dev).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { supersetDev } from '../superset-instances.ts';
import { apiOf, expectStatus } from '../support/api.ts';
import { startProviderFake, type ProviderFake } from '../support/provider-fakes.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import {
  addEnvironment,
  listenTestServer,
  login,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';
import { runCli } from './cli-run.ts';

let server: TestServer;
let remote: GitRemote;
let github: ProviderFake;
let api: ApiClient;
let uuid: string;
const env: Record<string, string> = {};
const cli = (...args: string[]) => runCli(args, env);

beforeAll(async () => {
  const dev = supersetDev();
  remote = await startGitRemote();
  github = await startProviderFake(
    'github',
    { [remote.token]: { login: 'bob', scopes: ['repo'] } },
    { repositories: ['bob/traffic'] },
  );
  server = await startTestServer();
  env.SUPERSET_GIT_SERVER = await listenTestServer(server);
  const caller = await login(server);
  api = apiOf(server, caller);
  env.SUPERSET_GIT_TOKEN = (await api.POST('/api/auth/tokens', { body: { name: 'pipeline' } })).token;
  const environment = await addEnvironment(server, caller, 'dev', dev);
  const gitServer = await api.POST('/api/git/servers', {
    body: { name: 'GitHub', provider: 'github', url: github.url, token: remote.token },
  });
  const superset = clientFor(dev);
  uuid = await dashboardUuid(superset, 'web-traffic');
  await superset.close();
  const bare = path.join(remote.root, 'bob/traffic.git');
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  await expectStatus(
    201,
    api.raw.POST('/api/dashboards/{uuid}/repository', {
      params: { path: { uuid } },
      body: {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl: `${remote.url}/bob/traffic.git`,
      },
    }),
  );
  await api.POST('/api/dashboards/{uuid}/branches', {
    params: { path: { uuid } },
    body: { name: 'add-notes' },
  });
  await api.POST('/api/dashboards/{uuid}/switch', {
    params: { path: { uuid } },
    body: { branch: 'add-notes', importIntoSuperset: false },
  });
  fs.writeFileSync(path.join(server.dataDir, 'repos', uuid, 'NOTES.md'), 'Why the dashboard looks so\n');
  await api.POST('/api/dashboards/{uuid}/commit', {
    params: { path: { uuid } },
    body: { message: 'Explain the dashboard' },
  });
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.close(), remote?.stop(), github?.close()]);
});

describe('superset-git pr', () => {
  it('pr create opens a request from the current branch with the drafted title and prints its URL', async () => {
    const created = await cli('pr', 'create', uuid);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe('http://fake.example/bob/traffic/pull/1');
    expect(created.stderr).toContain('Pushing add-notes: it is not on the git server yet');
    expect(github.requests.find((request) => request.method === 'POST')?.body).toMatchObject({
      head: 'add-notes',
      base: 'main',
      title: 'Explain the dashboard',
    });
  });

  it('pr create again is refused with exit 1 and the open request’s URL', async () => {
    const again = await cli('pr', 'create', uuid, '--branch', 'add-notes', '--title', 'Again', '--body', '');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      "Branch 'add-notes' already has an open pull request, #1: http://fake.example/bob/traffic/pull/1",
    );
  });

  it('pr list shows the state on GitHub: open, then merged', async () => {
    const open = await cli('pr', 'list', uuid);
    expect(open.code, open.stderr).toBe(0);
    expect(open.stdout).toMatch(
      /#1\s+open\s+add-notes → main\s+http:\/\/fake\.example\/bob\/traffic\/pull\/1/,
    );
    github.setPullState(1, 'merged');
    const merged = JSON.parse((await cli('pr', 'list', uuid, '--json')).stdout) as {
      items: Array<{ number: number; state: string }>;
    };
    expect(merged.items).toMatchObject([{ number: 1, state: 'merged' }]);
  });

  it('a base equal to the branch is refused with exit 1, saying why', async () => {
    const same = await cli('pr', 'create', uuid, '--base', 'add-notes', '--title', 'Same', '--body', '');
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("'add-notes' cannot be merged into itself");
  });
});
