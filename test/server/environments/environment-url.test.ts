// An environment's URL that answers, but not as Superset: the connection test says what is wrong with the URL,
// never that the password is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf } from '../../support/api.ts';
import { listenTestServer, login, startTestServer, type TestServer } from '../../support/test-server.ts';

describe('an environment URL that is not a Superset', () => {
  let server: TestServer;
  let other: TestServer;
  let otherUrl = '';

  beforeAll(async () => {
    server = await startTestServer();
    other = await startTestServer();
    otherUrl = await listenTestServer(other);
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it('pointing at superset-git itself is called not a Superset, not a wrong password', async () => {
    const api = apiOf(server, await login(server));
    const result = await api.POST('/api/environments/test', {
      body: { name: 'loop', url: otherUrl, username: 'admin', password: 'whatever-it-is' },
    });
    expect(result).toMatchObject({ ok: false, errorCode: 'SUPERSET_NOT_SUPERSET' });
    expect(result.message).toMatch(/is not a Superset API/);
    expect(result.message).not.toMatch(/password/i);
  });
});
