// Tags: an annotated tag on a commit, listed with its message; deleted with a backup ref that keeps it.
import { describe, expect, it } from 'vitest';
import { createBranch, createTag, deleteTag, listTags, runGit, tagExists } from '@superset-git/git';
import { twoCommits } from './git-fixtures.ts';

describe('tags', () => {
  it('tags a chosen commit and lists the tag with its message', async () => {
    const { repo, one: first } = await twoCommits();
    await createTag(repo, { name: 'v1', ref: first, message: 'first release' });
    expect((await listTags(repo))[0]).toMatchObject({ name: 'v1', oid: first, message: 'first release' });
  });

  it('refuses a second tag with the same name, and a name git cannot hold', async () => {
    const { repo } = await twoCommits();
    await createTag(repo, { name: 'v1' });
    await expect(createTag(repo, { name: 'v1' })).rejects.toMatchObject({ code: 'GIT_TAG_EXISTS' });
    await expect(createTag(repo, { name: 'v 2' })).rejects.toMatchObject({
      code: 'GIT_INVALID_REF',
      message: /Tag name 'v 2' is not allowed/,
    });
  });

  it('knows a tag by its name only: not a branch of that name, nor a name no tag could have', async () => {
    const { repo } = await twoCommits();
    await createTag(repo, { name: 'v1' });
    await createBranch(repo, { name: 'release' });
    expect(await tagExists(repo, 'v1')).toBe(true);
    expect(await tagExists(repo, 'release')).toBe(false);
    expect(await tagExists(repo, 'v 2')).toBe(false);
    expect(await tagExists(repo, '--upload-pack=x')).toBe(false);
  });

  it('deletes a tag but keeps it, message and all, under a backup ref', async () => {
    const { repo, one } = await twoCommits();
    await createTag(repo, { name: 'release/1', ref: one, message: 'first release' });
    const { backupRef } = await deleteTag(repo, { name: 'release/1' });
    expect(await listTags(repo)).toEqual([]);
    expect(backupRef).toBe('refs/superset-git/deleted-tags/release/1');
    const kept = await runGit(['for-each-ref', '--format=%(*objectname) %(contents:subject)', backupRef], {
      cwd: repo.path,
    });
    expect(kept.stdout.trim()).toBe(`${one} first release`);
  });

  it('says there is no such tag when deleting one that does not exist, and refuses a bad name', async () => {
    const { repo } = await twoCommits();
    await expect(deleteTag(repo, { name: 'v9' })).rejects.toMatchObject({
      code: 'GIT_TAG_NOT_FOUND',
      message: "There is no tag named 'v9'.",
    });
    await expect(deleteTag(repo, { name: '--all' })).rejects.toMatchObject({ code: 'GIT_INVALID_REF' });
  });
});
