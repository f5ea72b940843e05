// Timing helpers for benchmarks: run a measurement many times, report p50/p95 and the ratio to a baseline.
export interface Timing {
  p50: number;
  p95: number;
}

export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

export async function measure(runs: number, work: (index: number) => Promise<unknown>): Promise<Timing> {
  await work(-1); // warm the OS page cache and git's own caches once
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await work(index);
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

export interface BenchRow {
  name: string;
  ours: Timing;
  baseline: Timing;
  baselineName: string;
  /** Target for our p95 in milliseconds. */
  targetP95: number;
}

export function printRows(rows: BenchRow[]): boolean {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  let ok = true;
  process.stdout.write(
    '\n| benchmark | ours p50 | ours p95 | baseline p95 | ratio (p95) | target p95 | |\n|---|---|---|---|---|---|---|\n',
  );
  for (const row of rows) {
    const pass = row.ours.p95 < row.targetP95;
    ok &&= pass;
    process.stdout.write(
      `| ${row.name} | ${ms(row.ours.p50)} | ${ms(row.ours.p95)} | ${ms(row.baseline.p95)} (${row.baselineName}) | ${(row.ours.p95 / row.baseline.p95).toFixed(2)}x | < ${row.targetP95} ms | ${pass ? 'PASS' : 'FAIL'} |\n`,
    );
  }
  return ok;
}
