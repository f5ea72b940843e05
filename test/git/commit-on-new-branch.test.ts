// A commit onto a new branch built in a private index: the branch holds exactly the files given, the current
// branch, its index and work tree stay as they were.
import { describe, expect, it } from 'vitest';
import { commitOnNewBranch, filesAtRef, listBranches, status } from '@superset-git/git';
import { BOB, commitFiles, newRepo, read, write } from './git-fixtures.ts';

describe('commit on a new branch', () => {
  it('replaces the dropped files with the given ones and leaves the current branch and work tree alone', async () => {
    const repo = await newRepo();
    const base = await commitFiles(repo, { 'charts/a.yaml': 'a: 1\n', 'README.md': 'hello\n' }, 'base');
    write(repo, 'charts/a.yaml', 'a: uncommitted\n');
    const sha = await commitOnNewBranch(repo, {
      branch: 'adopted',
      from: base,
      drop: (file) => file.startsWith('charts/'),
      files: new Map([['charts/b.yaml', 'b: 2\n']]),
      message: 'Adopt prod',
      author: BOB,
    });
    const { files } = await filesAtRef(repo, { ref: 'adopted' });
    expect(Object.fromEntries([...files].map(([file, bytes]) => [file, bytes.toString()]))).toEqual({
      'README.md': 'hello\n',
      'charts/b.yaml': 'b: 2\n',
    });
    expect((await filesAtRef(repo, { ref: 'adopted' })).sha).toBe(sha);
    const branches = await listBranches(repo);
    expect(branches.find((branch) => branch.current)?.name).toBe('main');
    expect(branches.find((branch) => branch.name === 'adopted')?.lastCommit).toMatchObject({
      author: expect.objectContaining({ name: BOB.name }),
    });
    expect(read(repo, 'charts/a.yaml')).toBe('a: uncommitted\n');
    expect((await status(repo)).files.map((file) => file.path)).toEqual(['charts/a.yaml']);
  });

  it('refuses a branch name that already exists, changing nothing', async () => {
    const repo = await newRepo();
    const base = await commitFiles(repo, { 'a.yaml': 'a\n' }, 'base');
    const options = { from: base, drop: () => false, files: new Map(), message: 'm', author: BOB };
    await commitOnNewBranch(repo, { ...options, branch: 'taken' });
    await expect(commitOnNewBranch(repo, { ...options, branch: 'taken' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_EXISTS',
    });
  });
});
