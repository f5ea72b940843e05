// Dashboards in git against Superset's own calls, on two real Superset instances
// and the seeded 23-chart "Sales Overview": sync vs one bare export, branch switch with import vs git switch plus
// one bare import, deploy plan vs one export of the target. Ratios are of medians measured in the same run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeployPlan, Environment } from '@superset-git/contracts';
import {
  dashboardIdOf,
  denormalizeTree,
  rison,
  writeBundle,
  type SupersetClient,
} from '@superset-git/superset';
import { clientFor, dashboardUuid, importDashboardZip } from '../test/support/superset-admin.ts';
import { rawRequest } from '../test/support/api.ts';
import { login, startTestServer } from '../test/support/test-server.ts';
import { measurePair, type BenchRow } from './bench-stats.ts';
import type { BenchSupersets } from './bench-supersets.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const bareExport = (client: SupersetClient, id: number) =>
  client.bytes({ path: '/api/v1/dashboard/export/', query: { q: rison([id]) }, action: 'export' });

export async function dashboardBench({ dev: devInfo, prod: prodInfo }: BenchSupersets): Promise<BenchRow[]> {
  const dev = clientFor(devInfo!);
  const prod = clientFor(prodInfo!);
  const server = await startTestServer();
  const caller = await login(server);
  const post = <T>(url: string, body?: unknown) =>
    rawRequest<T>(server, 'POST', url, { ...caller, ...(body === undefined ? {} : { body }) });
  const environment = async (name: string, info: typeof devInfo) =>
    (
      await post<Environment>('/api/environments', {
        name,
        url: info!.url,
        username: info!.username,
        password: info!.password,
      })
    ).body;
  const devEnv = await environment('dev', devInfo);
  const prodEnv = await environment('prod', prodInfo);
  const uuid = await dashboardUuid(dev, 'sales-overview');
  const devId = await dashboardIdOf(dev, uuid);
  const task = async (url: string, body?: unknown) => {
    const answer = await post(url, body);
    if (answer.status >= 300) throw new Error(`${url}: ${JSON.stringify(answer.body)}`);
    await server.services.tasks.idle();
  };
  await post(`/api/dashboards/${uuid}/repository`, { environmentId: devEnv.id, mode: 'init' });
  await task(`/api/dashboards/${uuid}/sync`);
  await post(`/api/dashboards/${uuid}/commit`, { message: 'Sales Overview' });
  const repoDir = path.join(server.dataDir, 'repos', uuid);
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...args], {
      cwd,
      encoding: 'utf8',
    });

  // A feature branch where three charts are renamed, as a person would after editing them in Superset.
  git(repoDir, 'switch', '-q', '-c', 'feature');
  const charts = git(repoDir, 'ls-files', 'charts').trim().split('\n').slice(0, 3);
  for (const file of charts) {
    const full = path.join(repoDir, file);
    fs.writeFileSync(
      full,
      fs.readFileSync(full, 'utf8').replace(/^slice_name: (.*)$/m, 'slice_name: $1 (v2)'),
    );
  }
  git(repoDir, 'commit', '-q', '-am', 'Rename three charts');
  // And a branch where the dashboard itself changes (its title): the whole dashboard is imported.
  git(repoDir, 'switch', '-q', '-c', 'retitle', 'main');
  const dashboardFile = path.join(repoDir, 'dashboard.yaml');
  fs.writeFileSync(
    dashboardFile,
    fs.readFileSync(dashboardFile, 'utf8').replace(/^dashboard_title: (.*)$/m, 'dashboard_title: $1 (v2)'),
  );
  git(repoDir, 'commit', '-q', '-am', 'Retitle the dashboard');
  git(repoDir, 'switch', '-q', 'main');

  const rows: BenchRow[] = [];
  rows.push({
    name: 'sync: export + normalize + write (23 charts)',
    ...(await measurePair(
      RUNS,
      () => task(`/api/dashboards/${uuid}/sync`),
      () => bareExport(dev, devId),
    )),
    baselineName: 'bare export call',
    maxRatio: 1.3,
  });

  // Baseline: git switch in a copy of the repository, then one dashboard import of that branch's bundle. The
  // copy's dashboard and charts get other uuids (and slug), so the baseline's imports never touch the dashboard
  // superset-git works on: the same sizes, on the same Superset, in turns.
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-')), 'copy');
  git(os.tmpdir(), 'clone', '-q', repoDir, copy);
  git(copy, 'branch', '-q', 'feature', 'origin/feature');
  const bundles = new Map(
    ['main', 'feature'].map((branch) => {
      git(copy, 'switch', '-q', branch);
      const files = new Map<string, string>();
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(path.join(copy, dir), { withFileTypes: true })) {
          const rel = dir ? `${dir}/${entry.name}` : entry.name;
          if (entry.isDirectory() && entry.name !== '.git') walk(rel);
          else if (entry.name.endsWith('.yaml'))
            files.set(rel, fs.readFileSync(path.join(copy, rel), 'utf8'));
        }
      };
      walk('');
      const own = [...files]
        .filter(([file]) => file === 'dashboard.yaml' || file.startsWith('charts/'))
        .map(([, text]) => text.match(/^uuid: (.*)$/m)![1]!);
      for (const [file, text] of files) {
        let changed = text.replace(/^slug: (.*)$/m, 'slug: $1-bench-copy');
        for (const uuid of own) changed = changed.replaceAll(uuid, `bbbbbbbb${uuid.slice(8)}`);
        files.set(file, changed);
      }
      return [branch, writeBundle(denormalizeTree(files).files, 'dashboard_export_bench')] as const;
    }),
  );
  const branches = ['feature', 'main'];
  const switchRow: BenchRow = {
    name: 'branch switch + import into Superset (3 charts differ)',
    ...(await measurePair(
      RUNS,
      async (index) => {
        const answer = await post(`/api/dashboards/${uuid}/switch`, { branch: branches[(index + 2) % 2] });
        if (answer.status !== 200) throw new Error(`switch: ${JSON.stringify(answer.body)}`);
      },
      async (index) => {
        const branch = branches[(index + 2) % 2]!;
        git(copy, 'switch', '-q', branch);
        await importDashboardZip(dev, bundles.get(branch)!);
      },
    )),
    baselineName: 'git switch + bare import call',
    maxRatio: 1.3,
    targetMax: 5000,
  };
  rows.push(switchRow);
  await post(`/api/dashboards/${uuid}/switch`, { branch: 'main' });
  const retitle = ['retitle', 'main'];
  rows.push({
    name: 'branch switch + import of the whole dashboard (its title differs)',
    ...(await measurePair(
      RUNS,
      async (index) => {
        const answer = await post(`/api/dashboards/${uuid}/switch`, { branch: retitle[(index + 2) % 2] });
        if (answer.status !== 200) throw new Error(`switch: ${JSON.stringify(answer.body)}`);
      },
      async (index) => {
        git(copy, 'switch', '-q', branches[(index + 2) % 2]!);
        await importDashboardZip(dev, bundles.get(branches[(index + 2) % 2]!)!);
      },
    )),
    baselineName: 'git switch + bare import call',
    targetMax: 5000,
  });
  await post(`/api/dashboards/${uuid}/switch`, { branch: 'main' });

  const prodId = await dashboardIdOf(prod, uuid).catch(async () => {
    await post(`/api/dashboards/${uuid}/deploy`, { environmentId: prodEnv.id, ref: 'main', dryRun: false });
    await server.services.tasks.idle();
    return dashboardIdOf(prod, uuid);
  });
  rows.push({
    name: 'deploy plan (dry run against prod)',
    ...(await measurePair(
      RUNS,
      async () => {
        const answer = await post<{ plan: DeployPlan }>(`/api/dashboards/${uuid}/deploy`, {
          environmentId: prodEnv.id,
          ref: 'feature',
          dryRun: true,
        });
        if (answer.status !== 200) throw new Error(`plan: ${JSON.stringify(answer.body)}`);
      },
      () => bareExport(prod, prodId),
    )),
    baselineName: 'one export of the target',
    maxRatio: 1.5,
  });

  await Promise.all([server.close(), dev.close(), prod.close()]);
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  return rows;
}
