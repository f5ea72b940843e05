// The git engine against a real git server (git http-backend behind basic auth): clone, push, pull, conflicts,
// auth failures and offline behaviour.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abortMerge,
  catchUp,
  cloneRepository,
  commit,
  continueMerge,
  createBranch,
  createTag,
  deleteRemoteTag,
  deleteTag,
  fetchRemote,
  listBranches,
  log,
  previewMerge,
  pull,
  push,
  pushTag,
  resolveConflict,
  setRemote,
  stage,
  status,
  switchBranch,
  type GitCredentials,
  type Repo,
} from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { htmlSite } from '../support/odd-servers.ts';
import { ALICE, BOB, commitFiles, newRepo, read, tempDir, write } from './git-fixtures.ts';

let remote: GitRemote;
let credentials: GitCredentials;
let counter = 0;

beforeAll(async () => {
  remote = await startGitRemote();
  credentials = { username: 'tester', token: remote.token };
});
afterAll(async () => {
  await remote?.stop();
});

/** A remote repository with a first commit pushed, and two clones of it (Alice's and Bob's). */
async function twoClones(files: Record<string, string>): Promise<{ url: string; alice: Repo; bob: Repo }> {
  counter += 1;
  const url = remote.createRepository(`shared-${counter}`);
  const alice = await newRepo();
  await setRemote(alice, { url });
  await commitFiles(alice, files, 'Dashboard as exported', ALICE);
  await push(alice, { credentials });
  const { repo: bob } = await cloneRepository({ url, dir: path.join(tempDir(), 'bob'), credentials });
  return { url, alice, bob };
}

const DASHBOARD = [
  'dashboard_title: Sales Overview',
  'description: Revenue by region',
  'css: ""',
  'slug: sales',
  'position:',
  '  CHART-1:',
  '    width: 4',
  '',
].join('\n');

describe('clone, push and pull', () => {
  it('pushes a branch with its upstream, clones it with progress, and pulls new commits fast-forward', async () => {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    expect(await status(alice)).toMatchObject({
      branch: 'main',
      upstream: 'origin/main',
      ahead: 0,
      behind: 0,
    });
    expect(read(bob, 'dashboard.yaml')).toBe(DASHBOARD);

    await commitFiles(alice, { 'charts/revenue.yaml': 'slice_name: Revenue\n' }, 'Add revenue chart');
    expect((await status(alice)).ahead).toBe(1);
    const progress: string[] = [];
    const pushed = await push(alice, { credentials, onProgress: (line) => progress.push(line) });
    expect(pushed).toMatchObject({ branch: 'main', upstream: 'origin/main' });
    expect(progress.length).toBeGreaterThan(0);

    await fetchRemote(bob, { credentials });
    expect(await status(bob)).toMatchObject({ behind: 1, ahead: 0 });
    const pulled = await pull(bob, { credentials, author: BOB });
    expect(pulled.outcome).toBe('fast-forward');
    expect(read(bob, 'charts/revenue.yaml')).toBe('slice_name: Revenue\n');

    // A new branch travels too, and shows up as a remote branch in the other clone.
    await commitFiles(bob, {}, 'noop').catch(() => undefined);
    const { createBranch } = await import('@superset-git/git');
    await createBranch(bob, { name: 'feature/colors' });
    await switchBranch(bob, { name: 'feature/colors' });
    await commitFiles(
      bob,
      { 'dashboard.yaml': DASHBOARD.replace('css: ""', 'css: "body{}"') },
      'Colors',
      BOB,
    );
    await push(bob, { credentials });
    await fetchRemote(alice, { credentials });
    const remoteBranch = (await listBranches(alice)).find(
      (branch) => branch.name === 'origin/feature/colors',
    );
    expect(remoteBranch).toMatchObject({ kind: 'remote', lastCommit: { subject: 'Colors' } });
    await switchBranch(alice, { name: 'feature/colors' });
    expect(await status(alice)).toMatchObject({
      branch: 'feature/colors',
      upstream: 'origin/feature/colors',
    });

    await createTag(alice, { name: 'release-1', message: 'first release' });
    await pushTag(alice, { name: 'release-1', credentials });
    await fetchRemote(bob, { credentials });
    const { listTags } = await import('@superset-git/git');
    expect((await listTags(bob)).map((tag) => tag.name)).toContain('release-1');
  });

  it('refuses to move a pushed tag, and deletes a tag on the remote so a fetch no longer brings it back', async () => {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    const { listTags } = await import('@superset-git/git');
    await createTag(alice, { name: 'v1' });
    await pushTag(alice, { name: 'v1', credentials });
    await commitFiles(bob, { 'b.yaml': 'b: 1\n' }, 'Bob', BOB);
    await createTag(bob, { name: 'v1' });
    const moved = await pushTag(bob, { name: 'v1', credentials }).catch((caught: unknown) => caught);
    expect(moved).toMatchObject({ code: 'GIT_TAG_EXISTS', message: /already has a tag named 'v1'/ });

    await deleteRemoteTag(alice, { name: 'v1', credentials });
    await deleteTag(alice, { name: 'v1' });
    await fetchRemote(alice, { credentials });
    expect((await listTags(alice)).map((tag) => tag.name)).not.toContain('v1');
    // Gone there already: deleting it again is no failure.
    await deleteRemoteTag(alice, { name: 'v1', credentials });
  });

  it('rejects a push the remote is ahead of, saying to pull first', async () => {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    await commitFiles(alice, { 'a.yaml': 'a: 1\n' }, 'Alice');
    await push(alice, { credentials });
    await commitFiles(bob, { 'b.yaml': 'b: 1\n' }, 'Bob', BOB);
    const error = await push(bob, { credentials }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'GIT_NON_FAST_FORWARD' });
    expect((error as Error).message).toMatch(/pull first/);
    // Different files: pull merges without conflicts, then the push goes through.
    const pulled = await pull(bob, { credentials, author: BOB });
    expect(pulled.outcome).toBe('merged');
    await push(bob, { credentials });
    expect((await log(bob, { limit: 1 })).items[0]?.parents).toHaveLength(2);
  });

  it('clones an empty repository, commits into it and pushes the first branch', async () => {
    const url = remote.createRepository(`empty-${Date.now()}`);
    const { repo, empty } = await cloneRepository({ url, dir: path.join(tempDir(), 'e'), credentials });
    expect(empty).toBe(true);
    expect(await status(repo)).toMatchObject({ head: null });
    await expect(push(repo, { credentials })).rejects.toMatchObject({ code: 'GIT_EMPTY_REPOSITORY' });
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'first');
    await push(repo, { credentials });
    expect(await status(repo)).toMatchObject({ upstream: 'origin/main', ahead: 0 });
  });
});

