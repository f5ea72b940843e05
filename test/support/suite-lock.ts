// A lock between test files that run in parallel workers: files that change the seeded dashboards (rename a
// chart, delete and re-import them on prod, deploy) or compare two of their exports take it, so they never see
// each other's edits half-way.
import os from 'node:os';
import path from 'node:path';
import { takeDirLock } from '@superset-git/harness';

/** Waits for the named lock (a directory holding the owner's pid; a dead owner's lock is taken over). */
export function takeSuiteLock(name: string, timeoutMs = 170_000): Promise<() => void> {
  return takeDirLock(path.join(os.tmpdir(), `superset-git-test-lock-${name}`), { timeoutMs, pollMs: 200 });
}
