// The Superset instances the benchmarks share: a seeded dev with enough extra dashboards to make 300, and a prod.
import { startSuperset, stopSuperset, supersetStatus, type SupersetInfo } from '@superset-git/harness';

export interface BenchSupersets {
  dev: SupersetInfo;
  prod: SupersetInfo;
}

/** The seed makes 3 dashboards; the scale benchmark wants 300. */
export const SCALE_DASHBOARDS = 300;
const INSTANCES = [
  { name: 'bench-dev', port: 18388, extraDashboards: SCALE_DASHBOARDS - 3 },
  { name: 'bench-prod', port: 18389, extraDashboards: 0 },
];

/** Starts both (reusing running ones) and answers how to stop what was started here. */
export async function startBenchSupersets(): Promise<{
  supersets: BenchSupersets;
  stop: () => Promise<void>;
}> {
  const wasRunning = await Promise.all(
    INSTANCES.map(async (item) => (await supersetStatus(item.name)).running),
  );
  const [dev, prod] = await Promise.all(INSTANCES.map((item) => startSuperset(item)));
  return {
    supersets: { dev: dev!, prod: prod! },
    stop: async () => {
      await Promise.all(
        INSTANCES.map((item, index) => (wasRunning[index] ? undefined : stopSuperset(item.name))),
      );
    },
  };
}