describe('catching up with the remote before work (a copy that follows its remote)', () => {
  it('fast-forwards a clean copy that is only behind, and says how far it moved', async () => {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    const before = (await log(bob, { limit: 1 })).items[0]!.oid;
    await commitFiles(alice, { 'charts/a.yaml': 'slice_name: A\n' }, 'Add A');
    await commitFiles(alice, { 'charts/b.yaml': 'slice_name: B\n' }, 'Add B');
    await push(alice, { credentials });
    const after = (await log(alice, { limit: 1 })).items[0]!.oid;
    expect(await catchUp(bob, { credentials })).toEqual({
      outcome: 'moved',
      branch: 'main',
      from: before,
      to: after,
      commits: 2,
    });
    expect(read(bob, 'charts/b.yaml')).toBe('slice_name: B\n');
    expect(await status(bob)).toMatchObject({ clean: true, ahead: 0, behind: 0 });
    expect(await catchUp(bob, { credentials })).toEqual({ outcome: 'up-to-date', branch: 'main' });
  });

  it('moves nothing when that would lose work: changes in the work tree, or commits the remote lacks', async () => {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    await commitFiles(alice, { 'charts/a.yaml': 'slice_name: A\n' }, 'Add A');
    await push(alice, { credentials });
    write(bob, 'dashboard.yaml', `${DASHBOARD}description: edited here\n`);
    expect(await catchUp(bob, { credentials })).toEqual({ outcome: 'dirty', branch: 'main', behind: 1 });
    expect(read(bob, 'dashboard.yaml')).toContain('edited here');
    await commitFiles(bob, { 'dashboard.yaml': `${DASHBOARD}description: edited here\n` }, 'Bob edits');
    const bobs = (await log(bob, { limit: 1 })).items[0]!.oid;
    expect(await catchUp(bob, { credentials })).toEqual({ outcome: 'diverged', branch: 'main', behind: 1 });
    expect((await log(bob, { limit: 1 })).items[0]!.oid).toBe(bobs);
    expect(await catchUp(alice, { credentials })).toEqual({ outcome: 'up-to-date', branch: 'main' });
    await commitFiles(alice, { 'charts/c.yaml': 'slice_name: C\n' }, 'Add C');
    expect(await catchUp(alice, { credentials })).toEqual({ outcome: 'ahead', branch: 'main' });
  });

  it('brings a branch that is not checked out to the remote, before a switch to it', async () => {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    await createBranch(alice, { name: 'release' });
    await push(alice, { credentials, branch: 'release' });
    await fetchRemote(bob, { credentials });
    await createBranch(bob, { name: 'release', from: 'origin/release' });
    await switchBranch(alice, { name: 'release' });
    await commitFiles(alice, { 'charts/r.yaml': 'slice_name: R\n' }, 'Release chart');
    await push(alice, { credentials });
    const released = (await log(alice, { limit: 1 })).items[0]!.oid;
    expect(await catchUp(bob, { credentials, branch: 'release' })).toMatchObject({
      outcome: 'moved',
      branch: 'release',
      to: released,
      commits: 1,
    });
    expect((await status(bob)).branch).toBe('main');
    await switchBranch(bob, { name: 'release' });
    expect(read(bob, 'charts/r.yaml')).toBe('slice_name: R\n');
    expect(await catchUp(bob, { credentials, branch: 'nowhere' })).toEqual({
      outcome: 'no-upstream',
      branch: 'nowhere',
    });
  });
});

