// `lastChanges`: the last commit that touched each file, for a file list that says when and by whom.
import { describe, expect, it } from 'vitest';
import { lastChanges } from '@superset-git/git';
import { BOB, commitFiles, newRepo } from './git-fixtures.ts';

describe('last changes', () => {
  it('names the last commit that changed each file', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'a.yaml': 'title: Sales\n', 'b.yaml': 'b: 1\n' }, 'one');
    await commitFiles(repo, { 'a.yaml': 'title: Revenue\n' }, 'two', BOB);
    const last = await lastChanges(repo);
    expect(last.map((entry) => [entry.path, entry.commit.subject])).toEqual([
      ['a.yaml', 'two'],
      ['b.yaml', 'one'],
    ]);
  });
});
