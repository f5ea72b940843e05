// The git engine on local repositories: everything a user does without a remote works offline.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commit,
  commitDetail,
  createBranch,
  createTag,
  deleteBranch,
  discardChanges,
  fileAtRef,
  fileDiff,
  initRepository,
  lastChanges,
  listBranches,
  listTags,
  log,
  renameBranch,
  resetTo,
  stage,
  status,
  switchBranch,
  unstage,
} from '@superset-git/git';
import { ALICE, BOB, commitFiles, newRepo, read, tempDir, write } from './git-fixtures.ts';

describe('a new repository', () => {
  it('starts on main with a first commit and a clean status', async () => {
    const repo = await newRepo();
    const state = await status(repo);
    expect(state).toMatchObject({ branch: 'main', detached: false, clean: true, files: [], upstream: null });
    expect(state.head).toMatch(/^[0-9a-f]{40}$/);
    const history = await log(repo);
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ subject: 'Initialize repository', author: ALICE });
  });

  it('refuses to initialize over an existing repository', async () => {
    const repo = await newRepo();
    await expect(initRepository(repo.path, { author: ALICE })).rejects.toMatchObject({
      code: 'GIT_REPO_EXISTS',
      message: expect.stringMatching(/already a git repository/),
    });
  });
});

describe('status, stage and commit', () => {
  it('reports added, modified, deleted, renamed and untracked files, then commits as the given author', async () => {
    const repo = await newRepo();
    await commitFiles(
      repo,
      { 'charts/a.yaml': 'a: 1\n', 'charts/b.yaml': 'b: 1\n', 'old name.yaml': 'x: 1\n' },
      'add',
    );
    write(repo, 'charts/a.yaml', 'a: 2\n');
    fs.rmSync(path.join(repo.path, 'charts/b.yaml'));
    fs.renameSync(path.join(repo.path, 'old name.yaml'), path.join(repo.path, 'new name.yaml'));
    write(repo, 'datasets/new.yaml', 'n: 1\n');
    let state = await status(repo);
    const byPath = Object.fromEntries(state.files.map((file) => [file.path, file]));
    expect(byPath['charts/a.yaml']).toMatchObject({ unstaged: 'modified', staged: null });
    expect(byPath['charts/b.yaml']).toMatchObject({ unstaged: 'deleted' });
    expect(byPath['datasets/new.yaml']).toMatchObject({ untracked: true });
    expect(state.clean).toBe(false);

    await stage(repo, ['charts/a.yaml']);
    state = await status(repo);
    expect(state.files.find((file) => file.path === 'charts/a.yaml')).toMatchObject({
      staged: 'modified',
      unstaged: null,
    });
    await unstage(repo, ['charts/a.yaml']);
    expect((await status(repo)).files.find((file) => file.path === 'charts/a.yaml')?.staged).toBeNull();

    await stage(repo);
    state = await status(repo);
    const renamed = state.files.find((file) => file.path === 'new name.yaml');
    expect(renamed).toMatchObject({ staged: 'renamed', originalPath: 'old name.yaml' });
    const oid = await commit(repo, { message: 'Edit charts', author: BOB });
    expect((await status(repo)).clean).toBe(true);
    const detail = await commitDetail(repo, oid);
    expect(detail.commit).toMatchObject({ subject: 'Edit charts', author: BOB, committer: BOB });
    const files = Object.fromEntries(detail.files.map((file) => [file.path, file]));
    expect(files['charts/a.yaml']).toMatchObject({ change: 'modified', additions: 1, deletions: 1 });
    expect(files['charts/b.yaml']).toMatchObject({ change: 'deleted', deletions: 1 });
    expect(files['new name.yaml']).toMatchObject({ change: 'renamed', originalPath: 'old name.yaml' });
    expect(files['datasets/new.yaml']).toMatchObject({ change: 'added', additions: 1 });
  });

  it('says there is nothing to commit, and wants a message', async () => {
    const repo = await newRepo();
    await expect(commit(repo, { message: 'nothing', author: ALICE })).rejects.toMatchObject({
      code: 'GIT_NOTHING_TO_COMMIT',
    });
    write(repo, 'a.yaml', 'a: 1\n');
    await stage(repo);
    await expect(commit(repo, { message: '   ', author: ALICE })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/commit message/),
    });
  });
});

