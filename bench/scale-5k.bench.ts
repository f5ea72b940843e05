// 5,000 dashboards: sync-all (four at a time) and the hub, on a Superset of their own (`bench-5k`, port 18390,
// seeded with extra dashboards and stopped again when it was started here), each against the same run over the
// 300 dashboards of `bench-dev` in this bench: the time per dashboard must not grow much with the count. Then the
// same sync-all with two servers on PostgreSQL, and the hub read from the server that did not run it.
import type { DashboardPage, Environment, SyncAllResult, TaskDetail } from '@superset-git/contracts';
import {
  startPostgres,
  startSuperset,
  stopSuperset,
  supersetStatus,
  type SupersetInfo,
} from '@superset-git/harness';
import { listDashboardsWindow } from '@superset-git/superset';
import { clientFor } from '../test/support/superset-admin.ts';
import { measurePair, type BenchRow, type Timing } from './bench-stats.ts';
import { SCALE_DASHBOARDS, type BenchSupersets } from './bench-supersets.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';

/** BENCH_SCALE_DASHBOARDS sets a smaller count to try first (seeding grows an instance, never shrinks it). */
const LARGE = Number(process.env.BENCH_SCALE_DASHBOARDS ?? 5000);
const INSTANCE = { name: 'bench-5k', port: 18390 };
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The hub's largest page. */
const HUB_PAGE = 500;

/** The web UI's page sizes: its default, and the largest it offers. */
const UI_PAGE = 25;
const UI_LARGEST_PAGE = 100;

interface Run {
  dashboards: number;
  seconds: number;
  peakMb: number;
  hub: { ours: Timing; baseline: Timing };
  uiPage: { ours: Timing; baseline: Timing };
  uiLargest: { ours: Timing; baseline: Timing };
}

/**
 * The servers of a run: one on SQLite, or two on a throwaway PostgreSQL sharing one repositories folder. The
 * sync-all is asked of the first; the hub is read from the last, which on two servers need not be the one that ran
 * the sync-all (its git statuses are then cold).
 */
async function startServers(count: 1 | 2): Promise<{ servers: ServerProcess[]; stop: () => Promise<void> }> {
  if (count === 1) {
    const server = await startServerProcess();
    return { servers: [server], stop: () => server.stop() };
  }
  const cluster = await startPostgres();
  const env = {
    SUPERSET_GIT_DATABASE_URL: await cluster.createDatabase('scale_5k'),
    SUPERSET_GIT_SECRET_KEY: 'one-key-for-both-bench-servers-0123456789',
  };
  const first = await startServerProcess({ env: { ...env, SUPERSET_GIT_SERVER_ID: 'bench-a' } });
  const second = await startServerProcess({
    dataDir: first.dataDir,
    logFile: `${first.dataDir}-b.log`,
    env: { ...env, SUPERSET_GIT_SERVER_ID: 'bench-b' },
  });
  return {
    servers: [first, second],
    stop: async () => {
      await second.stop({ keepData: true });
      await first.stop();
      await cluster.stop();
    },
  };
}

