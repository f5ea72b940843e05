// `status`: what changed in the work tree and the index, file by file.
import { describe, expect, it } from 'vitest';
import { stage, status } from '@superset-git/git';
import { changeEveryKind, newRepo } from './git-fixtures.ts';

describe('status', () => {
  it('reports modified, deleted and untracked files, and that the work tree is not clean', async () => {
    const repo = await newRepo();
    await changeEveryKind(repo);
    const state = await status(repo);
    const byPath = Object.fromEntries(state.files.map((file) => [file.path, file]));
    expect(byPath['charts/a.yaml']).toMatchObject({ unstaged: 'modified', staged: null });
    expect(byPath['charts/b.yaml']).toMatchObject({ unstaged: 'deleted' });
    expect(byPath['datasets/new.yaml']).toMatchObject({ untracked: true });
    expect(state.clean).toBe(false);
  });

  it('reports a moved file as renamed, from its old path, once both sides are staged', async () => {
    const repo = await newRepo();
    await changeEveryKind(repo);
    await stage(repo);
    const renamed = (await status(repo)).files.find((file) => file.path === 'new name.yaml');
    expect(renamed).toMatchObject({ staged: 'renamed', originalPath: 'old name.yaml' });
  });
});
