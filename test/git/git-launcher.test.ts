// git is started from a small helper process, not from the server: fork() blocks the caller's event loop for a
// time that grows with its memory (~5–9 ms per git process for a 250 MB server, 40% of its main thread under
// load). The helper is replaced when it dies, and the calls it had fail clearly.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gitLauncherPid, runGit } from '@superset-git/git';
import { tempDir } from './git-fixtures.ts';

/** Runs a shell through a git alias and answers what it printed; git is its parent ($PPID) while it runs. */
const viaAlias = (command: string, options: { timeoutMs?: number } = {}) =>
  runGit(['-c', `alias.probe=!${command}`, 'probe'], { cwd: tempDir(), ...options }).then((result) =>
    result.stdout.trim(),
  );

const parentOf = (pid: string | number) =>
  fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1];

describe('the git launcher', () => {
  it('starts every git process from a small helper, never from this process', async () => {
    // The alias's shell prints the parent of its git: the process that spawned git.
    const spawner = await viaAlias('cut -d" " -f4 /proc/$PPID/stat');
    expect(spawner).toBe(String(gitLauncherPid()));
    expect(spawner).not.toBe(String(process.pid));
    expect(parentOf(spawner)).toBe(String(process.pid));
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${spawner}/status`, 'utf8'))?.[1]);
    expect(rssKb / 1024).toBeLessThan(100);
  });

  it('fails the calls under way clearly when the helper dies, and starts a new one for the next call', async () => {
    await runGit(['--version'], { cwd: tempDir() });
    const first = gitLauncherPid()!;
    const slow = viaAlias('sleep 1; echo done');
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.kill(first, 'SIGKILL');
    await expect(slow).rejects.toMatchObject({
      code: 'GIT_UNAVAILABLE',
      message: expect.stringMatching(/launcher/),
    });
    const version = await runGit(['--version'], { cwd: tempDir() });
    expect(version.stdout).toMatch(/^git version/);
    expect(gitLauncherPid()).not.toBe(first);
  });

  it('hands over stdin, stdout bytes and exit codes as they are', async () => {
    const dir = tempDir();
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13]);
    const oid = (await runGit(['hash-object', '--stdin'], { cwd: dir, stdin: bytes })).stdout.trim();
    expect(oid).toMatch(/^[0-9a-f]{40}$/);
    const failed = await runGit(['rev-parse', '--verify', '--quiet', 'nothing'], {
      cwd: dir,
      okExitCodes: [0, 1, 128],
    });
    expect(failed.exitCode).not.toBe(0);
  });
});
