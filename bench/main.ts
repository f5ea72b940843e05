// `npm run bench [-- NAME…]`: every benchmark (or the named ones: git, merge, dashboard, peers, scale, scale5k,
// drift, server, build), each against a baseline measured in the same run where there is one, printed as one table. Exits
// non-zero when a target is missed.
import os from 'node:os';
import { printRows, type BenchRow } from './bench-stats.ts';
import { startBenchSupersets, type BenchSupersets } from './bench-supersets.ts';
import { buildBench } from './build.bench.ts';
import { dashboardBench } from './dashboard.bench.ts';
import { driftBench } from './drift.bench.ts';
import { gitBench } from './git.bench.ts';
import { mergeBench } from './merge.bench.ts';
import { peersBench } from './peers.bench.ts';
import { scaleBench } from './scale.bench.ts';
import { scale5kBench } from './scale-5k.bench.ts';
import { serverBench } from './server.bench.ts';

const BENCHES: Record<
  string,
  { needsSuperset: boolean; run: (supersets: BenchSupersets) => Promise<BenchRow[]> }
> = {
  git: { needsSuperset: false, run: () => gitBench() },
  merge: { needsSuperset: false, run: () => mergeBench() },
  dashboard: { needsSuperset: true, run: dashboardBench },
  peers: { needsSuperset: true, run: peersBench },
  scale: { needsSuperset: true, run: scaleBench },
  scale5k: { needsSuperset: true, run: scale5kBench },
  drift: { needsSuperset: true, run: driftBench },
  server: { needsSuperset: false, run: () => serverBench() },
  build: { needsSuperset: false, run: () => buildBench() },
};

async function main(): Promise<boolean> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}; there are ${Object.keys(BENCHES).join(', ')}`);
  const chosen = Object.entries(BENCHES).filter(([name]) => names.length === 0 || names.includes(name));
  const needsSuperset = chosen.some(([, bench]) => bench.needsSuperset);
  const started = needsSuperset ? await startBenchSupersets() : null;
  const rows: BenchRow[] = [];
  try {
    for (const [name, bench] of chosen) {
      const at = performance.now();
      process.stdout.write(`\n== ${name}\n`);
      rows.push(...(await bench.run(started?.supersets as BenchSupersets)));
      process.stdout.write(`== ${name} done in ${((performance.now() - at) / 1000).toFixed(0)} s\n`);
    }
  } finally {
    await started?.stop();
  }
  return printRows(rows);
}

main()
  .then((ok) => {
    process.stdout.write(`\n${ok ? 'all targets met' : 'some targets missed'} (${os.cpus().length} cores)\n`);
    if (!ok) process.exit(1);
  })
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
