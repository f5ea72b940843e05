// `initRepository`: a new repository is ready for branches and history from its first moment.
import { describe, expect, it } from 'vitest';
import { initRepository, log, status } from '@superset-git/git';
import { ALICE, newRepo } from './git-fixtures.ts';

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
