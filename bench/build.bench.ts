// The compiled build (`npm run build`, run by `npm start`) against the same server run from its TypeScript
// sources through tsx, in turns: cold start (spawn to the first 200 from /api/health, a restart on a data dir
// that has been started once) and resident memory once idle after a login and a few requests.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { COMPILED_SERVER, startServerProcess } from '../test/support/server-process.ts';
import { percentile, type BenchRow, type Timing } from './bench-stats.ts';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_BUILD_RUNS ?? 7);
const ROOT = path.resolve(import.meta.dirname, '..');
const FROM_SOURCE = ['--import', 'tsx', 'apps/server/src/main.ts'];
/** Long enough for the start's garbage to be collected: the figure a process list shows an hour later. */
const SETTLE_MS = 3000;

const timing = (values: number[]): Timing => ({
  p50: percentile(values, 0.5),
  p95: percentile(values, 0.95),
});

async function startAndIdle(nodeArgs: readonly string[], dataDir: string) {
  const server = await startServerProcess({ nodeArgs, dataDir });
  try {
    for (const route of ['/api/health', '/', '/api/auth/me', '/api/environments', '/api/tasks'])
      await server.request('GET', route);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { startMs: server.startMs, rssMb: server.memory().rssMb };
  } finally {
    await server.stop({ keepData: true });
  }
}

export async function buildBench(): Promise<BenchRow[]> {
  // What `npm start` runs, built from the code being measured.
  await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-build-'));
  const sides = { compiled: COMPILED_SERVER, source: FROM_SOURCE };
  const figures: Record<keyof typeof sides, { starts: number[]; rss: number[] }> = {
    compiled: { starts: [], rss: [] },
    source: { starts: [], rss: [] },
  };
  try {
    // The first start of each creates its database and admin; the runs after it are restarts.
    for (const side of ['compiled', 'source'] as const)
      await startAndIdle(sides[side], path.join(work, side));
    for (let index = 0; index < RUNS; index += 1) {
      for (const side of ['compiled', 'source'] as const) {
        const { startMs, rssMb } = await startAndIdle(sides[side], path.join(work, side));
        figures[side].starts.push(startMs);
        figures[side].rss.push(rssMb);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const baselineName = 'from source with tsx';
  return [
    {
      name: 'compiled server cold start (npm start, restart, to /api/health)',
      ours: timing(figures.compiled.starts),
      baseline: timing(figures.source.starts),
      baselineName,
      targetMax: 1000,
    },
    {
      name: 'compiled server idle resident memory (after login and 5 requests)',
      ours: timing(figures.compiled.rss),
      baseline: timing(figures.source.rss),
      baselineName,
      unit: 'MB',
      targetMax: 120,
    },
  ];
}