describe('branches', () => {
  it('lists, creates from any ref, switches, renames and deletes branches', async () => {
    const repo = await newRepo();
    const first = await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'one');
    await commitFiles(repo, { 'a.yaml': 'a: 2\n' }, 'two');
    await createBranch(repo, { name: 'feature/old', from: first });
    await createTag(repo, { name: 'v1', ref: first, message: 'first release' });
    await createBranch(repo, { name: 'from-tag', from: 'v1' });
    const branches = await listBranches(repo);
    expect(branches.map((branch) => branch.name).sort()).toEqual(['feature/old', 'from-tag', 'main']);
    expect(branches.find((branch) => branch.name === 'main')).toMatchObject({ current: true, kind: 'local' });
    expect(branches.find((branch) => branch.name === 'feature/old')?.lastCommit).toMatchObject({
      oid: first,
      subject: 'one',
    });

    const switched = await switchBranch(repo, { name: 'feature/old' });
    expect(switched).toMatchObject({ branch: 'feature/old', head: first, discardedTo: null });
    expect(read(repo, 'a.yaml')).toBe('a: 1\n');

    await renameBranch(repo, { from: 'from-tag', to: 'release' });
    await expect(renameBranch(repo, { from: 'release', to: 'main' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_EXISTS',
    });
    await expect(createBranch(repo, { name: 'main' })).rejects.toMatchObject({ code: 'GIT_BRANCH_EXISTS' });
    await expect(deleteBranch(repo, { name: 'feature/old' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_IS_CURRENT',
      message: expect.stringMatching(/current branch/),
    });
    await switchBranch(repo, { name: 'main' });
    const deleted = await deleteBranch(repo, { name: 'feature/old' });
    expect(deleted.backupRef).toBe('refs/superset-git/deleted-branches/feature/old');
    expect((await listBranches(repo)).map((branch) => branch.name).sort()).toEqual(['main', 'release']);
    expect((await listTags(repo))[0]).toMatchObject({ name: 'v1', oid: first, message: 'first release' });
  });

  it('refuses to switch with uncommitted changes unless told to carry or discard them, and discarding keeps them in a stash', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' }, 'one');
    await createBranch(repo, { name: 'other' });
    write(repo, 'b.yaml', 'b: mine\n');
    write(repo, 'new.yaml', 'new: 1\n');
    const refused = await switchBranch(repo, { name: 'other' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });
    expect(Object.keys((refused as { details: Record<string, string> }).details).sort()).toEqual([
      'b.yaml',
      'new.yaml',
    ]);
    expect((await status(repo)).branch).toBe('main');

    await switchBranch(repo, { name: 'other', changes: 'carry' });
    expect((await status(repo)).branch).toBe('other');
    expect(read(repo, 'b.yaml')).toBe('b: mine\n');

    const discarded = await switchBranch(repo, { name: 'main', changes: 'discard' });
    expect(discarded.discardedTo).toMatch(/^[0-9a-f]{40}$/);
    expect(read(repo, 'b.yaml')).toBe('b: 1\n');
    expect(fs.existsSync(path.join(repo.path, 'new.yaml'))).toBe(false);
    expect((await status(repo)).clean).toBe(true);
    const kept = await fileAtRef(repo, { path: 'b.yaml', ref: discarded.discardedTo! });
    expect(kept?.content.toString()).toBe('b: mine\n');
  });

  it('refuses bad branch names with a clear message and changes nothing', async () => {
    const repo = await newRepo();
    const before = await listBranches(repo);
    for (const name of [
      'a..b',
      '-rf',
      'has space',
      'x@{1}',
      '/lead',
      'trail/',
      'x.lock',
      '.hidden',
      'a:b',
      'a~1',
      '',
    ]) {
      await expect(createBranch(repo, { name }), name).rejects.toMatchObject({ code: 'GIT_INVALID_REF' });
    }
    await expect(switchBranch(repo, { name: '--orphan' })).rejects.toMatchObject({ code: 'GIT_INVALID_REF' });
    await expect(switchBranch(repo, { name: 'nope' })).rejects.toThrow(/no branch named 'nope'/);
    await expect(createBranch(repo, { name: 'ok', from: 'does-not-exist' })).rejects.toMatchObject({
      code: 'GIT_INVALID_REF',
    });
    expect(await listBranches(repo)).toEqual(before);
  });
});

