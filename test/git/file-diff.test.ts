// `fileDiff`: how one file changed between two commits, or since a commit in the work tree.
import { describe, expect, it } from 'vitest';
import { fileDiff } from '@superset-git/git';
import { BOB, commitFiles, newRepo, write } from './git-fixtures.ts';

describe('a file diff', () => {
  it('shows a file changed between two commits, and changed since a commit in the work tree', async () => {
    const repo = await newRepo();
    const one = await commitFiles(repo, { 'a.yaml': 'title: Sales\n', 'b.yaml': 'b: 1\n' }, 'one');
    const two = await commitFiles(repo, { 'a.yaml': 'title: Revenue\n' }, 'two', BOB);
    const diff = await fileDiff(repo, { path: 'a.yaml', from: one, to: two });
    expect(diff.patch).toContain('-title: Sales');
    expect(diff.patch).toContain('+title: Revenue');
    write(repo, 'a.yaml', 'title: Margin\n');
    expect((await fileDiff(repo, { path: 'a.yaml', from: 'HEAD' })).patch).toContain('+title: Margin');
  });
});
