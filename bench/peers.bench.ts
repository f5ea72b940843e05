// Our standalone CLI against preset-cli, the tool Superset users pick today, on the same Superset and the same
// dashboards, in turns: export of the three seeded dashboards into an empty folder, and deploy (import) of
// Sales Overview into prod. Both are timed as a pipeline runs them: a process from start to exit.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensurePresetCli, PRESET_CLI_VERSION } from '@superset-git/harness';
import { clientFor, dashboardId } from '../test/support/superset-admin.ts';
import { measurePair, type BenchRow } from './bench-stats.ts';
import type { BenchSupersets } from './bench-supersets.ts';

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_PEER_RUNS ?? 7);
const SEEDED = ['sales-overview', 'customers', 'web-traffic'];
const OURS = path.resolve(import.meta.dirname, '../apps/cli/bin/superset-git.mjs');

export async function peersBench({ dev, prod }: BenchSupersets): Promise<BenchRow[]> {
  const presetCli = ensurePresetCli();
  // The CLI as pipelines run it: from its bundle.
  await run(process.execPath, [path.resolve(import.meta.dirname, '../scripts/build-cli.mjs')]);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-peers-'));
  const client = clientFor(dev);
  const ids = await Promise.all(SEEDED.map((slug) => dashboardId(client, slug)));
  await client.close();
  let folder = 0;
  const fresh = () => {
    const dir = path.join(work, `out-${(folder += 1)}`);
    fs.mkdirSync(dir);
    return dir;
  };
  // Our secrets come from the environment; preset-cli takes the password on its command line.
  const ours = (args: string[], password: string) =>
    run(process.execPath, [OURS, ...args, '-q'], { env: { ...process.env, SUPERSET_PASSWORD: password } });
  const preset = (info: typeof dev, args: string[]) =>
    run(presetCli, ['-u', info.username, '-p', info.password, info.url, ...args]);

  const rows: BenchRow[] = [];
  rows.push({
    name: `export the 3 seeded dashboards to YAML (CLI process, vs preset-cli ${PRESET_CLI_VERSION})`,
    ...(await measurePair(
      RUNS,
      () =>
        ours(
          [
            'export',
            '--url',
            dev.url,
            '--user',
            dev.username,
            ...SEEDED.flatMap((slug) => ['--dashboard', slug]),
            '--out',
            fresh(),
          ],
          dev.password,
        ),
      () =>
        preset(dev, [
          'export-assets',
          '--asset-type',
          'dashboard',
          '--dashboard-ids',
          ids.join(','),
          fresh(),
        ]),
    )),
    baselineName: 'preset-cli export-assets',
    maxRatio: 0.5,
  });

  // The same dashboard, each tool's own export of it, imported into prod with overwrite.
  const ourTree = path.join(work, 'ours');
  await ours(
    ['export', '--url', dev.url, '--user', dev.username, '--dashboard', 'sales-overview', '--out', ourTree],
    dev.password,
  );
  const theirTree = fresh();
  await preset(dev, [
    'export-assets',
    '--asset-type',
    'dashboard',
    '--dashboard-ids',
    String(ids[0]),
    theirTree,
  ]);
  rows.push({
    name: 'deploy Sales Overview into prod (plan, snapshot, import; vs import alone)',
    ...(await measurePair(
      RUNS,
      () => ours(['deploy', ourTree, '--url', prod.url, '--user', prod.username], prod.password),
      () => preset(prod, ['sync', 'native', theirTree, '--overwrite']),
    )),
    baselineName: 'preset-cli sync native',
    maxRatio: 1,
  });
  fs.rmSync(work, { recursive: true, force: true });
  return rows;
}
