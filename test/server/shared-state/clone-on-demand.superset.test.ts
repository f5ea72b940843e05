// Two servers on one PostgreSQL database, each with its own data dir (two machines): a dashboard connected and
// pushed through one is served by the other, which clones it from the git remote at first use (real Superset
// dev, real git server, a throwaway PostgreSQL cluster of this file's own).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@superset-git/api-client';
import { runTask } from '../../support/api.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import type { TestServer } from '../../support/test-server.ts';
import { twoMachines, type TwoMachines } from '../../support/two-machines.ts';

let machines: TwoMachines | undefined;
let b: TestServer;
let onA: ApiClient;
let onB: ApiClient;
let uuid: string;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  machines = await twoMachines({ name: 'customers-shared', slug: 'customers' });
  ({ b, onA, onB, uuid } = machines);
}, 400_000);
afterAll(async () => {
  await machines?.stop();
  releaseLock?.();
});

const at = () => ({ params: { path: { uuid } } });

describe('a dashboard on two servers with their own data dirs', () => {
  it('is synced and pushed on one, and served by the other from a clone of the remote', async () => {
    const synced = await runTask(onA, onA.raw.POST('/api/dashboards/{uuid}/sync', at()));
    expect(synced.state, JSON.stringify(synced.log)).toBe('SUCCESS');
    await onA.POST('/api/dashboards/{uuid}/commit', {
      ...at(),
      body: { message: 'Customers as on dev' },
    });
    const pushed = await runTask(onA, onA.raw.POST('/api/dashboards/{uuid}/push', at()));
    expect(pushed.state, JSON.stringify(pushed.log)).toBe('SUCCESS');
    const head = (await onA.GET('/api/dashboards/{uuid}/status', at())).git.head;

    expect(fs.existsSync(path.join(b.dataDir, 'repos', uuid))).toBe(false);
    const there = await onB.GET('/api/dashboards/{uuid}/status', at());
    expect(there.git).toMatchObject({ head, clean: true, upstream: 'origin/main', ahead: 0, behind: 0 });
    expect(there.repo.title).toBe((await onA.GET('/api/dashboards/{uuid}/status', at())).repo.title);
    const history = await onB.GET('/api/dashboards/{uuid}/history', {
      ...at(),
      params: { ...at().params, query: {} },
    });
    expect(history.items[0]?.subject).toBe('Customers as on dev');
  });
});