describe('history', () => {
  it('searches by message, author, date range and path, and pages with a cursor', async () => {
    const repo = await newRepo();
    for (let index = 1; index <= 12; index += 1) {
      await commitFiles(
        repo,
        { [`charts/c${index % 3}.yaml`]: `value: ${index}\n` },
        index % 4 === 0 ? `Fix revenue chart ${index}` : `Tweak ${index}`,
        index % 2 === 0 ? BOB : ALICE,
      );
    }
    const byText = await log(repo, { text: 'REVENUE' });
    expect(byText.items.map((item) => item.subject)).toEqual([
      'Fix revenue chart 12',
      'Fix revenue chart 8',
      'Fix revenue chart 4',
    ]);
    const byAuthor = await log(repo, { author: 'bob@' });
    expect(byAuthor.items).toHaveLength(6);
    expect(byAuthor.items.every((item) => item.author.name === 'Bob Builder')).toBe(true);
    const byPath = await log(repo, { path: 'charts/c0.yaml' });
    expect(byPath.items.map((item) => item.subject)).toEqual([
      'Fix revenue chart 12',
      'Tweak 9',
      'Tweak 6',
      'Tweak 3',
    ]);
    expect((await log(repo, { until: '2000-01-01T00:00:00Z' })).items).toEqual([]);
    expect((await log(repo, { since: '2000-01-01T00:00:00Z' })).items).toHaveLength(13);

    const first = await log(repo, { limit: 5 });
    expect(first.items).toHaveLength(5);
    // A commit made between pages does not shift the next page.
    await commitFiles(repo, { 'late.yaml': 'x: 1\n' }, 'Late commit');
    const second = await log(repo, { limit: 5, cursor: first.nextCursor! });
    const third = await log(repo, { limit: 5, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const subjects = [...first.items, ...second.items, ...third.items].map((item) => item.subject);
    expect(subjects).toHaveLength(13);
    expect(new Set(subjects).size).toBe(13);
    expect(subjects).not.toContain('Late commit');
    await expect(log(repo, { cursor: 'garbage' })).rejects.toThrow(/cursor is not valid/);
  });

  it('shows a file diff between refs and against the work tree, a file at a ref, and the last change per file', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'title: Sales\n', 'b.yaml': 'b: 1\n' }, 'one');
    const two = await commitFiles(repo, { 'a.yaml': 'title: Revenue\n' }, 'two', BOB);
    const diff = await fileDiff(repo, { path: 'a.yaml', from: one, to: two });
    expect(diff.patch).toContain('-title: Sales');
    expect(diff.patch).toContain('+title: Revenue');
    write(repo, 'a.yaml', 'title: Margin\n');
    expect((await fileDiff(repo, { path: 'a.yaml', from: 'HEAD' })).patch).toContain('+title: Margin');
    expect((await fileAtRef(repo, { path: 'a.yaml', ref: one }))?.content.toString()).toBe('title: Sales\n');
    expect(await fileAtRef(repo, { path: 'missing.yaml', ref: one })).toBeNull();
    const last = await lastChanges(repo);
    expect(last.map((entry) => [entry.path, entry.commit.subject])).toEqual([
      ['a.yaml', 'two'],
      ['b.yaml', 'one'],
    ]);
  });

  it('refuses paths outside the repository', async () => {
    const repo = await newRepo();
    for (const file of [
      '../etc/passwd',
      '/etc/passwd',
      'a/../../x',
      '.git/config',
      'x/.git/hooks/pre-commit',
    ]) {
      await expect(fileAtRef(repo, { path: file, ref: 'HEAD' }), file).rejects.toMatchObject({
        code: 'GIT_INVALID_PATH',
      });
      await expect(stage(repo, [file]), file).rejects.toMatchObject({ code: 'GIT_INVALID_PATH' });
    }
  });
});

