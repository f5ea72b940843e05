// "One at a time" across servers on one database: a subject held by a task on one server is refused on another,
// naming the holder; it is free again when the work ends, and when the holding server falls silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationLocksStore } from '../../../apps/server/src/tasks/operation-locks.store.ts';
import { OperationLocks } from '../../../apps/server/src/tasks/operation-locks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

function held(): { work: Promise<void>; end: () => void } {
  let end!: () => void;
  const work = new Promise<void>((resolve) => (end = resolve));
  return { work, end };
}

const SUBJECT = 'dashboard 0d1e: deploy into environment 2';
const busy = (holder: { what: string }) => `A deploy is running (${holder.what}).`;
const spec = { kind: 'demo', title: 'Deploy', createdBy: 1 };

describe('one-at-a-time locks of two servers on one database', () => {
  let a: TestServer;
  let b: TestServer;
  const ends: Array<() => void> = [];
  beforeAll(async () => {
    a = await startTestServer({ config: { serverId: 'locks-a', taskHeartbeatSeconds: 0.2 } });
    b = await startTestServer({
      dataDir: a.dataDir,
      config: { serverId: 'locks-b', taskHeartbeatSeconds: 0.2 },
    });
  });
  afterAll(async () => {
    for (const end of ends) end();
    await b?.close();
    await a?.close();
  });
  const locksOf = (server: TestServer) =>
    new OperationLocks(server.services.tasks, new OperationLocksStore(server.services.db));

  it('refuses on one server what a task of the other holds, and lets it go when the work ends', async () => {
    const [onA, onB] = [locksOf(a), locksOf(b)];
    const first = held();
    ends.push(first.end);
    const task = await onA.start(SUBJECT, { spec, what: 'Deployment 7', busy }, () => first.work);
    await expect(onB.start(SUBJECT, { spec, busy }, async () => undefined)).rejects.toThrow(
      'A deploy is running (Deployment 7).',
    );
    await expect(onB.assertFree(SUBJECT, busy)).rejects.toThrow('Deployment 7');
    expect(await onB.holder(SUBJECT)).toEqual({ taskId: task.id, what: 'Deployment 7' });
    // Both asking at the same moment: one gets it.
    first.end();
    await a.services.tasks.idle();
    const both = await Promise.allSettled([
      onA.start(SUBJECT, { spec, busy }, async () => undefined),
      onB.start(SUBJECT, { spec, busy }, async () => undefined),
    ]);
    expect(both.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    await Promise.all([a.services.tasks.idle(), b.services.tasks.idle()]);
    expect(await onB.holder(SUBJECT)).toBeUndefined();
  });

  it('frees what a server held once that server falls silent', async () => {
    const [onA, onB] = [locksOf(a), locksOf(b)];
    b.services.tasks.onInterrupted((ids) => onB.releaseTasks(ids));
    const stuck = held();
    ends.push(stuck.end);
    a.services.tasks.stopWatching(); // A is killed, as far as the database can tell
    await onA.start(SUBJECT, { spec, what: 'Deployment 8', busy }, () => stuck.work);
    await expect.poll(() => onB.holder(SUBJECT), { timeout: 10_000 }).toBeUndefined();
    const next = await onB.start(SUBJECT, { spec, busy }, async () => undefined);
    expect(next.id).toBeGreaterThan(0);
  });
});
