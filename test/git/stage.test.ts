// `stage` and `unstage`: choosing what the next commit holds.
import { describe, expect, it } from 'vitest';
import { stage, status, unstage } from '@superset-git/git';
import { changeEveryKind, newRepo } from './git-fixtures.ts';

describe('stage and unstage', () => {
  it('stages a chosen file alone, and unstages it again', async () => {
    const repo = await newRepo();
    await changeEveryKind(repo);
    await stage(repo, ['charts/a.yaml']);
    const state = await status(repo);
    expect(state.files.find((file) => file.path === 'charts/a.yaml')).toMatchObject({
      staged: 'modified',
      unstaged: null,
    });
    expect(state.files.find((file) => file.path === 'charts/b.yaml')?.staged).toBeNull();
    await unstage(repo, ['charts/a.yaml']);
    expect((await status(repo)).files.find((file) => file.path === 'charts/a.yaml')?.staged).toBeNull();
  });
});
