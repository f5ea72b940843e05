// A Superset with 300 dashboards: all of them put into git by one sync-all task (the server in its own process,
// its peak memory read from /proc), then the hub listing all 300 with their git status against Superset's own
// listing of the same 300.
import type { DashboardPage, Environment, SyncAllResult, TaskDetail } from '@superset-git/contracts';
import { listDashboardsWindow } from '@superset-git/superset';
import { clientFor } from '../test/support/superset-admin.ts';
import { measurePair, type BenchRow } from './bench-stats.ts';
import { SCALE_DASHBOARDS, type BenchSupersets } from './bench-supersets.ts';
import { startServerProcess } from '../test/support/server-process.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

export async function scaleBench({ dev }: BenchSupersets): Promise<BenchRow[]> {
  const server = await startServerProcess();
  const superset = clientFor(dev);
  try {
    const environment = await server.call<Environment>('POST', '/api/environments', {
      name: 'dev',
      url: dev.url,
      username: dev.username,
      password: dev.password,
    });
    const before = server.memory();
    const started = performance.now();
    const { taskId } = await server.call<{ taskId: number }>(
      'POST',
      `/api/environments/${environment.id}/sync-all`,
      {
        commitMessage: 'As in dev',
      },
    );
    let task: TaskDetail;
    let shown = -1;
    for (;;) {
      task = await server.call<TaskDetail>('GET', `/api/tasks/${taskId}`);
      const percent = Math.floor((task.progress ?? 0) * 10) * 10;
      if (percent !== shown) process.stdout.write(`sync-all: ${(shown = percent)}%\n`);
      if (task.state === 'SUCCESS' || task.state === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const seconds = (performance.now() - started) / 1000;
    if (task.state !== 'SUCCESS') throw new Error(`sync-all failed: ${task.error}`);
    const result = task.result as SyncAllResult;
    if (result.dashboards < SCALE_DASHBOARDS)
      throw new Error(`the bench Superset has ${result.dashboards} dashboards, not ${SCALE_DASHBOARDS}`);
    const { peakMb } = server.memory();
    process.stdout.write(
      `sync-all: ${result.synced} dashboards synced and ${result.committed} committed in ${seconds.toFixed(1)} s; server RSS ${before.rssMb.toFixed(0)} MB before, peak ${peakMb.toFixed(0)} MB\n`,
    );

    const hub = `/api/environments/${environment.id}/dashboards?pageSize=${SCALE_DASHBOARDS}`;
    const listing = await server.call<DashboardPage>('GET', hub);
    if (listing.items.length !== SCALE_DASHBOARDS || listing.items.some((item) => item.git === null))
      throw new Error('the hub does not show every dashboard with its git status');
    return [
      {
        name: `hub: ${SCALE_DASHBOARDS} dashboards with git status (HTTP)`,
        ...(await measurePair(
          RUNS,
          () => server.call('GET', hub),
          () => listDashboardsWindow(superset, { offset: 0, limit: SCALE_DASHBOARDS }),
        )),
        baselineName: `Superset's own listing of ${SCALE_DASHBOARDS}`,
        targetMax: 1000,
      },
      {
        name: `sync-all of ${SCALE_DASHBOARDS} dashboards: server peak resident memory`,
        ours: { p50: peakMb, p95: peakMb },
        unit: 'MB',
        targetMax: 300,
      },
      {
        name: `sync-all of ${SCALE_DASHBOARDS} dashboards (connect, sync, commit each): one run`,
        ours: { p50: seconds * 1000, p95: seconds * 1000 },
      },
    ];
  } finally {
    await superset.close();
    await server.stop();
  }
}
