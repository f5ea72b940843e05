// How far two branches have gone apart (commits-between.ts): what a comparison before a merge counts and lists.
import { describe, expect, it } from 'vitest';
import { commitsBetween, createBranch, switchBranch } from '@superset-git/git';
import { commitFiles, newRepo } from './git-fixtures.ts';

describe('commits between two refs', () => {
  it('counts each side’s own commits and lists head’s newest first', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'start');
    await createBranch(repo, { name: 'feature' });
    await switchBranch(repo, { name: 'feature' });
    await commitFiles(repo, { 'b.yaml': 'b: 1\n' }, 'feature one');
    await commitFiles(repo, { 'b.yaml': 'b: 2\n' }, 'feature two');
    await switchBranch(repo, { name: 'main' });
    await commitFiles(repo, { 'c.yaml': 'c: 1\n' }, 'main only');

    const between = await commitsBetween(repo, { base: 'main', head: 'feature' });
    expect(between).toMatchObject({ ahead: 2, behind: 1 });
    expect(between.commits.map((commit) => commit.subject)).toEqual(['feature two', 'feature one']);
    expect(await commitsBetween(repo, { base: 'feature', head: 'feature' })).toMatchObject({
      ahead: 0,
      behind: 0,
      commits: [],
    });
    expect((await commitsBetween(repo, { base: 'main', head: 'feature', limit: 1 })).commits).toHaveLength(1);
  });

  it('refuses a ref that names nothing, naming it', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.yaml': 'a: 1\n' }, 'start');
    await expect(commitsBetween(repo, { base: 'main', head: 'gone' })).rejects.toMatchObject({
      code: 'GIT_INVALID_REF',
      message: expect.stringContaining("'gone'"),
    });
  });
});
