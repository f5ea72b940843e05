// `log`: a branch's history, searched and paged.
import { describe, expect, it } from 'vitest';
import { log, type Repo } from '@superset-git/git';
import { ALICE, BOB, commitFiles, newRepo } from './git-fixtures.ts';

/** Twelve commits over three chart files: every fourth fixes the revenue chart, every second is Bob's. */
async function twelveCommits(): Promise<Repo> {
  const repo = await newRepo();
  for (let index = 1; index <= 12; index += 1) {
    await commitFiles(
      repo,
      { [`charts/c${index % 3}.yaml`]: `value: ${index}\n` },
      index % 4 === 0 ? `Fix revenue chart ${index}` : `Tweak ${index}`,
      index % 2 === 0 ? BOB : ALICE,
    );
  }
  return repo;
}

describe('history', () => {
  it('lists the commits that touched any of several files', async () => {
    const repo = await twelveCommits();
    const both = await log(repo, {}, ['charts/c1.yaml', 'charts/c2.yaml']);
    // c1 holds commits 1, 4, 7 and 10, c2 holds 2, 5, 8 and 11: newest first.
    expect(both.items.map((item) => item.subject)).toEqual([
      'Tweak 11',
      'Tweak 10',
      'Fix revenue chart 8',
      'Tweak 7',
      'Tweak 5',
      'Fix revenue chart 4',
      'Tweak 2',
      'Tweak 1',
    ]);
  });

  it('finds commits by words of their message, author, date range and path', async () => {
    const repo = await twelveCommits();
    const byText = await log(repo, { text: 'REVENUE' });
    expect(byText.items.map((item) => item.subject)).toEqual([
      'Fix revenue chart 12',
      'Fix revenue chart 8',
      'Fix revenue chart 4',
    ]);
    const byAuthor = await log(repo, { author: 'bob@' });
    expect(byAuthor.items).toHaveLength(6);
    expect(byAuthor.items.every((item) => item.author.name === 'Bob Builder')).toBe(true);
    const byPath = await log(repo, { path: 'charts/c0.yaml' });
    expect(byPath.items.map((item) => item.subject)).toEqual([
      'Fix revenue chart 12',
      'Tweak 9',
      'Tweak 6',
      'Tweak 3',
    ]);
    expect((await log(repo, { until: '2000-01-01T00:00:00Z' })).items).toEqual([]);
    expect((await log(repo, { since: '2000-01-01T00:00:00Z' })).items).toHaveLength(13);
  });

  it('pages with a cursor that a commit made between pages does not shift', async () => {
    const repo = await twelveCommits();
    const first = await log(repo, { limit: 5 });
    expect(first.items).toHaveLength(5);
    await commitFiles(repo, { 'late.yaml': 'x: 1\n' }, 'Late commit');
    const second = await log(repo, { limit: 5, cursor: first.nextCursor! });
    const third = await log(repo, { limit: 5, cursor: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const subjects = [...first.items, ...second.items, ...third.items].map((item) => item.subject);
    expect(subjects).toHaveLength(13);
    expect(new Set(subjects).size).toBe(13);
    expect(subjects).not.toContain('Late commit');
  });

  it('refuses a cursor it did not hand out', async () => {
    const repo = await newRepo();
    await expect(log(repo, { cursor: 'garbage' })).rejects.toThrow(/cursor is not valid/);
  });
});
