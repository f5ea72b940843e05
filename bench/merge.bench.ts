// The structural merge against plain `git merge` of the same two branches, each in its own copy of the same
// repository: a 25-chart dashboard where both branches edit many charts (some the same chart, in neighbouring
// fields, which git's line merge calls a conflict) and different layout nodes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { merge, openRepo, runGit } from '@superset-git/git';
import { bundleYaml, parseBundleYaml } from '@superset-git/superset';
import { fieldMerger } from '../apps/server/src/branches/field-merge.ts';
import { percentile, type BenchRow } from './bench-stats.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const CHARTS = 25;
const AUTHOR = { name: 'Bench', email: 'bench@example.com' };
type Obj = Record<string, unknown>;

const uuidOf = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const chartPath = (n: number) => `charts/chart-${n}--${uuidOf(n).slice(0, 8)}.yaml`;
const chart = (n: number): Obj => ({
  cache_timeout: null,
  certification_details: null,
  certified_by: null,
  dataset_uuid: uuidOf(900),
  description: null,
  params: {
    adhoc_filters: [],
    annotation_layers: [],
    color_scheme: 'supersetColors',
    groupby: ['region', 'product'],
    metrics: [{ aggregate: 'SUM', column: { column_name: `units_${n}` }, expressionType: 'SIMPLE' }],
    row_limit: 1000,
    time_range: 'No filter',
    viz_type: 'echarts_timeseries_bar',
  },
  query_context: null,
  slice_name: `Chart ${n}`,
  uuid: uuidOf(n),
  version: '1.0.0',
  viz_type: 'echarts_timeseries_bar',
});
function dashboard(): Obj {
  const position: Obj = {
    DASHBOARD_VERSION_KEY: 'v2',
    GRID_ID: { children: [], id: 'GRID_ID', type: 'GRID' },
  };
  for (let row = 0; row < 5; row += 1) {
    const children = Array.from({ length: 5 }, (_, i) => `CHART-${row * 5 + i}`);
    (position.GRID_ID as { children: string[] }).children.push(`ROW-${row}`);
    position[`ROW-${row}`] = { children, id: `ROW-${row}`, parents: ['ROOT_ID', 'GRID_ID'], type: 'ROW' };
    for (const id of children)
      position[id] = {
        children: [],
        id,
        meta: { height: 50, uuid: uuidOf(Number(id.slice(6))), width: 4 },
        parents: ['ROOT_ID', 'GRID_ID', `ROW-${row}`],
        type: 'CHART',
      };
  }
  return {
    dashboard_title: 'Bench',
    metadata: { native_filter_configuration: [] },
    position,
    uuid: uuidOf(999),
  };
}

function edit(dir: string, file: string, change: (value: Obj) => void): void {
  const full = path.join(dir, file);
  const value = parseBundleYaml(fs.readFileSync(full, 'utf8'));
  change(value);
  fs.writeFileSync(full, bundleYaml(value as never));
}

/** main and 'theirs' from one base: each edits 15 charts, 8 of them the same chart in neighbouring fields. */
function generateRepo(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...args], { cwd: dir });
  fs.mkdirSync(path.join(dir, 'charts'), { recursive: true });
  git('init', '-q', '--initial-branch=main');
  for (let n = 0; n < CHARTS; n += 1)
    fs.writeFileSync(path.join(dir, chartPath(n)), bundleYaml(chart(n) as never));
  fs.writeFileSync(path.join(dir, 'dashboard.yaml'), bundleYaml(dashboard() as never));
  fs.writeFileSync(path.join(dir, 'metadata.yaml'), 'type: Dashboard\nversion: 1.0.0\n');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('switch', '-qc', 'theirs');
  for (let n = 0; n < 15; n += 1)
    edit(dir, chartPath(n), (value) => {
      value.certification_details = `checked ${n}`;
      (value.params as Obj).row_limit = 500;
    });
  edit(dir, 'dashboard.yaml', (value) => {
    ((value.position as Obj)['CHART-1'] as { meta: Obj }).meta.width = 6;
  });
  git('commit', '-qam', 'theirs');
  git('switch', '-q', 'main');
  for (let n = 7; n < 22; n += 1)
    edit(dir, chartPath(n), (value) => {
      value.cache_timeout = 300;
      (value.params as Obj).color_scheme = 'bnbColors';
    });
  edit(dir, 'dashboard.yaml', (value) => {
    ((value.position as Obj)['CHART-2'] as { meta: Obj }).meta.width = 2;
  });
  git('commit', '-qam', 'mine');
}

export async function mergeBench(): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-merge-'));
  const source = path.join(root, 'source');
  generateRepo(source);
  const [oursDir, plainDir] = [path.join(root, 'ours'), path.join(root, 'plain')];
  fs.cpSync(source, oursDir, { recursive: true });
  fs.cpSync(source, plainDir, { recursive: true });
  const repo = openRepo(oursDir);
  const head = (await runGit(['rev-parse', 'HEAD'], { cwd: source })).stdout.trim();
  const reset = (cwd: string) => runGit(['reset', '--hard', '--quiet', head], { cwd });
  const mergeFile = fieldMerger(() => undefined);

  const conflicted = await runGit(['merge', '--no-edit', 'theirs'], { cwd: plainDir, okExitCodes: [0, 1] });
  const textConflicts = (await runGit(['diff', '--name-only', '--diff-filter=U'], { cwd: plainDir })).stdout
    .split('\n')
    .filter(Boolean).length;
  await runGit(['merge', '--abort'], { cwd: plainDir, okExitCodes: [0, 128] });
  const first = await merge(repo, { from: 'theirs', author: AUTHOR, mergeFile });
  if (first.outcome !== 'merged' || conflicted.exitCode !== 1)
    throw new Error(
      `the benchmark branches are wrong: ours ${first.outcome}, git exit ${conflicted.exitCode}`,
    );
  process.stdout.write(`git's line merge leaves ${textConflicts} file(s) conflicted; ours merges them all\n`);
  await reset(oursDir);

  const samples: [number[], number[]] = [[], []];
  for (let index = 0; index < RUNS; index += 1) {
    let started = performance.now();
    await merge(repo, { from: 'theirs', author: AUTHOR, mergeFile });
    samples[0].push(performance.now() - started);
    await reset(oursDir);
    started = performance.now();
    await runGit(['merge', '--no-edit', 'theirs'], { cwd: plainDir, okExitCodes: [0, 1] });
    samples[1].push(performance.now() - started);
    await runGit(['merge', '--abort'], { cwd: plainDir, okExitCodes: [0, 128] });
    await reset(plainDir);
  }
  fs.rmSync(root, { recursive: true, force: true });
  const timing = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95) });
  return [
    {
      name: `structural merge, ${CHARTS}-chart dashboard (${textConflicts} files git conflicts on)`,
      ours: timing(samples[0]),
      baseline: timing(samples[1]),
      baselineName: 'plain git merge, same branches',
      maxRatio: 1.5,
    },
  ];
}
