// What superset-git keeps for people to bring back (kept-branches.ts), a commit applied uncommitted
// (apply-commit.ts) and a deleted branch restored (restore-deleted-branch.ts), against real repositories.
import { describe, expect, it } from 'vitest';
import {
  applyCommit,
  createBranch,
  deleteBranch,
  listBranches,
  listDeletedBranches,
  listSafetyBranches,
  log,
  renameBranch,
  restoreDeletedBranch,
  status,
  switchBranch,
} from '@superset-git/git';
import { BOB, commitFiles, read, twoCommits } from './git-fixtures.ts';

describe('kept branches', () => {
  it('lists a safety branch with who took it, when, its message and the commit it was taken from', async () => {
    const { repo, two } = await twoCommits();
    await createBranch(repo, { name: 'safety/20261202T101500' });
    await switchBranch(repo, { name: 'safety/20261202T101500' });
    const tip = await commitFiles(repo, { 'a.yaml': 'a: edited\n' }, 'Kept\n\nTaken-from: main', BOB);
    await switchBranch(repo, { name: 'main' });
    const [safety, ...rest] = await listSafetyBranches(repo);
    expect(rest).toEqual([]);
    expect(safety).toMatchObject({
      name: 'safety/20261202T101500',
      oid: tip,
      parent: two,
      subject: 'Kept',
      body: 'Taken-from: main',
      author: BOB,
    });
    expect(Date.parse(safety!.authoredAt)).toBeGreaterThan(0);
  });

  it('applies a commit into the work tree uncommitted, and undoes a pick that conflicts whole', async () => {
    const { repo, one } = await twoCommits();
    await createBranch(repo, { name: 'side', from: one });
    await switchBranch(repo, { name: 'side' });
    const clean = await commitFiles(repo, { 'b.yaml': 'b: 1\n' }, 'add b');
    const clash = await commitFiles(repo, { 'a.yaml': 'a: side\n' }, 'change a');
    await switchBranch(repo, { name: 'main' });

    expect((await applyCommit(repo, { commit: clean })).files).toEqual(['b.yaml']);
    expect(read(repo, 'b.yaml')).toBe('b: 1\n');
    const after = await status(repo);
    expect(after.files.map((file) => file.path)).toEqual(['b.yaml']);
    expect(after.files.some((file) => file.staged)).toBe(false);
    await expect(applyCommit(repo, { commit: clean })).rejects.toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });

    await commitFiles(repo, { 'b.yaml': 'b: 1\n' }, 'take b');
    await expect(applyCommit(repo, { commit: clash })).rejects.toMatchObject({
      code: 'GIT_MERGE_CONFLICT',
      message: expect.stringContaining('a.yaml'),
    });
    expect((await status(repo)).clean).toBe(true);
    expect(read(repo, 'a.yaml')).toBe('a: 2\n');
  });

  it('lists a deleted branch with its unmerged commits and restores it by name, refusing a taken name', async () => {
    const { repo } = await twoCommits();
    await createBranch(repo, { name: 'feature' });
    await switchBranch(repo, { name: 'feature' });
    const tip = await commitFiles(repo, { 'c.yaml': 'c: 1\n' }, 'only on feature');
    await switchBranch(repo, { name: 'main' });
    await deleteBranch(repo, { name: 'feature', force: true });

    expect(await listDeletedBranches(repo)).toMatchObject([
      { name: 'feature', oid: tip, subject: 'only on feature', unmergedCommits: 1 },
    ]);
    await createBranch(repo, { name: 'feature' });
    await expect(restoreDeletedBranch(repo, { name: 'feature' })).rejects.toMatchObject({
      code: 'GIT_BRANCH_EXISTS',
      message: expect.stringContaining("'feature' exists now"),
    });
    await renameBranch(repo, { from: 'feature', to: 'feature-2' });

    expect(await restoreDeletedBranch(repo, { name: 'feature' })).toBe(tip);
    expect((await log(repo, { ref: 'feature' })).items.map((commit) => commit.subject)).toEqual([
      'only on feature',
      'two',
      'one',
      'Initialize repository',
    ]);
    expect(await listDeletedBranches(repo)).toEqual([]);
    expect((await listBranches(repo)).map((branch) => branch.name).sort()).toEqual([
      'feature',
      'feature-2',
      'main',
    ]);
    await expect(restoreDeletedBranch(repo, { name: 'feature' })).rejects.toMatchObject({
      code: 'GIT_INVALID_REF',
    });
  });

  it('keeps the commit of an earlier deleted branch when another branch of the same name is deleted', async () => {
    const { repo } = await twoCommits();
    await createBranch(repo, { name: 'feature' });
    await switchBranch(repo, { name: 'feature' });
    const first = await commitFiles(repo, { 'c.yaml': 'c: first\n' }, 'first feature');
    await switchBranch(repo, { name: 'main' });
    await deleteBranch(repo, { name: 'feature', force: true });
    await createBranch(repo, { name: 'feature' });
    await deleteBranch(repo, { name: 'feature' });

    const kept = await repo.read((git) =>
      git(['for-each-ref', '--format=%(objectname)', 'refs/superset-git/backups/']),
    );
    expect(kept.stdout.split('\n')).toContain(first);
    expect((await listDeletedBranches(repo)).map((branch) => branch.subject)).toEqual(['two']);
  });
});
