// Starts the real Superset instances the integration and browser tests use (reusing ones already up), and
// stops what it started.
import type { TestProject } from 'vitest/node';
import { startSuperset, stopSuperset, supersetStatus } from '@superset-git/harness';
import { TEST_SUPERSETS } from './superset-instances.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const instances = Object.values(TEST_SUPERSETS);
  const wasRunning = await Promise.all(
    instances.map(async (instance) => (await supersetStatus(instance.name)).running),
  );
  const [dev, prod] = await Promise.all(instances.map((instance) => startSuperset(instance)));
  process.stderr.write(
    `Superset 'test-dev' and 'test-prod' ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  project.provide('supersetDev', dev!);
  project.provide('supersetProd', prod!);
  return async () => {
    await Promise.all(
      instances.map((instance, index) => (wasRunning[index] ? undefined : stopSuperset(instance.name))),
    );
  };
}
