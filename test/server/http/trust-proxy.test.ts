// SUPERSET_GIT_TRUST_PROXY: who the client is (rate limits, logs) and whether it came over https (Secure cookie).
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../support/test-server.ts';

interface Sent {
  peer: string;
  headers?: Record<string, string>;
  password?: string;
}

async function loginFrom(server: TestServer, sent: Sent) {
  return server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: sent.peer,
    headers: sent.headers ?? {},
    payload: { username: 'admin', password: sent.password ?? 'a guess' },
  });
}

async function statuses(server: TestServer, attempts: Sent[]): Promise<number[]> {
  const out: number[] = [];
  for (const attempt of attempts) out.push((await loginFrom(server, attempt)).statusCode);
  return out;
}

function sessionCookie(answer: Awaited<ReturnType<typeof loginFrom>>) {
  const cookie = answer.cookies.find((one) => one.name === 'sg_session');
  if (!cookie) throw new Error(`no session cookie: ${answer.statusCode} ${answer.body}`);
  return cookie;
}

describe('without SUPERSET_GIT_TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { loginRateLimit: 2 } });
  });
  afterAll(() => server.close());

  it('ignores a spoofed X-Forwarded-For: the peer is rate-limited whatever address it claims', async () => {
    const forged = (address: string): Sent => ({ peer: '10.1.0.1', headers: { 'x-forwarded-for': address } });
    expect(await statuses(server, [forged('1.1.1.1'), forged('2.2.2.2'), forged('3.3.3.3')])).toEqual([
      401, 401, 429,
    ]);
  });

  it('gives no Secure cookie for X-Forwarded-Proto: https over plain http', async () => {
    const answer = await loginFrom(server, {
      peer: '10.1.0.2',
      headers: { 'x-forwarded-proto': 'https' },
      password: ADMIN_PASSWORD,
    });
    expect(sessionCookie(answer).secure).toBeFalsy();
  });
});

describe('with SUPERSET_GIT_TRUST_PROXY naming the proxy', () => {
  let server: TestServer;
  const log = new PassThrough();
  let logged = '';
  log.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
  beforeAll(async () => {
    server = await startTestServer({
      config: { loginRateLimit: 2, trustProxy: '10.2.0.0/16', logLevel: 'info' },
      logStream: log,
    });
  });
  afterAll(() => server.close());

  const viaProxy = (client: string, extra: Record<string, string> = {}): Sent => ({
    peer: '10.2.0.1',
    headers: { 'x-forwarded-for': client, ...extra },
  });

  it('rate-limits each client the proxy forwards on its own, and logs its address', async () => {
    expect(await statuses(server, [viaProxy('198.51.100.7'), viaProxy('198.51.100.7')])).toEqual([401, 401]);
    expect(await statuses(server, [viaProxy('198.51.100.7'), viaProxy('198.51.100.8')])).toEqual([429, 401]);
    expect(logged).toContain('"remoteAddress":"198.51.100.8"');
  });

  it('still ignores X-Forwarded-For from a peer that is not the proxy', async () => {
    const forged = (address: string): Sent => ({ peer: '10.3.0.1', headers: { 'x-forwarded-for': address } });
    expect(await statuses(server, [forged('1.1.1.1'), forged('2.2.2.2'), forged('3.3.3.3')])).toEqual([
      401, 401, 429,
    ]);
  });

  it('makes the session cookie Secure when the proxy says the request came over https, and only then', async () => {
    const https = await loginFrom(server, {
      ...viaProxy('198.51.100.20', { 'x-forwarded-proto': 'https' }),
      password: ADMIN_PASSWORD,
    });
    expect(sessionCookie(https).secure).toBe(true);
    const http = await loginFrom(server, {
      ...viaProxy('198.51.100.21', { 'x-forwarded-proto': 'http' }),
      password: ADMIN_PASSWORD,
    });
    expect(sessionCookie(http).secure).toBeFalsy();
    const forged = await loginFrom(server, {
      peer: '10.3.0.2',
      headers: { 'x-forwarded-proto': 'https' },
      password: ADMIN_PASSWORD,
    });
    expect(sessionCookie(forged).secure).toBeFalsy();
  });
});

describe('with SUPERSET_GIT_TRUST_PROXY=true', () => {
  it('takes the client from X-Forwarded-For whoever the peer is', async () => {
    const server = await startTestServer({ config: { loginRateLimit: 1, trustProxy: 'true' } });
    try {
      const from = (client: string): Sent => ({ peer: '10.4.0.1', headers: { 'x-forwarded-for': client } });
      expect(await statuses(server, [from('203.0.113.1'), from('203.0.113.2'), from('203.0.113.1')])).toEqual(
        [401, 401, 429],
      );
    } finally {
      await server.close();
    }
  });
});
