// The structural merge finished in the object store: the merge commit, its trees and blobs are written without
// git's line merge touching the work tree, then the branch moves to it. What a person sees must be what a
// `git merge` followed by settling each file would give: one merge commit, git's message, a clean status, a
// repository git itself calls sound, and local edits never overwritten.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBranch, merge, openRepo, status, switchBranch, type Repo } from '@superset-git/git';
import { bundleYaml, parseBundleYaml } from '@superset-git/superset';
import { fieldMerger } from '../../apps/server/src/branches/field-merge.ts';
import { ALICE, commitFiles, newRepo, read, tempDir, write } from './git-fixtures.ts';

const CHART = 'charts/units-sold--2d197a0b.yaml';
const DASHBOARD = 'dashboard.yaml';
const chart = (over: Record<string, unknown> = {}) =>
  bundleYaml({ cache_timeout: null, slice_name: 'Units sold', uuid: '2d197a0b-0000', ...over } as never);
const dashboard = (over: Record<string, unknown> = {}) =>
  bundleYaml({ css: '', dashboard_title: 'Sales', slug: null, uuid: 'd0000000-0000', ...over } as never);
const git = (repo: Repo, ...args: string[]) =>
  execFileSync('git', args, { cwd: repo.path, encoding: 'utf8' }).trim();

/** `into` and 'theirs' each edit neighbouring fields of a chart (in a folder) and of the dashboard (at the top). */
async function diverged(into = 'main'): Promise<Repo> {
  const repo = await newRepo();
  await commitFiles(repo, { [CHART]: chart(), [DASHBOARD]: dashboard(), 'README.md': 'r\n' }, 'base');
  if (into !== 'main') {
    await createBranch(repo, { name: into });
    await switchBranch(repo, { name: into });
  }
  await createBranch(repo, { name: 'theirs' });
  await commitFiles(
    repo,
    { [CHART]: chart({ cache_timeout: 300 }), [DASHBOARD]: dashboard({ css: 'a' }) },
    'mine',
  );
  await switchBranch(repo, { name: 'theirs' });
  await commitFiles(
    repo,
    {
      [CHART]: chart({ slice_name: 'Units (EU)' }),
      [DASHBOARD]: dashboard({ dashboard_title: 'Sales (EU)' }),
    },
    'theirs',
  );
  await switchBranch(repo, { name: into });
  return repo;
}

const mergeTheirs = (repo: Repo, lines: string[] = []) =>
  merge(repo, { from: 'theirs', author: ALICE, mergeFile: fieldMerger((line) => lines.push(line)) });

function expectBothEdits(repo: Repo): void {
  expect(parseBundleYaml(read(repo, CHART))).toMatchObject({ cache_timeout: 300, slice_name: 'Units (EU)' });
  expect(parseBundleYaml(read(repo, DASHBOARD))).toMatchObject({ css: 'a', dashboard_title: 'Sales (EU)' });
  // What the commit holds is what the work tree shows.
  expect(git(repo, 'show', `HEAD:${CHART}`)).toBe(read(repo, CHART).trimEnd());
}

describe('a structural merge written straight into the object store', () => {
  it('commits files in a folder and at the top as one merge, with git message, status clean, fsck sound', async () => {
    const repo = await diverged();
    const before = git(repo, 'rev-parse', 'HEAD');
    const lines: string[] = [];
    const merged = await mergeTheirs(repo, lines);
    expect(merged.outcome).toBe('merged');
    expect(merged.head).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(git(repo, 'log', '-1', '--format=%P').split(' ')).toEqual([
      before,
      git(repo, 'rev-parse', 'theirs'),
    ]);
    expect(git(repo, 'log', '-1', '--format=%B')).toBe("Merge branch 'theirs'");
    expect(git(repo, 'log', '-1', '--format=%an <%ae> | %cn <%ce>')).toBe(
      'Alice Analyst <alice@example.com> | Alice Analyst <alice@example.com>',
    );
    expectBothEdits(repo);
    expect((await status(repo)).clean).toBe(true);
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('');
    expect(() => git(repo, 'fsck', '--strict', '--no-dangling')).not.toThrow();
    // Each file merged is named once in the task log: no second pass through git's merge.
    expect(lines).toEqual([
      "merged chart 'Units (EU)' field by field",
      "merged dashboard 'Sales (EU)' field by field",
    ]);
  });

  it('names the branch merged into when it is not main, as git does', async () => {
    const repo = await diverged('feature');
    await mergeTheirs(repo);
    expect(git(repo, 'log', '-1', '--format=%B')).toBe("Merge branch 'theirs' into feature");
    expectBothEdits(repo);
  });

  it('refuses when a file the merge changes has a local edit, and keeps the edit and the branch', async () => {
    const repo = await diverged();
    const before = git(repo, 'rev-parse', 'HEAD');
    write(repo, CHART, `${read(repo, CHART)}description: draft\n`);
    await expect(mergeTheirs(repo)).rejects.toMatchObject({ code: 'GIT_DIRTY_WORK_TREE' });
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(before);
    expect(read(repo, CHART)).toContain('description: draft');
    expect((await status(repo)).merging).toBe(false);
  });

  it('merges in a copied repository whose index holds stale file times', async () => {
    const source = await diverged();
    const copy = path.join(tempDir(), 'copy');
    fs.cpSync(source.path, copy, { recursive: true });
    const repo = openRepo(copy);
    expect((await mergeTheirs(repo)).outcome).toBe('merged');
    expectBothEdits(repo);
    expect((await status(repo)).clean).toBe(true);
  });

  it('merges in a packed repository (a clone), reading the versions from the pack', async () => {
    const repo = await diverged();
    git(repo, 'gc', '--quiet', '--prune=now');
    expect(fs.readdirSync(path.join(repo.gitDir, 'objects')).filter((dir) => dir.length === 2)).toEqual([]);
    expect((await mergeTheirs(repo)).outcome).toBe('merged');
    expectBothEdits(repo);
    expect(() => git(repo, 'fsck', '--strict', '--no-dangling')).not.toThrow();
  });
});
