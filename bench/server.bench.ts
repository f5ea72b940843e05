// The server's own cost: cold start (spawn to the first healthy answer, a fresh data directory each time, so
// migrations run) and resident memory once idle. Printed for the record; there is no peer to compare with.
import type { BenchRow, Timing } from './bench-stats.ts';
import { percentile } from './bench-stats.ts';
import { startServerProcess } from '../test/support/server-process.ts';

const RUNS = Number(process.env.BENCH_SERVER_RUNS ?? 5);

const timing = (values: number[]): Timing => ({
  p50: percentile(values, 0.5),
  p95: percentile(values, 0.95),
});

export async function serverBench(): Promise<BenchRow[]> {
  const starts: number[] = [];
  const idle: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const server = await startServerProcess();
    starts.push(server.startMs);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    idle.push(server.memory().rssMb);
    await server.stop();
  }
  return [
    { name: 'server cold start (fresh data dir, to /api/health)', ours: timing(starts) },
    { name: 'server idle resident memory', ours: timing(idle), unit: 'MB' },
  ];
}
