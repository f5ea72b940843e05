// A lock between processes: a directory holding its owner's pid, so two starts at once build or start a venv, a
// template or an instance once, and test files that change the same Superset objects take turns. A lock whose
// owner died is taken over.
import fs from 'node:fs';
import path from 'node:path';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function ownerOf(lock: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')) || null;
  } catch {
    return null;
  }
}

/** Waits for the lock directory `lock`; answers the function that releases it. */
export async function takeDirLock(
  lock: string,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<() => void> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(lock);
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      // A lock with no pid yet is being taken right now, unless it is old.
      if ((owner !== null && !alive(owner)) || (owner === null && age > 60_000))
        fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is still held by process ${owner ?? '?'}`);
      else await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
    }
  }
}

/** Runs `work` holding the lock of a cache directory (`<dir>.lock`). */
export async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const release = await takeDirLock(`${dir}.lock`);
  try {
    return await work();
  } finally {
    release();
  }
}
