// The background fetch against a real git server (git http-backend behind basic auth): behind counts become true
// without a pull, the work tree and branch stay as they were, a commit never waits for the network, and an
// unreachable server fails with its host named and nothing changed.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cloneRepository,
  commit,
  fetchInBackground,
  push,
  setRemote,
  stage,
  status,
  type GitCredentials,
} from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { ALICE, BOB, commitFiles, newRepo, read, tempDir, write } from './git-fixtures.ts';

let remote: GitRemote;
let credentials: GitCredentials;

beforeAll(async () => {
  remote = await startGitRemote();
  credentials = { username: 'tester', token: remote.token };
});
afterAll(async () => {
  await remote?.stop();
});

describe('background fetch (real git server)', () => {
  it('shows behind 1 after another clone pushes, without a pull and without touching the work tree', async () => {
    const url = remote.createRepository('behind');
    const alice = await newRepo();
    await setRemote(alice, { url });
    await commitFiles(alice, { 'dashboard.yaml': 'title: One\n' }, 'first', ALICE);
    await push(alice, { credentials });
    const { repo: bob } = await cloneRepository({ url, dir: path.join(tempDir(), 'bob'), credentials });
    await commitFiles(alice, { 'dashboard.yaml': 'title: Two\n' }, 'second', ALICE);
    await push(alice, { credentials });

    const before = await status(bob);
    expect(before.behind).toBe(0);
    expect(await fetchInBackground(bob, { credentials })).toMatchObject({ moved: true });
    const after = await status(bob);
    expect(after).toMatchObject({ behind: 1, ahead: 0, head: before.head, clean: true });
    expect(read(bob, 'dashboard.yaml')).toBe('title: One\n');
    // Nothing new: a second fetch moves nothing.
    expect(await fetchInBackground(bob, { credentials })).toMatchObject({ moved: false });
    expect((await status(bob)).behind).toBe(1);
  });

  it('lets a commit finish while the git server has not answered yet', async () => {
    // A git server that takes two seconds to answer, and then fails.
    const silent = http.createServer((_request, response) => {
      setTimeout(() => response.writeHead(503).end(), 2000);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const repo = await newRepo();
      await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'first', BOB);
      await setRemote(repo, { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/x.git` });
      const fetching = fetchInBackground(repo, { credentials }).then(
        () => 'fetched',
        () => 'failed',
      );
      write(repo, 'a.yaml', 'a: 2\n');
      await stage(repo);
      const committed = await Promise.race([
        commit(repo, { message: 'while fetching', author: BOB }).then(() => 'committed'),
        fetching,
      ]);
      expect(committed).toBe('committed');
      expect(await fetching).toBe('failed');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('fails naming the unreachable server, and leaves the repository as it was', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'first', BOB);
    await setRemote(repo, { url: 'http://127.0.0.1:9/offline.git' });
    const before = await status(repo);
    await expect(fetchInBackground(repo, { credentials })).rejects.toMatchObject({
      code: 'GIT_REMOTE_UNREACHABLE',
      message: expect.stringContaining('127.0.0.1:9'),
    });
    expect(await status(repo)).toEqual(before);
  });
});