describe('restore', () => {
  it('resets the branch to an earlier commit and keeps the replaced commit and uncommitted work reachable', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'one');
    const two = await commitFiles(repo, { 'a.yaml': 'a: 2\n' }, 'two');
    write(repo, 'a.yaml', 'a: unsaved\n');
    const result = await resetTo(repo, { to: one });
    expect(result).toMatchObject({ previousHead: two, head: one });
    expect(read(repo, 'a.yaml')).toBe('a: 1\n');
    expect((await log(repo, { ref: result.backupRef! })).items[0]?.oid).toBe(two);
    expect((await fileAtRef(repo, { path: 'a.yaml', ref: result.stash! }))?.content.toString()).toBe(
      'a: unsaved\n',
    );
  });

  it('resets another branch without touching the work tree, and discards chosen changes into a stash', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' }, 'one');
    await createBranch(repo, { name: 'other' });
    await switchBranch(repo, { name: 'other' });
    const otherTip = await commitFiles(repo, { 'a.yaml': 'a: other\n' }, 'other work');
    await switchBranch(repo, { name: 'main' });
    const result = await resetTo(repo, { to: one, branch: 'other' });
    expect(result.previousHead).toBe(otherTip);
    expect((await listBranches(repo)).find((branch) => branch.name === 'other')?.lastCommit.oid).toBe(one);
    write(repo, 'a.yaml', 'a: x\n');
    write(repo, 'b.yaml', 'b: x\n');
    const discarded = await discardChanges(repo, { paths: ['a.yaml'] });
    expect(read(repo, 'a.yaml')).toBe('a: 1\n');
    expect(read(repo, 'b.yaml')).toBe('b: x\n');
    expect(discarded.stash).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('odd states', () => {
  it('works in a detached HEAD and says so', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'one');
    await commitFiles(repo, { 'a.yaml': 'a: 2\n' }, 'two');
    const { runGit } = await import('@superset-git/git');
    await runGit(['checkout', '--quiet', '--detach', one], { cwd: repo.path });
    const state = await status(repo);
    expect(state).toMatchObject({ detached: true, branch: null, head: one });
    expect((await log(repo)).items[0]?.oid).toBe(one);
    const { push, pull, merge } = await import('@superset-git/git');
    await expect(push(repo)).rejects.toMatchObject({ code: 'GIT_DETACHED_HEAD' });
    await expect(pull(repo, { author: ALICE })).rejects.toMatchObject({ code: 'GIT_DETACHED_HEAD' });
    await expect(merge(repo, { from: 'main', author: ALICE })).rejects.toMatchObject({
      code: 'GIT_DETACHED_HEAD',
    });
  });

  it('says a repository folder that is gone is missing, not something else', async () => {
    const repo = await newRepo();
    fs.rmSync(path.join(repo.path, '.git'), { recursive: true });
    const error = await status(repo).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'GIT_NOT_FOUND' });
    expect((error as Error).message).toMatch(/missing or damaged/);
  });

  it('answers on a repository without commits', async () => {
    const dir = tempDir();
    const { runGit, openRepo } = await import('@superset-git/git');
    await runGit(['init', '--quiet', '-b', 'main', dir], { cwd: dir });
    const repo = openRepo(dir);
    expect(await status(repo)).toMatchObject({ head: null, branch: 'main', clean: true });
    expect(await log(repo)).toEqual({ items: [], nextCursor: null });
    expect(await lastChanges(repo)).toEqual([]);
    await expect(createBranch(repo, { name: 'x' })).rejects.toMatchObject({ code: 'GIT_EMPTY_REPOSITORY' });
    write(repo, 'a.yaml', 'a: 1\n');
    await stage(repo);
    await unstage(repo);
    await stage(repo);
    await commit(repo, { message: 'first', author: ALICE });
    expect((await log(repo)).items).toHaveLength(1);
  });
});
