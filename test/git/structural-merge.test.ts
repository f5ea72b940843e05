// A merge or a cherry-pick that git's line merge stops on, finished field by field: two people editing
// neighbouring fields of one chart merge by themselves, the commit reads as a clean merge's, and a field changed
// two ways stays a conflict with markers around that field only.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyCommit, createBranch, merge, status, switchBranch, type Repo } from '@superset-git/git';
import { bundleYaml, parseBundleYaml } from '@superset-git/superset';
import { fieldMerger } from '../../apps/server/src/branches/field-merge.ts';
import { ALICE, commitFiles, newRepo, read } from './git-fixtures.ts';

const FILE = 'charts/units-sold--2d197a0b.yaml';
const chart = (over: Record<string, unknown> = {}) =>
  bundleYaml({
    cache_timeout: null,
    slice_name: 'Units sold',
    uuid: '2d197a0b-1111-4000-8000-000000000001',
    viz_type: 'big_number_total',
    ...over,
  } as never);

/** main and 'theirs' each committed one edit of the chart, on neighbouring lines. */
async function divergedRepo(mine: Record<string, unknown>, theirs: Record<string, unknown>): Promise<Repo> {
  const repo = await newRepo();
  await commitFiles(repo, { [FILE]: chart() }, 'chart');
  await createBranch(repo, { name: 'theirs' });
  await commitFiles(repo, { [FILE]: chart(mine) }, 'mine');
  await switchBranch(repo, { name: 'theirs' });
  await commitFiles(repo, { [FILE]: chart(theirs) }, 'theirs');
  await switchBranch(repo, { name: 'main' });
  return repo;
}

describe('merging field by field after git', () => {
  it('merges edits of different fields of one chart and commits as a clean merge would', async () => {
    const repo = await divergedRepo({ cache_timeout: 300 }, { slice_name: 'Units sold (EU)' });
    const lines: string[] = [];
    const merged = await merge(repo, {
      from: 'theirs',
      author: ALICE,
      message: "Merge branch 'theirs' into main",
      mergeFile: fieldMerger((line) => lines.push(line)),
    });
    expect(merged.outcome).toBe('merged');
    expect(parseBundleYaml(read(repo, FILE))).toMatchObject({
      cache_timeout: 300,
      slice_name: 'Units sold (EU)',
    });
    expect((await status(repo)).clean).toBe(true);
    expect(
      execFileSync('git', ['log', '-1', '--format=%B'], { cwd: repo.path, encoding: 'utf8' }).trim(),
    ).toBe("Merge branch 'theirs' into main");
    const parents = execFileSync('git', ['log', '-1', '--format=%P'], { cwd: repo.path, encoding: 'utf8' });
    expect(parents.trim().split(' ')).toHaveLength(2);
    expect(lines).toEqual(["merged chart 'Units sold (EU)' field by field"]);
  });

  it('leaves the same field changed two ways conflicted, markers around that field, the rest merged', async () => {
    const repo = await divergedRepo(
      { cache_timeout: 300, slice_name: 'Units sold (EU)' },
      { cache_timeout: 600, viz_type: 'big_number' },
    );
    const lines: string[] = [];
    const merged = await merge(repo, {
      from: 'theirs',
      author: ALICE,
      mergeFile: fieldMerger((line) => lines.push(line)),
    });
    expect(merged.outcome).toBe('conflicts');
    expect(merged.conflicts).toEqual([{ path: FILE, kind: 'both-modified' }]);
    expect(read(repo, FILE)).toBe(
      '<<<<<<< mine\ncache_timeout: 300\n=======\ncache_timeout: 600\n>>>>>>> theirs\n' +
        'slice_name: Units sold (EU)\nuuid: 2d197a0b-1111-4000-8000-000000000001\nviz_type: big_number\n',
    );
    expect(lines).toEqual(["chart 'Units sold (EU)' · cache_timeout: yours 300, theirs 600"]);
  });

  it('leaves a file that does not parse to git, losing neither side', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { [FILE]: chart() }, 'chart');
    await createBranch(repo, { name: 'theirs' });
    await commitFiles(repo, { [FILE]: `${chart({ cache_timeout: 300 })}broken: [\n` }, 'mine');
    await switchBranch(repo, { name: 'theirs' });
    await commitFiles(repo, { [FILE]: chart({ cache_timeout: 600 }) }, 'theirs');
    await switchBranch(repo, { name: 'main' });
    const merged = await merge(repo, {
      from: 'theirs',
      author: ALICE,
      mergeFile: fieldMerger(() => undefined),
    });
    expect(merged.outcome).toBe('conflicts');
    const text = read(repo, FILE);
    expect(text).toContain('<<<<<<< ');
    expect(text).toContain('cache_timeout: 300');
    expect(text).toContain('cache_timeout: 600');
    expect(text).toContain('broken: [');
  });

  it('applies a commit whose edit sits beside the branch own edit of the same chart', async () => {
    const repo = await divergedRepo({ cache_timeout: 300 }, { slice_name: 'Units sold (EU)' });
    const picked = execFileSync('git', ['rev-parse', 'theirs'], { cwd: repo.path, encoding: 'utf8' }).trim();
    const applied = await applyCommit(repo, { commit: picked, mergeFile: fieldMerger(() => undefined) });
    expect(applied.files).toEqual([FILE]);
    expect(parseBundleYaml(read(repo, FILE))).toMatchObject({
      cache_timeout: 300,
      slice_name: 'Units sold (EU)',
    });
    const state = await status(repo);
    expect(state.merging).toBe(false);
    expect(state.files.map((file) => [file.path, file.unstaged, file.conflict])).toEqual([
      [FILE, 'modified', null],
    ]);
  });
});
