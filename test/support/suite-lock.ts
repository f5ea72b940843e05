// A lock between test files that run in parallel workers: files that change the seeded dashboards (rename a
// chart, delete and re-import them on prod, deploy) or compare two of their exports take it, so they never see
// each other's edits half-way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits for the named lock (a directory holding the owner's pid; a dead owner's lock is taken over). */
export async function takeSuiteLock(name: string, timeoutMs = 170_000): Promise<() => void> {
  const dir = path.join(os.tmpdir(), `superset-git-test-lock-${name}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(path.join(dir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (owner && !alive(owner)) fs.rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`Test lock '${name}' is still held by process ${owner}`);
      else await sleep(200);
    }
  }
}