describe('a real three-way conflict in a YAML file', () => {
  async function conflicted() {
    const { alice, bob } = await twoClones({ 'dashboard.yaml': DASHBOARD });
    await commitFiles(
      alice,
      { 'dashboard.yaml': DASHBOARD.replace('Revenue by region', 'Revenue by country') },
      'Alice edits',
      ALICE,
    );
    await push(alice, { credentials });
    await commitFiles(
      bob,
      { 'dashboard.yaml': DASHBOARD.replace('Revenue by region', 'Revenue per team') },
      'Bob edits',
      BOB,
    );
    await fetchRemote(bob, { credentials });
    const preview = await previewMerge(bob, { from: 'origin/main' });
    expect(preview).toEqual({
      clean: false,
      upToDate: false,
      fastForward: false,
      conflicts: ['dashboard.yaml'],
    });
    // The preview touched nothing.
    expect((await status(bob)).clean).toBe(true);
    const result = await pull(bob, { credentials, author: BOB });
    expect(result).toMatchObject({
      outcome: 'conflicts',
      conflicts: [{ path: 'dashboard.yaml', kind: 'both-modified' }],
    });
    expect(await status(bob)).toMatchObject({ merging: true, clean: false });
    expect(read(bob, 'dashboard.yaml')).toContain('<<<<<<<');
    return bob;
  }

  it('is resolved keeping mine, committed as a merge, and pushed', async () => {
    const bob = await conflicted();
    await expect(continueMerge(bob, { author: BOB })).rejects.toMatchObject({ code: 'GIT_MERGE_CONFLICT' });
    await resolveConflict(bob, { path: 'dashboard.yaml', resolution: 'mine' });
    expect(read(bob, 'dashboard.yaml')).toContain('Revenue per team');
    const merged = await continueMerge(bob, { author: BOB });
    expect((await log(bob, { limit: 1 })).items[0]).toMatchObject({ oid: merged, author: BOB });
    expect(await status(bob)).toMatchObject({ merging: false, clean: true, ahead: 2 });
    await push(bob, { credentials });
  });

  it('is resolved keeping theirs', async () => {
    const bob = await conflicted();
    await resolveConflict(bob, { path: 'dashboard.yaml', resolution: 'theirs' });
    expect(read(bob, 'dashboard.yaml')).toContain('Revenue by country');
    await continueMerge(bob, { author: BOB, message: 'Take Alice’s description' });
    expect((await log(bob, { limit: 1 })).items[0]?.subject).toBe('Take Alice’s description');
  });

  it('is resolved with hand-merged content, or aborted back to where it was', async () => {
    const bob = await conflicted();
    const merged = DASHBOARD.replace('Revenue by region', 'Revenue by country and team');
    await resolveConflict(bob, { path: 'dashboard.yaml', resolution: 'content', content: merged });
    await abortMerge(bob);
    expect(await status(bob)).toMatchObject({ merging: false, clean: true, behind: 1, ahead: 1 });
    expect(read(bob, 'dashboard.yaml')).toContain('Revenue per team');
    await expect(abortMerge(bob)).rejects.toMatchObject({ code: 'GIT_NOT_MERGING' });
  });
});

