// Branches: list, create, rename and delete (branches.ts, create-branch.ts, rename-branch.ts, delete-branch.ts).
import { describe, expect, it } from 'vitest';
import {
  createBranch,
  createTag,
  deleteBranch,
  listBranches,
  log,
  renameBranch,
  switchBranch,
} from '@superset-git/git';
import { commitFiles, newRepo, twoCommits } from './git-fixtures.ts';

describe('branches', () => {
  it('creates branches from a commit or a tag, and lists each with its last commit and the current one marked', async () => {
    const { repo, one: first } = await twoCommits();
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
    expect(branches.find((branch) => branch.name === 'from-tag')?.lastCommit.oid).toBe(first);
  });

  it('refuses to create or rename a branch onto a name that is taken', async () => {
    const repo = await newRepo();
    await createBranch(repo, { name: 'from-tag' });
    await renameBranch(repo, { from: 'from-tag', to: 'release' });
    expect((await listBranches(repo)).map((branch) => branch.name).sort()).toEqual(['main', 'release']);
    await expect(renameBranch(repo, { from: 'release', to: 'main' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_EXISTS',
    });
    await expect(createBranch(repo, { name: 'main' })).rejects.toMatchObject({ code: 'GIT_BRANCH_EXISTS' });
  });

  it('refuses to delete the current branch, and deletes another keeping a backup ref of its commits', async () => {
    const { repo, one: first } = await twoCommits();
    await createBranch(repo, { name: 'feature/old', from: first });
    await switchBranch(repo, { name: 'feature/old' });
    await expect(deleteBranch(repo, { name: 'feature/old' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_IS_CURRENT',
      message: expect.stringMatching(/current branch/),
    });
    await switchBranch(repo, { name: 'main' });
    const deleted = await deleteBranch(repo, { name: 'feature/old' });
    expect(deleted.backupRef).toBe('refs/superset-git/deleted-branches/feature/old');
    expect((await listBranches(repo)).map((branch) => branch.name)).toEqual(['main']);
    expect((await log(repo, { ref: deleted.backupRef })).items[0]?.oid).toBe(first);
  });

  it('asks for force before deleting a branch whose commits the current branch does not contain', async () => {
    const repo = await newRepo();
    await createBranch(repo, { name: 'ahead' });
    await switchBranch(repo, { name: 'ahead' });
    const tip = await commitFiles(repo, { 'a.yaml': 'a: ahead\n' }, 'only on ahead');
    await switchBranch(repo, { name: 'main' });
    await expect(deleteBranch(repo, { name: 'ahead' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_NOT_MERGED',
    });
    expect((await listBranches(repo)).map((branch) => branch.name).sort()).toEqual(['ahead', 'main']);
    const deleted = await deleteBranch(repo, { name: 'ahead', force: true });
    expect((await log(repo, { ref: deleted.backupRef })).items[0]?.oid).toBe(tip);
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
