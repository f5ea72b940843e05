// Git input crafted to attack the server: remote URLs with other transports (ext::, file://, ssh), refs and
// paths that would read as git options (--upload-pack=…, --output=…), and hooks planted in a repository. Each is
// refused with a clear message or made harmless: no command runs, no file appears, no answer is a 500.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, Environment, GitServer } from '@superset-git/contracts';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { supersetDev } from '../../superset-instances.ts';
import { clientFor, dashboardUuid } from '../../support/superset-admin.ts';
import { rawRequest } from '../../support/api.ts';
import {
  addEnvironment,
  addGitServer,
  login,
  startTestServer,
  type Caller,
  type TestServer,
} from '../../support/test-server.ts';

let server: TestServer;
let remote: GitRemote;
let caller: Caller;
let environment: Environment;
let gitServer: GitServer;
let uuid: string;
const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-hostile-')), 'pwned');

const send = <T = ApiError>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  rawRequest<T>(server, method, url, { ...caller, ...(body === undefined ? {} : { body }) });

beforeAll(async () => {
  const dev = supersetDev();
  remote = await startGitRemote();
  server = await startTestServer();
  caller = await login(server);
  environment = await addEnvironment(server, caller, 'dev', dev);
  gitServer = await addGitServer(server, caller, remote);
  const client = clientFor(dev);
  uuid = await dashboardUuid(client, 'web-traffic');
  await client.close();
}, 120_000);
afterAll(async () => {
  await server?.close();
  await remote?.stop();
});

describe('hostile git input (real git, real Superset to connect to)', () => {
  it('refuses remote URLs with any transport but http(s), and leaves no repository folder behind', async () => {
    for (const remoteUrl of [
      `ext::sh -c touch% ${marker}`,
      'file:///etc',
      `/${path.relative('/', remote.root)}/x.git`,
      'ssh://git@127.0.0.1/x.git',
      '--upload-pack=touch /tmp/x',
    ]) {
      const answer = await send('POST', `/api/dashboards/${uuid}/repository`, {
        environmentId: environment.id,
        mode: 'attach',
        gitServerId: gitServer.id,
        remoteUrl,
      });
      expect(answer.status, remoteUrl).toBeGreaterThanOrEqual(400);
      expect(answer.status, remoteUrl).toBeLessThan(500);
      expect(answer.body.error.message, remoteUrl).toMatch(/http:\/\/ and https:\/\/|full http/);
    }
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.existsSync(path.join(server.dataDir, 'repos', uuid))).toBe(false);
  });

  it('treats refs and paths that look like git options as names, and refuses them', async () => {
    expect(
      (
        await send('POST', `/api/dashboards/${uuid}/repository`, {
          environmentId: environment.id,
          mode: 'init',
        })
      ).status,
    ).toBe(201);
    const option = `--output=${marker}`;
    const attempts: Array<[string, 'GET' | 'POST' | 'DELETE', string, unknown?]> = [
      [
        'create a branch',
        'POST',
        `/api/dashboards/${uuid}/branches`,
        { name: `--upload-pack=touch ${marker}` },
      ],
      ['branch from an option', 'POST', `/api/dashboards/${uuid}/branches`, { name: 'ok', from: option }],
      ['switch', 'POST', `/api/dashboards/${uuid}/switch`, { branch: '-f', importIntoSuperset: false }],
      ['delete a branch', 'DELETE', `/api/dashboards/${uuid}/branches?name=${encodeURIComponent('-D')}`],
      ['history from', 'GET', `/api/dashboards/${uuid}/history?ref=${encodeURIComponent(option)}`],
      ['history of a path', 'GET', `/api/dashboards/${uuid}/history?path=${encodeURIComponent(option)}`],
      ['diff', 'GET', `/api/dashboards/${uuid}/diff?path=dashboard.yaml&from=${encodeURIComponent(option)}`],
      ['diff of a path', 'GET', `/api/dashboards/${uuid}/diff?path=${encodeURIComponent(option)}`],
      ['restore', 'POST', `/api/dashboards/${uuid}/restore`, { ref: option }],
      [
        'deploy',
        'POST',
        `/api/dashboards/${uuid}/deploy`,
        { environmentId: environment.id, ref: option, dryRun: true },
      ],
      ['commit a path', 'POST', `/api/dashboards/${uuid}/commit`, { message: 'x', paths: [option] }],
    ];
    const answers: string[] = [];
    for (const [what, method, url, body] of attempts) {
      const answer = await send(method, url, body);
      answers.push(`${what}: ${answer.status}`);
      // A ref that reads as an option is refused before any work starts.
      if (what !== 'history of a path' && what !== 'diff of a path')
        expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`).toBeLessThan(
        500,
      );
    }
    await server.services.tasks.idle();
    expect(fs.existsSync(marker), answers.join(', ')).toBe(false);
    const branches = (await send<{ items: { name: string }[] }>('GET', `/api/dashboards/${uuid}/branches`))
      .body;
    expect(branches.items.map((branch) => branch.name)).toEqual(['main']);
  });

  it('never runs a hook planted in a repository', async () => {
    const hooks = path.join(server.dataDir, 'repos', uuid, '.git', 'hooks');
    fs.mkdirSync(hooks, { recursive: true });
    for (const hook of ['pre-commit', 'post-commit', 'commit-msg', 'post-checkout', 'pre-push', 'post-merge'])
      fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\necho ${hook} >> ${marker}\n`, { mode: 0o755 });
    expect((await send('POST', `/api/dashboards/${uuid}/sync`)).status).toBe(202);
    await server.services.tasks.idle();
    const committed = await send<{ oid: string }>('POST', `/api/dashboards/${uuid}/commit`, {
      message: 'With hooks around',
    });
    expect(committed.status).toBe(201);
    expect((await send('POST', `/api/dashboards/${uuid}/branches`, { name: 'feature' })).status).toBe(201);
    expect(
      (
        await send('POST', `/api/dashboards/${uuid}/switch`, {
          branch: 'feature',
          importIntoSuperset: false,
        })
      ).status,
    ).toBe(200);
    expect(fs.existsSync(marker)).toBe(false);
  });
});
