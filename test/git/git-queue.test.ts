// One queue per repository: concurrent requests never meet git's index.lock, and a lock left by a crash is cleared.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clearLocksLeftByCrash, commit, log, openRepo, stage, status, Repo } from '@superset-git/git';
import { ALICE, newRepo, write } from './git-fixtures.ts';

describe('the repository queue', () => {
  it('runs 60 concurrent stage, commit and status requests without a single lock error, losing no file', async () => {
    const repo = await newRepo();
    const work = Array.from({ length: 20 }, (_, index) => async () => {
      write(repo, `charts/c${index}.yaml`, `n: ${index}\n`);
      await stage(repo, [`charts/c${index}.yaml`]);
      return commit(repo, { message: `chart ${index}`, author: ALICE });
    });
    const results = await Promise.allSettled([
      ...work.map((run) => run()),
      ...Array.from({ length: 20 }, () => status(repo)),
    ]);
    // Stages interleave, so an early commit may take later files with it and leave a later one nothing to
    // commit; that is the only failure allowed. Never a lock error.
    const codes = results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as { code: string }).code] : [],
    );
    expect(codes.filter((code) => code !== 'GIT_NOTHING_TO_COMMIT')).toEqual([]);
    const committed = (await log(repo, { limit: 100 })).items;
    expect(committed).toHaveLength(21 - codes.length);
    expect((await status(repo)).clean).toBe(true);
  });

  it('gives every caller of the same folder the same queue', async () => {
    const repo = await newRepo();
    expect(openRepo(repo.path)).toBe(repo);
    expect(openRepo(`${repo.path}/`)).toBe(repo);
  });

  it('clears an index.lock left by a crashed git process and goes on', async () => {
    const repo = await newRepo();
    const lock = path.join(repo.path, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    const old = new Date(Date.now() - 10 * 60_000);
    fs.utimesSync(lock, old, old);
    write(repo, 'a.yaml', 'a: 1\n');
    await stage(repo);
    await commit(repo, { message: 'after the crash', author: ALICE });
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('at start, removes the locks a crash left (older than the process) and keeps a fresh one', async () => {
    const repo = await newRepo();
    const crashed = path.join(repo.path, '.git', 'index.lock');
    const live = path.join(repo.path, '.git', 'HEAD.lock');
    fs.writeFileSync(crashed, '');
    fs.writeFileSync(live, '');
    const beforeStart = new Date(Date.now() - process.uptime() * 1000 - 60_000);
    fs.utimesSync(crashed, beforeStart, beforeStart);
    expect(clearLocksLeftByCrash(repo.path)).toEqual(['index.lock']);
    expect(fs.existsSync(crashed)).toBe(false);
    expect(fs.existsSync(live)).toBe(true);
  });

  it('waits for a git process outside superset-git, then says the repository is busy', async () => {
    const created = await newRepo();
    const repo = new Repo(created.path, { lockWaitMs: 300 });
    const lock = path.join(repo.path, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    write(repo, 'a.yaml', 'a: 1\n');
    await expect(stage(repo)).rejects.toMatchObject({ code: 'GIT_LOCKED' });
    expect(fs.existsSync(lock)).toBe(true);
    // Released within the wait: the write goes through.
    setTimeout(() => fs.rmSync(lock), 100);
    const slow = new Repo(created.path, { lockWaitMs: 3000 });
    fs.writeFileSync(lock, '');
    await stage(slow);
    expect((await status(slow)).files[0]).toMatchObject({ path: 'a.yaml', staged: 'added' });
  });
});
