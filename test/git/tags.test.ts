// Tags: an annotated tag on a commit, listed with its message.
import { describe, expect, it } from 'vitest';
import { createTag, listTags } from '@superset-git/git';
import { twoCommits } from './git-fixtures.ts';

describe('tags', () => {
  it('tags a chosen commit and lists the tag with its message', async () => {
    const { repo, one: first } = await twoCommits();
    await createTag(repo, { name: 'v1', ref: first, message: 'first release' });
    expect((await listTags(repo))[0]).toMatchObject({ name: 'v1', oid: first, message: 'first release' });
  });
});
