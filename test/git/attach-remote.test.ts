// Attaching, changing and removing a repository's remote against a real git server: an empty remote leaves the
// branch "not published", a remote with our history is tracked, one with unrelated history is refused untouched.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachRemote,
  cloneRepository,
  initRepository,
  push,
  removeRemote,
  runGit,
  setRemote,
  status,
  type GitCredentials,
} from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { ALICE, BOB, commitFiles, newRepo, tempDir } from './git-fixtures.ts';

let remote: GitRemote;
let credentials: GitCredentials;

beforeAll(async () => {
  remote = await startGitRemote();
  credentials = { username: 'tester', token: remote.token };
});
afterAll(async () => {
  await remote?.stop();
});

const originOf = async (dir: string) =>
  (await runGit(['remote', 'get-url', 'origin'], { cwd: dir, okExitCodes: [0, 2] })).stdout.trim();

describe('attaching a remote to a local repository', () => {
  it('attaches an empty remote: no upstream until the first push, then ahead/behind', async () => {
    const url = remote.createRepository('empty-one');
    const repo = await newRepo();
    const attached = await attachRemote(repo, { url, credentials });
    expect(attached).toMatchObject({ url, upstream: null, remoteBranches: [] });
    expect((await status(repo)).upstream).toBeNull();
    await push(repo, { credentials });
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'One more');
    expect(await status(repo)).toMatchObject({ upstream: 'origin/main', ahead: 1, behind: 0 });
  });

  it('changes to a remote that holds the same history and tracks its branch', async () => {
    const first = remote.createRepository('first-home');
    const second = remote.createRepository('second-home');
    const repo = await newRepo();
    await setRemote(repo, { url: first });
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'Dashboard');
    await push(repo, { credentials });
    // Someone pushed our main with one more commit to the second home.
    const { repo: other } = await cloneRepository({
      url: first,
      dir: path.join(tempDir(), 'o'),
      credentials,
    });
    await commitFiles(other, { 'b.yaml': 'b: 1\n' }, 'Theirs', ALICE);
    await setRemote(other, { url: second });
    await push(other, { credentials });

    const attached = await attachRemote(repo, { url: second, credentials });
    expect(attached.upstream).toBe('origin/main');
    expect(await originOf(repo.path)).toBe(second);
    expect(await status(repo)).toMatchObject({ upstream: 'origin/main', ahead: 0, behind: 1 });
  });

  it('refuses a remote with unrelated history and leaves the remote as it was', async () => {
    const mine = remote.createRepository('mine');
    const foreign = remote.createRepository('foreign');
    // Another author, so its first commit can never be ours even when both are made in the same second.
    const stranger = await initRepository(path.join(tempDir(), 'stranger'), { author: BOB });
    await setRemote(stranger, { url: foreign });
    await push(stranger, { credentials });
    const repo = await newRepo();
    await attachRemote(repo, { url: mine, credentials });

    await expect(attachRemote(repo, { url: foreign, credentials })).rejects.toMatchObject({
      code: 'GIT_UNRELATED_HISTORY',
    });
    expect(await originOf(repo.path)).toBe(mine);
    const refs = await runGit(['for-each-ref', '--format=%(refname)'], { cwd: repo.path });
    expect(refs.stdout).not.toMatch(/probe|origin\/main/);
  });

  it('names bad tokens and unknown repositories, and changes nothing', async () => {
    const url = remote.createRepository('guarded');
    const repo = await newRepo();
    await expect(
      attachRemote(repo, { url, credentials: { username: 'x', token: 'wrong-token' } }),
    ).rejects.toMatchObject({ code: 'GIT_AUTH_FAILED' });
    await expect(attachRemote(repo, { url: `${remote.url}/nope.git`, credentials })).rejects.toMatchObject({
      code: 'GIT_NOT_FOUND',
    });
    expect(await originOf(repo.path)).toBe('');
  });

  it('removes the remote and keeps the local history', async () => {
    const url = remote.createRepository('to-leave');
    const repo = await newRepo();
    await attachRemote(repo, { url, credentials });
    await push(repo, { credentials });
    expect(await removeRemote(repo)).toBe(true);
    expect(await originOf(repo.path)).toBe('');
    expect(await status(repo)).toMatchObject({ upstream: null, branch: 'main' });
    expect((await runGit(['rev-list', '--count', 'HEAD'], { cwd: repo.path })).stdout.trim()).toBe('1');
  });
});
