// `superset-git merge-driver` under a plain `git merge` (real git, the real CLI in its own process): two clones
// edit neighbouring fields of one chart and different layout nodes; the clone with the driver configured merges
// cleanly to the same tree as the server's own merge, and without the driver git falls back to its line merge.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { merge, openRepo } from '@superset-git/git';
import { bundleYaml, GITATTRIBUTES_TEXT, parseBundleYaml } from '@superset-git/superset';
import { fieldMerger } from '../../apps/server/src/branches/field-merge.ts';
import { ALICE, tempDir } from '../git/git-fixtures.ts';

const BIN = path.resolve(import.meta.dirname, '../../apps/cli/bin/superset-git.mjs');
const CHART = 'charts/units-sold--2d197a0b.yaml';
const DRIVER = `"${process.execPath}" "${BIN}" merge-driver %O %A %B %P`;

const chart = (over: Record<string, unknown> = {}) =>
  bundleYaml({
    cache_timeout: null,
    description: null,
    slice_name: 'Units sold',
    uuid: '2d197a0b-1111-4000-8000-000000000001',
    viz_type: 'big_number_total',
    ...over,
  } as never);
const node = (id: string, width: number) => ({ children: [], id, meta: { width }, type: 'CHART' });
const dashboard = (a = 4, b = 4) =>
  bundleYaml({
    dashboard_title: 'Sales',
    position: {
      'ROW-1': { children: ['CHART-a', 'CHART-b'], id: 'ROW-1', type: 'ROW' },
      'CHART-a': node('CHART-a', a),
      'CHART-b': node('CHART-b', b),
    },
  } as never);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, LC_ALL: 'C' },
  });
}
function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

/** A remote whose main is a dashboard with one chart, and two clones that each pushed or committed one edit. */
function twoClones(): { mine: string; remote: string } {
  const root = tempDir('sg-driver-');
  const remote = path.join(root, 'remote.git');
  git(root, 'init', '-q', '--bare', '--initial-branch=main', remote);
  const seed = path.join(root, 'seed');
  git(root, 'clone', '-q', remote, seed);
  writeFiles(seed, { '.gitattributes': GITATTRIBUTES_TEXT, [CHART]: chart(), 'dashboard.yaml': dashboard() });
  git(seed, 'add', '-A');
  git(seed, 'commit', '-qm', 'dashboard');
  git(seed, 'push', '-q', 'origin', 'main');
  const mine = path.join(root, 'mine');
  git(root, 'clone', '-q', remote, mine);
  const theirs = path.join(root, 'theirs');
  git(root, 'clone', '-q', remote, theirs);
  writeFiles(theirs, { [CHART]: chart({ description: 'EU only' }), 'dashboard.yaml': dashboard(4, 8) });
  git(theirs, 'commit', '-qam', 'theirs');
  git(theirs, 'push', '-q', 'origin', 'main');
  writeFiles(mine, { [CHART]: chart({ cache_timeout: 300 }), 'dashboard.yaml': dashboard(6, 4) });
  git(mine, 'commit', '-qam', 'mine');
  git(mine, 'fetch', '-q');
  return { mine, remote };
}

describe('the merge driver under plain git', () => {
  it('merges neighbouring fields of one chart and two layout nodes, to the same tree as the server merge', async () => {
    const { mine } = twoClones();
    const copy = `${mine}-server`;
    fs.cpSync(mine, copy, { recursive: true });

    git(mine, 'config', 'merge.superset-git.name', 'superset-git structural merge');
    git(mine, 'config', 'merge.superset-git.driver', DRIVER);
    git(mine, 'merge', '-q', '--no-edit', 'origin/main');
    expect(parseBundleYaml(fs.readFileSync(path.join(mine, CHART), 'utf8'))).toMatchObject({
      cache_timeout: 300,
      description: 'EU only',
    });

    const merged = await merge(openRepo(copy), {
      from: 'origin/main',
      author: ALICE,
      mergeFile: fieldMerger(() => undefined),
    });
    expect(merged.outcome).toBe('merged');
    expect(git(copy, 'rev-parse', 'HEAD^{tree}')).toBe(git(mine, 'rev-parse', 'HEAD^{tree}'));
  });

  it('falls back to git’s line merge where the driver is named but not configured', () => {
    const { mine } = twoClones();
    expect(() => git(mine, 'merge', '-q', '--no-edit', 'origin/main')).toThrow();
    const text = fs.readFileSync(path.join(mine, CHART), 'utf8');
    expect(text).toMatch(
      /^<<<<<<< HEAD\ncache_timeout: 300\ndescription: null\n=======\ncache_timeout: null\ndescription: EU only\n>>>>>>> /m,
    );
  });

  it('exits 1 with markers around the one field both changed, naming it', () => {
    const dir = tempDir('sg-driver-files-');
    writeFiles(dir, {
      O: chart(),
      A: chart({ cache_timeout: 300, slice_name: 'Units' }),
      B: chart({ cache_timeout: 600 }),
    });
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, [BIN, 'merge-driver', 'O', 'A', 'B', CHART], {
        cwd: dir,
        stdio: 'pipe',
      });
    } catch (error) {
      failure = {
        status: (error as { status: number }).status,
        stderr: String((error as { stderr: Buffer }).stderr),
      };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain("chart 'Units' · cache_timeout: yours 300, theirs 600");
    expect(fs.readFileSync(path.join(dir, 'A'), 'utf8')).toBe(
      '<<<<<<< mine\ncache_timeout: 300\n=======\ncache_timeout: 600\n>>>>>>> theirs\n' +
        'description: null\nslice_name: Units\nuuid: 2d197a0b-1111-4000-8000-000000000001\nviz_type: big_number_total\n',
    );
  });
});
