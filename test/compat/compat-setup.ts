// Starts every Superset the compatibility suite needs, fresh from its template (the journeys deploy into empty
// targets), and stops them at the end. Each release's venv and templates are built once and cached outside the
// clone.
import type { TestProject } from 'vitest/node';
import { resetSuperset, startSuperset, stopSuperset, type SupersetInfo } from '@superset-git/harness';
import { COMPAT_SUPERSETS } from './compat-instances.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const entries = Object.entries(COMPAT_SUPERSETS);
  const infos: Record<string, SupersetInfo> = {};
  // At most four start at once: each start is a Python process busy for a while on 2 cores.
  const queue = [...entries];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await resetSuperset(next[1].name);
        infos[next[0]] = await startSuperset(next[1]);
      }
    }),
  );
  process.stderr.write(
    `${entries.length} Supersets ready in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  project.provide('compatSupersets', infos);
  return async () => {
    await Promise.all(entries.map(([, options]) => stopSuperset(options.name)));
  };
}
