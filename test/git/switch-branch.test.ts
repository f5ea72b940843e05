// `switchBranch`: to another branch, with uncommitted changes refused, carried along or kept in a stash.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBranch, fileAtRef, status, switchBranch, type Repo } from '@superset-git/git';
import { commitFiles, newRepo, read, twoCommits, write } from './git-fixtures.ts';

/** A repository on main with a branch 'other' at the same commit, and uncommitted changes to b.yaml and new.yaml. */
async function dirtyRepoWithOtherBranch(): Promise<Repo> {
  const repo = await newRepo();
  await commitFiles(repo, { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' }, 'one');
  await createBranch(repo, { name: 'other' });
  write(repo, 'b.yaml', 'b: mine\n');
  write(repo, 'new.yaml', 'new: 1\n');
  return repo;
}

describe('switching branches', () => {
  it('switches to another branch and puts its files in the work tree', async () => {
    const { repo, one: first } = await twoCommits();
    await createBranch(repo, { name: 'feature/old', from: first });
    const switched = await switchBranch(repo, { name: 'feature/old' });
    expect(switched).toMatchObject({ branch: 'feature/old', head: first, discardedTo: null });
    expect(read(repo, 'a.yaml')).toBe('a: 1\n');
  });

  it('refuses to switch with uncommitted changes, naming the files, and stays where it was', async () => {
    const repo = await dirtyRepoWithOtherBranch();
    const refused = await switchBranch(repo, { name: 'other' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });
    expect(Object.keys((refused as { details: Record<string, string> }).details).sort()).toEqual([
      'b.yaml',
      'new.yaml',
    ]);
    expect((await status(repo)).branch).toBe('main');
  });

  it('carries uncommitted changes to the other branch when told to', async () => {
    const repo = await dirtyRepoWithOtherBranch();
    await switchBranch(repo, { name: 'other', changes: 'carry' });
    expect((await status(repo)).branch).toBe('other');
    expect(read(repo, 'b.yaml')).toBe('b: mine\n');
  });

  it('discards uncommitted changes when told to, keeping them in a stash', async () => {
    const repo = await dirtyRepoWithOtherBranch();
    const discarded = await switchBranch(repo, { name: 'other', changes: 'discard' });
    expect(discarded.discardedTo).toMatch(/^[0-9a-f]{40}$/);
    expect(read(repo, 'b.yaml')).toBe('b: 1\n');
    expect(fs.existsSync(path.join(repo.path, 'new.yaml'))).toBe(false);
    expect((await status(repo)).clean).toBe(true);
    const kept = await fileAtRef(repo, { path: 'b.yaml', ref: discarded.discardedTo! });
    expect(kept?.content.toString()).toBe('b: mine\n');
  });
});
