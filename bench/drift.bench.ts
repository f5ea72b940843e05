// The drift check of a whole environment: 300 dashboards synced from bench-dev and deployed into bench-prod through
// the API (set-up, not timed), then the on-demand check of prod (`POST …/drift-check`, a task) timed from the
// request to the task's end while the server's resident memory is sampled from /proc. Baseline, in the same run:
// every tenth dashboard compared alone (`GET …/drift`), one after the other, scaled to 300.
import type {
  DashboardPage,
  DeployResult,
  DriftCheckRun,
  Environment,
  TaskDetail,
} from '@superset-git/contracts';
import { percentile, type BenchRow } from './bench-stats.ts';
import { SCALE_DASHBOARDS, type BenchSupersets } from './bench-supersets.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';

const RUNS = Number(process.env.BENCH_DRIFT_RUNS ?? 3);
const DEPLOY_CONCURRENCY = 4;
const SAMPLE_MS = 50;

async function finished(server: ServerProcess, taskId: number, intervalMs = 100): Promise<TaskDetail> {
  for (;;) {
    const task = await server.call<TaskDetail>('GET', `/api/tasks/${taskId}`);
    if (task.state === 'SUCCESS' || task.state === 'FAILED') return task;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Deploys each dashboard's main into prod, a few at a time; a failed one is tried once more. */
async function deployAll(server: ServerProcess, uuids: string[], prodId: number): Promise<void> {
  let next = 0;
  let done = 0;
  const deployOne = async (uuid: string) => {
    const { deployment } = await server.call<DeployResult>('POST', `/api/dashboards/${uuid}/deploy`, {
      environmentId: prodId,
      ref: 'main',
      dryRun: false,
    });
    return (await finished(server, deployment!.taskId!, 200)).state === 'SUCCESS';
  };
  const worker = async () => {
    while (next < uuids.length) {
      const uuid = uuids[next++]!;
      if (!(await deployOne(uuid)) && !(await deployOne(uuid)))
        throw new Error(`the deploy of ${uuid} into bench-prod failed twice`);
      done += 1;
      if (done % 50 === 0) process.stdout.write(`deployed ${done}/${uuids.length}\n`);
    }
  };
  await Promise.all(Array.from({ length: DEPLOY_CONCURRENCY }, worker));
}

/** One whole check of prod, timed, with the server's resident memory sampled meanwhile. */
async function checkOnce(
  server: ServerProcess,
  prodId: number,
): Promise<{ ms: number; peakMb: number; run: DriftCheckRun }> {
  let peakMb = server.memory().rssMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, server.memory().rssMb)), SAMPLE_MS);
  const started = performance.now();
  try {
    const { taskId } = await server.call<{ taskId: number }>(
      'POST',
      `/api/environments/${prodId}/drift-check`,
    );
    const task = await finished(server, taskId, 50);
    const ms = performance.now() - started;
    if (task.state !== 'SUCCESS') throw new Error(`the drift check failed: ${task.error}`);
    return { ms, peakMb, run: task.result as DriftCheckRun };
  } finally {
    clearInterval(sampler);
  }
}

export async function driftBench({ dev, prod }: BenchSupersets): Promise<BenchRow[]> {
  const server = await startServerProcess();
  try {
    const environment = (name: string, info: typeof dev) =>
      server.call<Environment>('POST', '/api/environments', {
        name,
        url: info.url,
        username: info.username,
        password: info.password,
      });
    const devEnv = await environment('dev', dev);
    const prodEnv = await environment('prod', prod);
    const sync = await server.call<{ taskId: number }>('POST', `/api/environments/${devEnv.id}/sync-all`, {
      commitMessage: 'As in dev',
    });
    const synced = await finished(server, sync.taskId, 500);
    if (synced.state !== 'SUCCESS') throw new Error(`sync-all failed: ${synced.error}`);
    const listing = await server.call<DashboardPage>(
      'GET',
      `/api/environments/${devEnv.id}/dashboards?pageSize=${SCALE_DASHBOARDS}`,
    );
    const uuids = listing.items.flatMap((item) => (item.uuid ? [item.uuid] : []));
    if (uuids.length < SCALE_DASHBOARDS)
      throw new Error(`bench-dev has ${uuids.length} dashboards, not ${SCALE_DASHBOARDS}`);
    const deployStarted = performance.now();
    await deployAll(server, uuids, prodEnv.id);
    process.stdout.write(
      `set-up: ${uuids.length} dashboards deployed into bench-prod in ${((performance.now() - deployStarted) / 1000).toFixed(0)} s\n`,
    );

    const warm = await checkOnce(server, prodEnv.id);
    if (warm.run.checked !== uuids.length || warm.run.failed > 0)
      throw new Error(`the check compared ${warm.run.checked} dashboards, ${warm.run.failed} failed`);
    const times: number[] = [];
    const peaks: number[] = [];
    const sample = uuids.filter((_, index) => index % 10 === 0);
    const baselines: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const { ms, peakMb, run: result } = await checkOnce(server, prodEnv.id);
      times.push(ms);
      peaks.push(peakMb);
      process.stdout.write(
        `drift check: ${result.checked} dashboards, ${result.drifted} drifted in ${(ms / 1000).toFixed(1)} s, RSS peak ${peakMb.toFixed(0)} MB\n`,
      );
      const begun = performance.now();
      for (const uuid of sample)
        await server.call('GET', `/api/dashboards/${uuid}/drift?environment=${prodEnv.id}`);
      baselines.push(((performance.now() - begun) * uuids.length) / sample.length);
    }
    const timing = (values: number[]) => ({ p50: percentile(values, 0.5), p95: percentile(values, 0.95) });
    return [
      {
        name: `drift check of ${uuids.length} dashboards, one environment (on request)`,
        ours: timing(times),
        baseline: timing(baselines),
        baselineName: `${sample.length} single drifts × ${uuids.length / sample.length}`,
        targetMax: 30_000,
      },
      {
        name: `drift check of ${uuids.length} dashboards: server peak memory (sampled)`,
        ours: timing(peaks),
        unit: 'MB',
        targetMax: 300,
      },
    ];
  } finally {
    await server.stop();
  }
}
