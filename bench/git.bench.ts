// The git engine against raw git on the same generated repository (10,000 commits, 200 YAML
// files): history search, path filter, status and branch switch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogQuery } from '@superset-git/contracts';
import { log, logArgs, openRepo, optimize, runGit, status, switchBranch } from '@superset-git/git';
import { measure, type BenchRow } from './bench-stats.ts';
import { COMMITS, FILES, fileName, generateHistoryRepo } from './git-history-repo.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);

export async function gitBench(): Promise<BenchRow[]> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-')), 'history');
  let started = performance.now();
  generateHistoryRepo(dir);
  process.stdout.write(
    `generated ${COMMITS} commits over ${FILES} files in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const repo = openRepo(dir);
  started = performance.now();
  await optimize(repo);
  process.stdout.write(
    `optimized (repack + commit-graph with changed-path filters) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );

  const head = (await runGit(['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
  const raw = (args: string[]) => runGit(args, { cwd: dir });
  const rows: BenchRow[] = [];

  const searches: Array<[string, { text?: string; path?: string }]> = [
    ['history: message search', { text: 'hotfix revenue' }],
    ['history: path filter', { path: fileName(42) }],
  ];
  for (const [name, query] of searches) {
    const args = logArgs(LogQuery.parse(query), head, 0);
    const sample = await log(repo, query);
    if (sample.items.length === 0)
      throw new Error(`${name} found nothing; the benchmark repository is wrong`);
    rows.push({
      name: `${name} (first page of ${sample.items.length})`,
      ours: await measure(RUNS, () => log(repo, query)),
      baseline: await measure(RUNS, () => raw(args)),
      baselineName: 'git log, same args',
      targetMax: 100,
    });
  }

  rows.push({
    name: 'status (200 files)',
    ours: await measure(RUNS, () => status(repo)),
    baseline: await measure(RUNS, () =>
      raw(['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all']),
    ),
    baselineName: 'git status --porcelain=v2',
    targetMax: 50,
  });

  const branches = ['feature', 'main'];
  rows.push({
    name: 'branch switch (100 of 200 files differ)',
    ours: await measure(RUNS, (index) => switchBranch(repo, { name: branches[(index + 2) % 2]! })),
    baseline: await measure(RUNS, (index) => raw(['switch', '--quiet', branches[(index + 2) % 2]!])),
    baselineName: 'git switch',
    targetMax: 200,
  });

  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  return rows;
}
