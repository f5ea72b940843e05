// Timing helpers for benchmarks: run a measurement many times, report p50/p95 and the ratio to a baseline.
import os from 'node:os';

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

/**
 * Ours and the baseline in turns (ours, baseline, ours, …), so both meet the same load on a shared machine:
 * a Superset call's time drifts by tens of percent over a run.
 */
export async function measurePair(
  runs: number,
  ours: (index: number) => Promise<unknown>,
  baseline: (index: number) => Promise<unknown>,
): Promise<{ ours: Timing; baseline: Timing }> {
  await ours(-1);
  await baseline(-1);
  const samples: [number[], number[]] = [[], []];
  for (let index = 0; index < runs; index += 1) {
    for (const [side, work] of [ours, baseline].entries()) {
      const started = performance.now();
      await work(index);
      samples[side]!.push(performance.now() - started);
    }
  }
  const timing = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95) });
  return { ours: timing(samples[0]), baseline: timing(samples[1]) };
}

export interface BenchRow {
  name: string;
  ours: Timing;
  baseline: Timing;
  baselineName: string;
  /** Target for our p95 in milliseconds. */
  targetP95?: number;
  /** Target for ours ÷ baseline, of the medians (p95 of a few hundred-millisecond calls is too noisy). */
  maxRatio?: number;
}

export function printRows(rows: BenchRow[]): boolean {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  let ok = true;
  process.stdout.write(
    '\n| benchmark | ours p50 | ours p95 | baseline p50 / p95 | ratio p50 / p95 | target | |\n|---|---|---|---|---|---|---|\n',
  );
  for (const row of rows) {
    const ratio50 = row.ours.p50 / row.baseline.p50;
    const ratio95 = row.ours.p95 / row.baseline.p95;
    const targets: string[] = [];
    let pass = true;
    if (row.targetP95 !== undefined) {
      targets.push(`p95 < ${row.targetP95} ms`);
      pass &&= row.ours.p95 < row.targetP95;
    }
    if (row.maxRatio !== undefined) {
      targets.push(`p50 ratio ≤ ${row.maxRatio}x`);
      pass &&= ratio50 <= row.maxRatio;
    }
    ok &&= pass;
    process.stdout.write(
      `| ${row.name} | ${ms(row.ours.p50)} | ${ms(row.ours.p95)} | ${ms(row.baseline.p50)} / ${ms(row.baseline.p95)} (${row.baselineName}) | ${ratio50.toFixed(2)}x / ${ratio95.toFixed(2)}x | ${targets.join(', ')} | ${pass ? 'PASS' : 'FAIL'} |\n`,
    );
  }
  return ok;
}

/** Prints the verdict line and exits non-zero when a target was missed; a crash exits non-zero with its stack. */
export function runBench(main: () => Promise<boolean>, runs: number): void {
  main()
    .then((ok) => {
      process.stdout.write(
        `\n${ok ? 'all targets met' : 'some targets missed'} (${runs} runs each, ${os.cpus().length} cores)\n`,
      );
      if (!ok) process.exit(1);
    })
    .catch((error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
