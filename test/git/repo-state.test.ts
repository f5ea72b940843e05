// Repositories in states a person may leave them in: a detached HEAD, a folder gone, no commits yet.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commit,
  createBranch,
  lastChanges,
  log,
  merge,
  openRepo,
  pull,
  push,
  runGit,
  stage,
  status,
  unstage,
} from '@superset-git/git';
import { ALICE, newRepo, tempDir, twoCommits, write } from './git-fixtures.ts';

describe('odd states', () => {
  it('works in a detached HEAD and says so', async () => {
    const { repo, one } = await twoCommits();
    await runGit(['checkout', '--quiet', '--detach', one], { cwd: repo.path });
    const state = await status(repo);
    expect(state).toMatchObject({ detached: true, branch: null, head: one });
    expect((await log(repo)).items[0]?.oid).toBe(one);
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