async function syncAllAndHub(info: SupersetInfo, expected: number, count: 1 | 2 = 1): Promise<Run> {
  const { servers, stop } = await startServers(count);
  const server = servers[0]!;
  const reader = servers.at(-1)!;
  const superset = clientFor(info);
  try {
    const environment = await server.call<Environment>('POST', '/api/environments', {
      name: 'scale',
      url: info.url,
      username: info.username,
      password: info.password,
    });
    const started = performance.now();
    const { taskId } = await server.call<{ taskId: number }>(
      'POST',
      `/api/environments/${environment.id}/sync-all`,
      { commitMessage: 'As in Superset' },
    );
    let task: TaskDetail;
    let shown = -1;
    for (;;) {
      task = await server.call<TaskDetail>('GET', `/api/tasks/${taskId}`);
      const percent = Math.floor((task.progress ?? 0) * 10) * 10;
      if (percent !== shown) process.stdout.write(`sync-all of ${expected}: ${(shown = percent)}%\n`);
      if (task.state === 'SUCCESS' || task.state === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const seconds = (performance.now() - started) / 1000;
    if (task.state !== 'SUCCESS') throw new Error(`sync-all of ${expected} failed: ${task.error}`);
    const result = task.result as SyncAllResult;
    if (result.dashboards < expected) {
      // What the run said besides its per-dashboard lines: how many it expected, takeovers, late finds.
      const said = task.log.filter((line) => !line.message.startsWith('['));
      for (const line of said) process.stdout.write(`  task log: ${line.level} ${line.message}\n`);
      throw new Error(`the sync-all did ${result.dashboards} dashboards, not ${expected}`);
    }
    const peakMb = Math.max(...servers.map((one) => one.memory().peakMb));
    process.stdout.write(
      `sync-all on ${count} server(s): ${result.synced} of ${result.dashboards} synced, ${result.committed} committed in ${seconds.toFixed(1)} s (${((seconds * 1000) / result.dashboards).toFixed(0)} ms each); peak ${peakMb.toFixed(0)} MB\n`,
    );
    // Pages spread over the whole list, one per run, in turns with Superset's own listing of the same window.
    const pagesOf = (size: number) => {
      const pages = Math.ceil(result.dashboards / size);
      const pageOf = (index: number) => (Math.max(0, index) % pages) + 1;
      return measurePair(
        RUNS,
        async (index) => {
          const page = await reader.call<DashboardPage>(
            'GET',
            `/api/environments/${environment.id}/dashboards?pageSize=${size}&page=${pageOf(index)}`,
          );
          if (page.items.some((item) => item.git === null))
            throw new Error('the hub does not show every dashboard with its git status');
        },
        (index) => listDashboardsWindow(superset, { offset: (pageOf(index) - 1) * size, limit: size }),
      );
    };
    const hub = await pagesOf(Math.min(HUB_PAGE, result.dashboards));
    const uiPage = await pagesOf(UI_PAGE);
    const uiLargest = await pagesOf(UI_LARGEST_PAGE);
    return { dashboards: result.dashboards, seconds, peakMb, hub, uiPage, uiLargest };
  } finally {
    await superset.close();
    await stop();
  }
}

export async function scale5kBench({ dev }: BenchSupersets): Promise<BenchRow[]> {
  const wasRunning = (await supersetStatus(INSTANCE.name)).running;
  const seedStarted = performance.now();
  const large = await startSuperset({ ...INSTANCE, extraDashboards: LARGE - 3 });
  process.stdout.write(
    `bench-5k: ${LARGE} dashboards ready in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s (start and seeding)\n`,
  );
  try {
    const small = await syncAllAndHub(dev, SCALE_DASHBOARDS);
    const big = await syncAllAndHub(large, LARGE);
    const shared = await syncAllAndHub(large, LARGE, 2);
    const each = (run: Run) => {
      const ms = (run.seconds * 1000) / run.dashboards;
      return { p50: ms, p95: ms };
    };
    const perRow = (timing: Timing, count: number) => ({ p50: timing.p50 / count, p95: timing.p95 / count });
    const hubSize = (run: Run) => Math.min(HUB_PAGE, run.dashboards);
    return [
      {
        name: `sync-all of ${big.dashboards} dashboards: one run`,
        ours: { p50: big.seconds * 1000, p95: big.seconds * 1000 },
      },
      {
        name: `sync-all of ${big.dashboards} dashboards: time per dashboard`,
        ours: each(big),
        baseline: each(small),
        baselineName: `the same at ${small.dashboards}`,
        maxRatio: 1.2,
      },
      {
        name: `sync-all of ${big.dashboards} dashboards: server peak resident memory`,
        ours: { p50: big.peakMb, p95: big.peakMb },
        unit: 'MB',
        targetMax: 300,
      },
      {
        name: `sync-all of ${shared.dashboards} dashboards: two servers on PostgreSQL sharing the folder`,
        ours: { p50: shared.seconds * 1000, p95: shared.seconds * 1000 },
        baseline: { p50: big.seconds * 1000, p95: big.seconds * 1000 },
        baselineName: 'one server on SQLite',
      },
      {
        name: `hub of ${shared.dashboards} dashboards on the other server (PostgreSQL, statuses kept by the first): a page of ${hubSize(shared)}`,
        ...shared.hub,
        baselineName: `Superset's own listing of the same ${hubSize(shared)}`,
        targetMax: 1000,
      },
      {
        name: `hub of ${big.dashboards} dashboards: a page of ${hubSize(big)} with git status (HTTP)`,
        ...big.hub,
        baselineName: `Superset's own listing of the same ${hubSize(big)}`,
        targetMax: 1000,
      },
      {
        name: `hub of ${big.dashboards} dashboards: the web UI's page of ${UI_PAGE} (HTTP)`,
        ...big.uiPage,
        baselineName: `Superset's own listing of the same ${UI_PAGE}`,
        targetMax: 1000,
      },
      {
        name: `hub of ${big.dashboards} dashboards: the web UI's largest page, ${UI_LARGEST_PAGE} (HTTP)`,
        ...big.uiLargest,
        baselineName: `Superset's own listing of the same ${UI_LARGEST_PAGE}`,
        targetMax: 1000,
      },
      {
        name: `hub of ${big.dashboards} dashboards: time per listed dashboard`,
        ours: perRow(big.hub.ours, hubSize(big)),
        baseline: perRow(small.hub.ours, hubSize(small)),
        baselineName: `the hub of ${small.dashboards}`,
        maxRatio: 1.2,
      },
    ];
  } finally {
    if (!wasRunning) await stopSuperset(INSTANCE.name);
  }
}
