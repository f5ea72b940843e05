// Several servers on one database read each other's secrets only with one key; a server without it will not start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiOf } from '../../support/api.ts';
import { login, startTestServer, type TestServer } from '../../support/test-server.ts';

async function storeSecrets(server: TestServer): Promise<void> {
  const api = apiOf(server, await login(server)).raw;
  const environment = await api.POST('/api/environments', {
    body: {
      name: 'Prod',
      url: 'http://127.0.0.1:9',
      username: 'admin',
      password: 'prod-password-1234',
      skipConnectionTest: true,
    },
  });
  expect(environment.response.status).toBe(201);
  const gitServer = await api.POST('/api/git/servers', {
    body: {
      name: 'Company Git',
      provider: 'generic',
      url: 'http://127.0.0.1:9/git',
      token: 'git-token-5678',
      skipConnectionTest: true,
    },
  });
  expect(gitServer.response.status).toBe(201);
}

describe('the secret key of servers sharing a database', () => {
  it('lets a second server with the same SUPERSET_GIT_SECRET_KEY use the secrets the first one stored', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-keys-'));
    const key = 'one-key-for-every-server';
    const first = await startTestServer({ dataDir, config: { secretKey: key } });
    try {
      await storeSecrets(first);
      const second = await startTestServer({ dataDir, config: { secretKey: key } });
      try {
        const listed = await apiOf(second, await login(second)).raw.GET('/api/environments');
        expect(listed.data?.items.map((item) => [item.name, item.passwordHint])).toEqual([
          ['Prod', '••••1234'],
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it('refuses to start a server whose key cannot open them, naming what it cannot open and what to set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-keys-'));
    const first = await startTestServer({ dataDir });
    await storeSecrets(first);
    await first.close();

    const refusal = startTestServer({ dataDir, config: { secretKey: 'a-different-key' } });
    await expect(refusal).rejects.toThrow(
      /key \(SUPERSET_GIT_SECRET_KEY\) cannot open secrets stored in its database: the password of environment "Prod", the token of git server "Company Git"\..*set the same SUPERSET_GIT_SECRET_KEY on all of them/,
    );

    // A server with its own key file (another data dir, as a second machine would have) is refused the same way.
    fs.rmSync(path.join(dataDir, 'secret.key'));
    await expect(startTestServer({ dataDir })).rejects.toThrow(
      new RegExp(`key \\(${path.join(dataDir, 'secret.key').replace(/[.]/g, '\\.')}\\) cannot open secrets`),
    );
  });
});
