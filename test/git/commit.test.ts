// `commit` and `commitDetail`: what is staged becomes a commit by the person who asked, and shows what it changed.
import { describe, expect, it } from 'vitest';
import { commit, commitDetail, log, stage, status } from '@superset-git/git';
import { ALICE, BOB, changeEveryKind, newRepo, write } from './git-fixtures.ts';

describe('commit', () => {
  it('commits what is staged as the given author, and the commit lists how each file changed', async () => {
    const repo = await newRepo();
    await changeEveryKind(repo);
    await stage(repo);
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

  it('names another author than the committer when told, and history finds it by either', async () => {
    const repo = await newRepo();
    write(repo, 'charts/a.yaml', 'a: 2\n');
    const oid = await commit(repo, {
      message: 'Edited in Superset',
      author: BOB,
      committer: ALICE,
      stage: 'all',
    });
    const detail = await commitDetail(repo, oid);
    expect(detail.commit).toMatchObject({ author: BOB, committer: ALICE });
    expect((await log(repo, { author: 'bob builder' })).items.map((item) => item.oid)).toEqual([oid]);
    expect((await log(repo, { committer: 'BOB' })).items).toEqual([]);
    expect((await log(repo, { committer: 'alice@' })).items.map((item) => item.oid)).toContain(oid);
  });

  it('says there is nothing to commit when nothing is staged', async () => {
    const repo = await newRepo();
    await expect(commit(repo, { message: 'nothing', author: ALICE })).rejects.toMatchObject({
      code: 'GIT_NOTHING_TO_COMMIT',
    });
  });

  it('wants a commit message that is more than blanks', async () => {
    const repo = await newRepo();
    write(repo, 'a.yaml', 'a: 1\n');
    await stage(repo);
    await expect(commit(repo, { message: '   ', author: ALICE })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/commit message/),
    });
  });
});
