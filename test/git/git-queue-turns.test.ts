// What one request does in one turn of its repository's queue: under load (50 clients on 10 repositories) a
// second turn waits behind every write queued meanwhile, and a write slipping in between changes the answer.
import { describe, expect, it } from 'vitest';
import { commit, log, push, setRemote, status, statusWithHead } from '@superset-git/git';
import { startGitRemote } from '@superset-git/harness';
import { ALICE, commitFiles, newRepo, write } from './git-fixtures.ts';

describe('one request, one turn of the queue', () => {
  it('a status describes each change against the HEAD it saw, even with a commit queued right behind it', async () => {
    const repo = await newRepo();
    await commitFiles(repo, { 'charts/a.yaml': 'v: 1\n', 'charts/b.yaml': 'w: 1\n' }, 'first');
    write(repo, 'charts/a.yaml', 'v: 2\n');
    write(repo, 'charts/c.yaml', 'new: 1\n');
    const seen = statusWithHead(repo);
    const committed = commit(repo, { message: 'second', author: ALICE, stage: 'all' });
    const { status, head } = await seen;
    await committed;
    expect(status.files.map((file) => file.path).sort()).toEqual(['charts/a.yaml', 'charts/c.yaml']);
    // The committed text of the changed file, not of the commit that came after; none for the new file.
    expect(head.get('charts/a.yaml')?.toString('utf8')).toBe('v: 1\n');
    expect(head.has('charts/c.yaml')).toBe(false);
    expect(head.has('charts/b.yaml')).toBe(false);
  });

  it('20 people editing and committing one file each at once all get their commit (staging is in the same turn)', async () => {
    const repo = await newRepo();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, async (_, index) => {
        write(repo, `charts/c${index}.yaml`, `n: ${index}\n`);
        return commit(repo, { message: `chart ${index}`, author: ALICE, stage: [`charts/c${index}.yaml`] });
      }),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const history = await log(repo, { limit: 50 });
    expect(history.items).toHaveLength(21);
    expect(history.nextCursor).toBeNull();
  });

  it('the first page of history starts at HEAD and pages on from there while new commits arrive', async () => {
    const repo = await newRepo();
    for (let index = 0; index < 4; index += 1)
      await commitFiles(repo, { [`charts/c${index}.yaml`]: `n: ${index}\n` }, `chart ${index}`);
    const first = await log(repo, { limit: 2 });
    expect(first.items.map((item) => item.subject)).toEqual(['chart 3', 'chart 2']);
    await commitFiles(repo, { 'charts/late.yaml': 'n: late\n' }, 'late');
    const second = await log(repo, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.subject)).toEqual(['chart 1', 'chart 0']);
  });

  it('a push holds no turn while it talks to the remote: status and commit go on, and the upstream is what it sent', async () => {
    const slow = await startGitRemote({ pushDelayMs: 1500 });
    try {
      const repo = await newRepo();
      await setRemote(repo, { url: slow.createRepository('slow') });
      const sent = await commitFiles(repo, { 'charts/a.yaml': 'v: 1\n' }, 'first');
      const pushing = push(repo, { credentials: { username: 'x', token: slow.token } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const started = performance.now();
      write(repo, 'charts/a.yaml', 'v: 2\n');
      await commit(repo, { message: 'while pushing', author: ALICE, stage: 'all' });
      expect((await status(repo)).clean).toBe(true);
      // The remote holds the push for 1.5 s; the commit and the status did not wait for it.
      expect(performance.now() - started).toBeLessThan(1000);
      expect(await pushing).toMatchObject({ branch: 'main', head: sent, upstream: 'origin/main' });
      expect(await status(repo)).toMatchObject({ upstream: 'origin/main', ahead: 1, behind: 0 });
    } finally {
      await slow.stop();
    }
  });

  it('two pushes of one repository at once go one after the other, so the newer commit is what the remote keeps', async () => {
    const remote = await startGitRemote();
    try {
      const repo = await newRepo();
      await setRemote(repo, { url: remote.createRepository('twice') });
      const credentials = { username: 'x', token: remote.token };
      await commitFiles(repo, { 'charts/a.yaml': 'v: 1\n' }, 'first');
      const first = push(repo, { credentials });
      const newer = await commitFiles(repo, { 'charts/a.yaml': 'v: 2\n' }, 'second');
      const second = push(repo, { credentials });
      expect((await Promise.allSettled([first, second])).map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
      ]);
      expect(await status(repo)).toMatchObject({ head: newer, upstream: 'origin/main', ahead: 0 });
    } finally {
      await remote.stop();
    }
  });
});
