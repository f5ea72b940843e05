// Starts the real Superset the integration and browser tests use (reusing one already up), stops what it started.
import type { TestProject } from 'vitest/node';
import { startSuperset, stopSuperset, supersetStatus } from '@superset-git/harness';
import { TEST_SUPERSETS } from './superset-instances.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { name, port, extraDashboards } = TEST_SUPERSETS.dev;
  const wasRunning = (await supersetStatus(name)).running;
  const started = Date.now();
  const info = await startSuperset({ name, port, extraDashboards });
  process.stderr.write(
    `Superset '${name}' ready at ${info.url} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  project.provide('supersetDev', info);
  return async () => {
    if (!wasRunning) await stopSuperset(name);
  };
}
