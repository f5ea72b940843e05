// The demo's git server creates repositories through its small API, only for callers with its token, and the
// app's plain-server client finds and uses that API.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneRepository, createOnPlainServer, plainServerCreates } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { tempDir } from '../git/git-fixtures.ts';

let remote: GitRemote;
const basic = (token: string) => `Basic ${Buffer.from(`me:${token}`).toString('base64')}`;

beforeAll(async () => {
  remote = await startGitRemote();
});
afterAll(async () => {
  await remote?.stop();
});

const create = (name: unknown, token: string) =>
  fetch(`${remote.url}/api/repos`, {
    method: 'POST',
    headers: { Authorization: basic(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });

describe("the demo git server's create route", () => {
  it('refuses to create without the token, and creates nothing', async () => {
    const answer = await create('sneaky', 'not-the-token');
    expect(answer.status).toBe(401);
    const list = await fetch(`${remote.url}/api/repos`, { headers: { Authorization: basic(remote.token) } });
    expect(((await list.json()) as { repositories: string[] }).repositories).not.toContain('sneaky.git');
  });

  it('creates an empty repository that can be cloned, once', async () => {
    const answer = await create('sales', remote.token);
    expect(answer.status).toBe(201);
    const { cloneUrl } = (await answer.json()) as { cloneUrl: string };
    expect(cloneUrl).toBe(`${remote.url}/sales.git`);
    const cloned = await cloneRepository({
      url: cloneUrl,
      dir: path.join(tempDir(), 'sales'),
      credentials: { username: 'me', token: remote.token },
    });
    expect(cloned.empty).toBe(true);
    expect((await create('sales', remote.token)).status).toBe(409);
    expect((await create('../escape', remote.token)).status).toBe(400);
  });

  it("is found and used by the app's plain-server client; a server without it is told apart", async () => {
    const server = { url: remote.url, credentials: { username: 'me', token: remote.token } };
    expect(await plainServerCreates(server)).toBe(true);
    expect(await createOnPlainServer(server, 'marketing')).toBe(`${remote.url}/marketing.git`);
    await expect(createOnPlainServer(server, 'marketing')).rejects.toMatchObject({ code: 'GIT_REPO_EXISTS' });
    await expect(
      createOnPlainServer({ ...server, credentials: { username: 'me', token: 'bad' } }, 'x'),
    ).rejects.toMatchObject({ code: 'GIT_AUTH_FAILED' });
    const plainOnly = { url: `${remote.url}/sales.git`, credentials: server.credentials };
    expect(await plainServerCreates(plainOnly)).toBe(false);
  });
});
