// A lock between processes on a cache directory (a venv, a template, an instance), so two starts at once build or
// start it once. The lock is a directory holding its owner's pid: a lock whose owner died is taken over.
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

export async function withLock<T>(dir: string, work: () => Promise<T>, timeoutMs = 30 * 60_000): Promise<T> {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(lock);
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      // A lock with no pid yet is being taken right now, unless it is old.
      if ((owner !== null && !alive(owner)) || (owner === null && age > 60_000))
        fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${lock} (held by pid ${owner ?? '?'})`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
