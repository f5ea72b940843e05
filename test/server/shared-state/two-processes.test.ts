// Two server processes on one SQLite file, as two servers behind a load balancer would run: one login limit
// between them, one session, and a third process with the wrong key refused at start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';

const KEY = 'the-key-every-server-gets';

describe('two server processes on one database', () => {
  let dataDir: string;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-two-'));
    // Each start logs the admin in once: two of the five attempts are used here.
    const env = { SUPERSET_GIT_SECRET_KEY: KEY, SUPERSET_GIT_LOGIN_RATE_LIMIT: '5' };
    a = await startServerProcess({
      dataDir,
      env,
      logFile: path.join(os.tmpdir(), `${path.basename(dataDir)}-a.log`),
    });
    b = await startServerProcess({
      dataDir,
      env,
      logFile: path.join(os.tmpdir(), `${path.basename(dataDir)}-b.log`),
    });
  }, 120_000);
  afterAll(async () => {
    await b?.stop({ keepData: true });
    if (b) fs.rmSync(b.logFile, { force: true });
    await a?.stop();
  });

  it('refuse the sixth login attempt of a minute whichever process it reaches', async () => {
    const guess = { username: 'admin', password: 'a guess' };
    const statuses: number[] = [];
    for (const server of [a, b, a, b])
      statuses.push((await server.request('POST', '/api/auth/login', guess)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const answer = await a.request<{ error: { code: string } }>('POST', '/api/auth/login', guess);
    expect(answer.status).toBe(429);
    expect(answer.body.error.code).toBe('RATE_LIMITED');
  });

  it('honour the session one process made on the other', async () => {
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie: a.caller.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('admin');
  });

  it('refuse to start a third process whose key cannot open the secrets the others stored', async () => {
    const saved = await a.request('POST', '/api/environments', {
      name: 'Prod',
      url: 'http://127.0.0.1:9',
      username: 'admin',
      password: 'prod-password-1234',
      skipConnectionTest: true,
    });
    expect(saved.status).toBe(201);
    const logFile = path.join(os.tmpdir(), `${path.basename(dataDir)}-c.log`);
    try {
      await expect(
        startServerProcess({ dataDir, env: { SUPERSET_GIT_SECRET_KEY: 'another-key' }, logFile }),
      ).rejects.toThrow(
        /superset-git could not start: this server's key \(SUPERSET_GIT_SECRET_KEY\) cannot open secrets stored in its database: the password of environment "Prod"/,
      );
    } finally {
      fs.rmSync(logFile, { force: true });
    }
  }, 60_000);
});
