// `resetTo` and `discardChanges`: going back, with what is replaced kept reachable.
import { describe, expect, it } from 'vitest';
import {
  createBranch,
  discardChanges,
  fileAtRef,
  listBranches,
  log,
  resetTo,
  switchBranch,
} from '@superset-git/git';
import { commitFiles, newRepo, read, twoCommits, write } from './git-fixtures.ts';

describe('restore', () => {
  it('resets the branch to an earlier commit and keeps the replaced commit and uncommitted work reachable', async () => {
    const { repo, one, two } = await twoCommits();
    write(repo, 'a.yaml', 'a: unsaved\n');
    const result = await resetTo(repo, { to: one });
    expect(result).toMatchObject({ previousHead: two, head: one });
    expect(read(repo, 'a.yaml')).toBe('a: 1\n');
    expect((await log(repo, { ref: result.backupRef! })).items[0]?.oid).toBe(two);
    expect((await fileAtRef(repo, { path: 'a.yaml', ref: result.stash! }))?.content.toString()).toBe(
      'a: unsaved\n',
    );
  });

  it('resets another branch without touching the work tree, keeping its old tip reachable', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'one');
    await createBranch(repo, { name: 'other' });
    await switchBranch(repo, { name: 'other' });
    const otherTip = await commitFiles(repo, { 'a.yaml': 'a: other\n' }, 'other work');
    await switchBranch(repo, { name: 'main' });
    write(repo, 'a.yaml', 'a: unsaved\n');
    const result = await resetTo(repo, { to: one, branch: 'other' });
    expect(result).toMatchObject({ previousHead: otherTip, head: one, stash: null });
    expect((await listBranches(repo)).find((branch) => branch.name === 'other')?.lastCommit.oid).toBe(one);
    expect(read(repo, 'a.yaml')).toBe('a: unsaved\n');
    expect((await log(repo, { ref: result.backupRef! })).items[0]?.oid).toBe(otherTip);
  });

  it('discards changes to the chosen files into a stash and leaves the others', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' }, 'one');
    write(repo, 'a.yaml', 'a: x\n');
    write(repo, 'b.yaml', 'b: x\n');
    const discarded = await discardChanges(repo, { paths: ['a.yaml'] });
    expect(read(repo, 'a.yaml')).toBe('a: 1\n');
    expect(read(repo, 'b.yaml')).toBe('b: x\n');
    expect(discarded.stash).toMatch(/^[0-9a-f]{40}$/);
    expect((await fileAtRef(repo, { path: 'a.yaml', ref: discarded.stash! }))?.content.toString()).toBe(
      'a: x\n',
    );
  });

  it('has nothing to stash when nothing was changed', async () => {
    const repo = await newRepo();
    expect(await discardChanges(repo)).toEqual({ stash: null });
  });
});