describe('failures a user meets', () => {
  it('names a refused token as an auth failure, and a failed clone leaves no folder', async () => {
    const url = remote.createRepository('private-one');
    const dir = path.join(tempDir(), 'clone');
    const error = await cloneRepository({
      url,
      dir,
      credentials: { username: 'x', token: 'wrong-token' },
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'GIT_AUTH_FAILED' });
    expect((error as Error).message).toContain(`127.0.0.1:${remote.port}`);
    expect(fs.existsSync(dir)).toBe(false);
    await expect(cloneRepository({ url, dir })).rejects.toMatchObject({ code: 'GIT_AUTH_FAILED' });
  });

  it('takes credentials pasted into a URL out of it, so .git/config never holds them', async () => {
    const url = remote.createRepository('pasted');
    const withToken = url.replace('http://', `http://someone:${remote.token}@`);
    const { repo } = await cloneRepository({ url: withToken, dir: path.join(tempDir(), 'p') });
    const config = fs.readFileSync(path.join(repo.path, '.git', 'config'), 'utf8');
    expect(config).toContain(url);
    expect(config).not.toContain(remote.token);
  });

  it('says when a URL is not a git server, or the repository does not exist', async () => {
    const site = await htmlSite();
    try {
      await expect(
        cloneRepository({ url: `${site.url}/team/repo.git`, dir: path.join(tempDir(), 'h') }),
      ).rejects.toMatchObject({
        code: 'GIT_NOT_A_GIT_SERVER',
      });
    } finally {
      await site.close();
    }
    await expect(
      cloneRepository({ url: `${remote.url}/missing.git`, dir: path.join(tempDir(), 'm'), credentials }),
    ).rejects.toMatchObject({ code: 'GIT_NOT_FOUND' });
    await expect(
      cloneRepository({ url: 'ssh://git@host/x.git', dir: path.join(tempDir(), 's') }),
    ).rejects.toThrow(/http/);
  });

  it('works offline: local work goes on, and fetch, pull and push fail naming the host and change nothing', async () => {
    const offline = await startGitRemote();
    const url = offline.createRepository('offline');
    const repo = await newRepo();
    await setRemote(repo, { url });
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'first');
    const auth = { username: 'x', token: offline.token };
    await push(repo, { credentials: auth });
    await offline.stop();

    await commitFiles(repo, { 'a.yaml': 'a: 2\n' }, 'made offline');
    write(repo, 'b.yaml', 'b: 1\n');
    await stage(repo);
    await commit(repo, { message: 'also offline', author: ALICE });
    const before = await status(repo);
    const host = `127.0.0.1:${offline.port}`;
    for (const attempt of [
      () => fetchRemote(repo, { credentials: auth }),
      () => pull(repo, { credentials: auth, author: ALICE }),
      () => push(repo, { credentials: auth }),
    ]) {
      const error = await attempt().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'GIT_REMOTE_UNREACHABLE' });
      expect((error as Error).message).toContain(host);
    }
    expect(await status(repo)).toEqual(before);
    expect(before.ahead).toBe(2);
  });

  it('names a git server gone in the middle of a push as a broken connection; the upstream stays as it was', async () => {
    const dying = await startGitRemote({ pushDelayMs: 1500 });
    const repo = await newRepo();
    await setRemote(repo, { url: dying.createRepository('dying') });
    const auth = { username: 'x', token: dying.token };
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'first');
    const pushing = push(repo, { credentials: auth }).catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await dying.stop();
    const error = (await pushing) as Error;
    // git's own words end with a misleading "Everything up-to-date"; the message says what happened instead.
    expect(error).toMatchObject({ code: 'GIT_REMOTE_UNREACHABLE' });
    expect(error.message).toMatch(/connection to the git server at 127\.0\.0\.1:\d+ broke during the push/);
    expect(await status(repo)).toMatchObject({ branch: 'main', upstream: null });
  });
});
