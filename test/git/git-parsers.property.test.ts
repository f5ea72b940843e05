// Property tests: whatever file names a dashboard export produces (spaces, unicode, quotes, tabs, newlines,
// leading dashes), status, commit details, history by path and last changes report them exactly.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitDetail, lastChanges, log, stage, status, commit } from '@superset-git/git';
import { ALICE, newRepo } from './git-fixtures.ts';

const ODD_PIECES = [
  ' ',
  '"',
  "'",
  '\t',
  '\n',
  'é',
  '日本',
  '🙂',
  '#',
  '-',
  '$',
  '`',
  '\\',
  '*',
  '?',
  '[x]',
  ':',
  '%20',
  'ﬁ',
];

/** A file name of ordinary and odd pieces; never empty, '.', '..' or with a '/'. */
const fileName = fc
  .array(fc.oneof(fc.constantFrom(...ODD_PIECES), fc.stringMatching(/^[a-z0-9_]{1,6}$/)), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(''))
  .filter((name) => name !== '.' && name !== '..' && !name.startsWith('.') && name.trim().length > 0);

const fileSet = fc.uniqueArray(
  fc.tuple(fc.constantFrom('', 'charts/', 'datasets/x y/'), fileName).map(([dir, name]) => dir + name),
  {
    minLength: 1,
    maxLength: 6,
    selector: (name) => name.normalize('NFC').toLowerCase(),
  },
);

function put(root: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
}

describe('parsers and odd file names', () => {
  it('status, commit details, history by path and last changes name every file exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fileSet, async (files) => {
        const repo = await newRepo();
        for (const file of files) put(repo.path, file, `v: 1\n`);
        const untracked = await status(repo);
        expect(
          untracked.files
            .filter((entry) => entry.untracked)
            .map((entry) => entry.path)
            .sort(),
        ).toEqual([...files].sort());

        await stage(repo);
        const oid = await commit(repo, { message: 'add odd files', author: ALICE });
        const detail = await commitDetail(repo, oid);
        expect(detail.files.map((entry) => entry.path).sort()).toEqual([...files].sort());
        expect(detail.files.every((entry) => entry.change === 'added' && entry.additions === 1)).toBe(true);

        const [first, ...rest] = files;
        put(repo.path, first!, 'v: 2\n');
        const changed = await status(repo);
        expect(changed.files).toEqual([
          {
            path: first,
            originalPath: null,
            staged: null,
            unstaged: 'modified',
            untracked: false,
            conflict: null,
          },
        ]);
        await stage(repo, [first!]);
        await commit(repo, { message: 'edit one', author: ALICE });
        expect((await log(repo, { path: first! })).items.map((item) => item.subject)).toEqual([
          'edit one',
          'add odd files',
        ]);
        const last = await lastChanges(repo);
        expect(Object.fromEntries(last.map((entry) => [entry.path, entry.commit.subject]))).toEqual(
          Object.fromEntries([[first, 'edit one'], ...rest.map((file) => [file, 'add odd files'])]),
        );
      }),
      { numRuns: 25 },
    );
  });

  it('renames of odd names keep both the old and the new name', async () => {
    await fc.assert(
      fc.asyncProperty(fileName, fileName, async (from, to) => {
        fc.pre(from.normalize('NFC').toLowerCase() !== to.normalize('NFC').toLowerCase());
        const repo = await newRepo();
        put(repo.path, from, 'same content that git can follow\n'.repeat(5));
        await stage(repo);
        await commit(repo, { message: 'add', author: ALICE });
        fs.renameSync(path.join(repo.path, from), path.join(repo.path, to));
        await stage(repo);
        expect((await status(repo)).files).toEqual([
          {
            path: to,
            originalPath: from,
            staged: 'renamed',
            unstaged: null,
            untracked: false,
            conflict: null,
          },
        ]);
        const oid = await commit(repo, { message: 'rename', author: ALICE });
        expect((await commitDetail(repo, oid)).files).toEqual([
          { path: to, originalPath: from, change: 'renamed', additions: 0, deletions: 0 },
        ]);
      }),
      { numRuns: 25 },
    );
  });
});
