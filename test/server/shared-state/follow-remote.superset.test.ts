// Two servers on one PostgreSQL database, each with its own data dir, whose clones follow the dashboard's remote
// (`followRemote`): a commit on one is pushed at once, and a sync on the other first takes it from the remote, so
// its changes are Superset's edits since that commit and its own commit goes on top instead of beside it (real
// Superset dev, real git server, a throwaway PostgreSQL cluster of this file's own).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask, type ApiClient } from '@superset-git/api-client';
import type { GitRemote } from '@superset-git/harness';
import type { SupersetClient } from '@superset-git/superset';
import { supersetDev } from '../../superset-instances.ts';
import { runTask } from '../../support/api.ts';
import { clientFor, dashboardTitle, renameDashboard } from '../../support/superset-admin.ts';
import { takeSuiteLock } from '../../support/suite-lock.ts';
import { twoMachines, type TwoMachines } from '../../support/two-machines.ts';

let machines: TwoMachines | undefined;
let remote: GitRemote;
let onA: ApiClient;
let onB: ApiClient;
let dev: SupersetClient;
let uuid: string;
let title: string;
let releaseLock: (() => void) | undefined;

const at = () => ({ params: { path: { uuid } } });

beforeAll(async () => {
  releaseLock = await takeSuiteLock('seeded-dashboards');
  machines = await twoMachines({
    name: 'follow-remote',
    slug: 'extra-002',
    pluginConfig: { git: { followRemote: true } },
  });
  ({ remote, onA, onB, uuid } = machines);
  dev = clientFor(supersetDev());
  title = await dashboardTitle(dev, uuid);
}, 400_000);
afterAll(async () => {
  if (dev && title) await renameDashboard(dev, uuid, title).catch(() => undefined);
  await dev?.close();
  await machines?.stop();
  releaseLock?.();
});

/** Sync on a server, then commit there: the commit's push task, followed to its end. */
async function syncAndCommitOn(api: ApiClient, message: string) {
  const synced = await runTask(api, api.raw.POST('/api/dashboards/{uuid}/sync', at()));
  expect(synced.state, JSON.stringify(synced.log)).toBe('SUCCESS');
  const status = await api.GET('/api/dashboards/{uuid}/status', at());
  const created = await api.POST('/api/dashboards/{uuid}/commit', { ...at(), body: { message } });
  expect(created.pushTaskId, 'a commit is pushed by the server itself').toEqual(expect.any(Number));
  const pushed = await followTask(api, created.pushTaskId!, { intervalMs: 50, timeoutMs: 60_000 });
  expect(pushed.state, JSON.stringify(pushed.log)).toBe('SUCCESS');
  return { synced, status, oid: created.oid };
}

/** The remote's `main`, read from its bare repository. */
const remoteHead = () =>
  execFileSync('git', ['--git-dir', path.join(remote.root, 'follow-remote.git'), 'rev-parse', 'main'], {
    encoding: 'utf8',
  }).trim();

const lines = (task: { log: { message: string }[] }) => task.log.map((line) => line.message);

describe('two servers whose clones follow the remote', () => {
  it('push each commit, and a sync on the other takes it first, so commits follow on from each other', async () => {
    const first = await syncAndCommitOn(onA, 'As on dev');
    expect(remoteHead()).toBe(first.oid);
    // B clones it at first use.
    expect((await onB.GET('/api/dashboards/{uuid}/status', at())).git.head).toBe(first.oid);

    // Edited in Superset, synced and committed on A: pushed at once.
    await renameDashboard(dev, uuid, `${title} (edited for A)`);
    const onAEdit = await syncAndCommitOn(onA, 'Edit taken on A');
    expect(remoteHead()).toBe(onAEdit.oid);

    // B's copy is one commit behind now.
    await renameDashboard(dev, uuid, `${title} (edited for B)`);
    const onBEdit = await syncAndCommitOn(onB, 'Edit taken on B');
    expect(lines(onBEdit.synced)).toContainEqual(
      expect.stringMatching(/^Took 1 commit\(s\) of 'main' from the remote \(\w{8} → \w{8}\)$/),
    );
    // Only B's own edit shows: the title as A committed it against the one in Superset now.
    const titleChange = onBEdit.status.changes.find((change) => change.path === 'dashboard.yaml');
    expect(onBEdit.status.changes).toHaveLength(1);
    expect(JSON.stringify(titleChange)).toContain('(edited for A)');
    const history = await onB.GET('/api/dashboards/{uuid}/history', {
      ...at(),
      params: { ...at().params, query: {} },
    });
    expect(history.items.map((item) => item.subject).slice(0, 3)).toEqual([
      'Edit taken on B',
      'Edit taken on A',
      'As on dev',
    ]);
    expect(remoteHead()).toBe(onBEdit.oid);

    // And A, on its next sync, takes B's commit: nothing is left to commit.
    const again = await runTask(onA, onA.raw.POST('/api/dashboards/{uuid}/sync', at()));
    expect(lines(again)).toContainEqual(
      expect.stringMatching(/^Took 1 commit\(s\) of 'main' from the remote/),
    );
    const onAStatus = await onA.GET('/api/dashboards/{uuid}/status', at());
    expect(onAStatus.git).toMatchObject({ head: onBEdit.oid, clean: true, ahead: 0, behind: 0 });
  });

  it('take a branch the other server pushed to before switching to it, and say so', async () => {
    const switchOn = (api: ApiClient, branch: string) =>
      // Superset is left as it is: A's edits stay there for A to sync.
      api.POST('/api/dashboards/{uuid}/switch', { ...at(), body: { branch, importIntoSuperset: false } });
    await onA.POST('/api/dashboards/{uuid}/branches', { ...at(), body: { name: 'feature' } });
    expect((await switchOn(onA, 'feature')).fromRemote, 'not on the remote yet: nothing to say').toBeNull();
    await renameDashboard(dev, uuid, `${title} (on feature)`);
    const first = await syncAndCommitOn(onA, 'Feature, first');

    // B has no 'feature' yet: the switch itself takes it from the remote.
    expect(await switchOn(onB, 'feature')).toMatchObject({ head: first.oid, fromRemote: null });
    await switchOn(onB, 'main');

    await renameDashboard(dev, uuid, `${title} (on feature, again)`);
    const second = await syncAndCommitOn(onA, 'Feature, second');
    // B's 'feature' is one commit behind: taken before the switch, and the answer says so.
    const again = await switchOn(onB, 'feature');
    expect(again.head).toBe(second.oid);
    expect(again.fromRemote).toEqual({
      level: 'info',
      message: expect.stringMatching(/^Took 1 commit\(s\) of 'feature' from the remote \(\w{8} → \w{8}\)$/),
    });
  });
});
