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
  /** Absent for figures with no peer (memory, cold start): they are printed against their target alone. */
  baseline?: Timing;
  baselineName?: string;
  /** What the figures count: milliseconds unless said. */
  unit?: 'ms' | 'MB';
  /** Target for our p95, in the row's unit. */
  targetMax?: number;
  /** Target for ours ÷ baseline, of the medians (p95 of a few hundred-millisecond calls is too noisy). */
  maxRatio?: number;
}

export function printRows(rows: BenchRow[]): boolean {
  let ok = true;
  process.stdout.write(
    '\n| benchmark | ours p50 | ours p95 | baseline p50 / p95 | ratio p50 / p95 | target | |\n|---|---|---|---|---|---|---|\n',
  );
  for (const row of rows) {
    const unit = row.unit ?? 'ms';
    const show = (value: number) => `${value.toFixed(unit === 'MB' ? 0 : 1)} ${unit}`;
    const targets: string[] = [];
    let pass = true;
    const limit = row.targetMax;
    if (limit !== undefined) {
      targets.push(`p95 < ${limit} ${unit}`);
      pass &&= row.ours.p95 < limit;
    }
    let baseline = '—';
    let ratios = '—';
    if (row.baseline) {
      const ratio50 = row.ours.p50 / row.baseline.p50;
      baseline = `${show(row.baseline.p50)} / ${show(row.baseline.p95)} (${row.baselineName})`;
      ratios = `${ratio50.toFixed(2)}x / ${(row.ours.p95 / row.baseline.p95).toFixed(2)}x`;
      if (row.maxRatio !== undefined) {
        targets.push(`p50 ratio ≤ ${row.maxRatio}x`);
        pass &&= ratio50 <= row.maxRatio;
      }
    }
    ok &&= pass;
    process.stdout.write(
      `| ${row.name} | ${show(row.ours.p50)} | ${show(row.ours.p95)} | ${baseline} | ${ratios} | ${targets.join(', ') || 'printed'} | ${pass ? 'PASS' : 'FAIL'} |\n`,
    );
  }
  return ok;
}
