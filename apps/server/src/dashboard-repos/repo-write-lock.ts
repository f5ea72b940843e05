// One git write (and one push) per dashboard repository at a time across every server on the database: servers
// sharing the repositories' folder (one volume, or one data dir) would otherwise meet each other's git lock files,
// or one would clear a lock the other's git still holds. A row of operation_locks, taken around each write and
// renewed while it runs; a row left by a server that stopped mid-write is taken over once it is older than a
// lease, or at once when it was this server's before a restart.
import crypto from 'node:crypto';
import path from 'node:path';
import { GitError, type WriteGuard } from '@superset-git/git';
import type { OperationLocksStore } from '../tasks/operation-locks.store.ts';

/** A hold not renewed for this long belongs to a server that stopped in the middle of a write. */
const LEASE_MS = 30_000;
/** How long a write waits for another server's before it answers "busy". */
const WAIT_MS = 60_000;

const nounOf = (kind: 'write' | 'remote') => (kind === 'write' ? 'write' : 'push');

const repoWriteSubject = (dashboardUuid: string, kind: 'write' | 'remote') =>
  `dashboard ${dashboardUuid}: git ${nounOf(kind)}`;

export function repoWriteLock(store: OperationLocksStore, server: string): WriteGuard {
  // A hold names its server and this run of it: one left by this server's previous run (killed mid-write, then
  // restarted) is taken over at once instead of after the lease.
  const mine = `${server}|`;
  const run = `${mine}${crypto.randomUUID()}|`;
  const abandoned = (holder: { token: string; createdAt: string }) =>
    Date.parse(holder.createdAt) < Date.now() - LEASE_MS ||
    (holder.token.startsWith(mine) && !holder.token.startsWith(run));
  return async (repoPath, kind, work) => {
    const subject = repoWriteSubject(path.basename(repoPath), kind);
    const token = `${run}${crypto.randomUUID()}`;
    const hold = { token, taskId: null, what: `a git ${nounOf(kind)} on server ${server}` };
    const giveUpAt = Date.now() + WAIT_MS;
    let pause = 2;
    while (!(await store.take(subject, hold))) {
      const holder = await store.get(subject);
      if (holder && abandoned(holder)) {
        await store.release(subject, holder.token);
        continue;
      }
      if (Date.now() > giveUpAt)
        throw new GitError(
          'GIT_LOCKED',
          `Another server has been ${kind === 'write' ? 'writing to' : 'pushing'} this dashboard's repository for over a minute (${holder?.what ?? 'a git write'}); try again in a moment.`,
        );
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 50);
    }
    const renew = setInterval(() => {
      store.renew(subject, token, new Date().toISOString()).catch(() => undefined);
    }, LEASE_MS / 3);
    renew.unref();
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await store.release(subject, token).catch(() => undefined);
    }
  };
}
