// `fileAtRef`: a file as it was at a commit.
import { describe, expect, it } from 'vitest';
import { fileAtRef } from '@superset-git/git';
import { commitFiles, newRepo, write } from './git-fixtures.ts';

describe('a file at a commit', () => {
  it('reads a file as it was at a commit, whatever the work tree holds now', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'title: Sales\n' }, 'one');
    await commitFiles(repo, { 'a.yaml': 'title: Revenue\n' }, 'two');
    write(repo, 'a.yaml', 'title: Margin\n');
    expect((await fileAtRef(repo, { path: 'a.yaml', ref: one }))?.content.toString()).toBe('title: Sales\n');
  });

  it('answers null for a file that was not there at that commit', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'title: Sales\n' }, 'one');
    expect(await fileAtRef(repo, { path: 'missing.yaml', ref: one })).toBeNull();
  });
});
