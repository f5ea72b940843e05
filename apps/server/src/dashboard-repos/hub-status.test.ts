// The hub's kept statuses on servers that share the repositories folder: a write by one server makes the others'
// kept status stale, and a server that did not read a status takes the one another kept, under the same stamp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, initRepository, Repo, stage } from '@superset-git/git';
import { statusOf } from './hub-status.ts';

const ME = { name: 'Pat Committer', email: 'pat@example.com' };
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-hub-status-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function committedRepo(name: string): Promise<Repo> {
  const repo = await initRepository(path.join(root, name), { author: ME });
  await repo.write(async () => fs.writeFileSync(path.join(repo.path, 'dashboard.yaml'), 'title: One\n'));
  await stage(repo);
  await commit(repo, { message: 'One', author: ME });
  return repo;
}

describe('the hub status kept for a repository', () => {
  it('is stale on another server once this one writes, however soon after', async () => {
    const here = await committedRepo('stale');
    // Another server on the same folder: its own handle, its own queue, its own memory.
    const there = new Repo(here.path);
    expect((await statusOf(there)).clean).toBe(true);
    const before = there.writeStamp();
    await here.write(async () => fs.writeFileSync(path.join(here.path, 'dashboard.yaml'), 'title: Two\n'));
    expect(there.writeStamp()).not.toBe(before);
    expect(await statusOf(there)).toMatchObject({ clean: false, files: [{ path: 'dashboard.yaml' }] });
    // Two writes back to back still differ.
    const stamps = new Set<string>();
    for (let write = 0; write < 5; write += 1) {
      await here.write(() => Promise.resolve());
      stamps.add(here.writeStamp());
    }
    expect(stamps.size).toBe(5);
  });

  it('is taken by a server that did not read it, from the file kept in the repository, while nothing wrote', async () => {
    const here = await committedRepo('kept');
    await here.write(async () => fs.writeFileSync(path.join(here.path, 'new.yaml'), 'a: 1\n'));
    const read = await statusOf(here);
    const kept = JSON.parse(
      fs.readFileSync(path.join(here.gitDir, 'superset-git', 'hub-status.json'), 'utf8'),
    ) as { stamp: string; status: unknown };
    expect(kept).toEqual({ stamp: here.writeStamp(), status: read });
    // What the other server answers is what was kept: a file changed behind git's back does not show until a write.
    fs.writeFileSync(path.join(here.path, 'outside.yaml'), 'b: 1\n');
    expect(await statusOf(new Repo(here.path))).toEqual(read);
    await here.write(() => Promise.resolve());
    expect((await statusOf(new Repo(here.path))).files.map((file) => file.path).sort()).toEqual([
      'new.yaml',
      'outside.yaml',
    ]);
  });
});
