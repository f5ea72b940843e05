// The disk holding the data dir fills up (a 64 MB tmpfs mounted for the test; skipped, saying why, where the
// machine does not allow a mount): a commit and a sync fail with a message that says so, the server stays up,
// and once space is freed nothing is corrupt (git fsck, SQLite integrity_check) and the same actions work.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followTask } from '@superset-git/api-client';
import { supersetDev } from '../superset-instances.ts';
import { refusal } from '../support/api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { clientFor, dashboardUuid } from '../support/superset-admin.ts';
import { addEnvironment, dashboardTask, databaseIntegrity, fsck, git } from './stress-fixtures.ts';

const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-disk-full-'));
let mountRefused: string | null = null;
let server: ServerProcess | undefined;

/** Writes zeros until the file system refuses: first in 1 MB pieces, then 4 KB, so not a block is left. */
function fill(file: string): number {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 4096, 512]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          written += fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountDir], { stdio: 'pipe' });
  } catch (error) {
    mountRefused = String((error as { stderr?: Buffer }).stderr ?? error).trim();
  }
});

afterAll(async () => {
  await server?.stop();
  if (!mountRefused) execFileSync('umount', [mountDir]);
  fs.rmSync(mountDir, { recursive: true, force: true });
  fs.rmSync(`${mountDir}.log`, { force: true });
});

describe('the disk fills up', () => {
  it('a commit and a sync say the disk is full; once space is freed nothing is corrupt and both work', async (context) => {
    context.skip(mountRefused !== null, `this machine refuses a tmpfs mount: ${mountRefused}`);
    const dev = supersetDev();
    const devClient = clientFor(dev);
    const uuid = await dashboardUuid(devClient, 'customers');
    await devClient.close();
    const dataDir = path.join(mountDir, 'data');
    fs.mkdirSync(dataDir);
    // The log goes elsewhere: the server must tell about the full disk, so its log must not be on it.
    server = await startServerProcess({ dataDir, logFile: `${mountDir}.log` });
    const environment = await addEnvironment(server, 'dev', dev);
    const api = server.api;
    const dashboard = { params: { path: { uuid } } };
    await api.POST('/api/dashboards/{uuid}/repository', {
      ...dashboard,
      body: { environmentId: environment.id, mode: 'init' },
    });
    expect((await dashboardTask(server, 'sync', uuid)).state).toBe('SUCCESS');
    const first = await api.POST('/api/dashboards/{uuid}/commit', {
      ...dashboard,
      body: { message: 'Customers as exported' },
    });
    const repoDir = path.join(dataDir, 'repos', uuid);
    const dashboardFile = path.join(repoDir, 'dashboard.yaml');
    const edited = fs
      .readFileSync(dashboardFile, 'utf8')
      .replace(/^dashboard_title: .*$/m, 'dashboard_title: Customers on a full disk');
    fs.writeFileSync(dashboardFile, edited);

    const filler = path.join(mountDir, 'filler');
    const filled = fill(filler);
    process.stdout.write(`disk full: ${(filled / 2 ** 20).toFixed(1)} MB of zeros took the rest of 64 MB\n`);

    const commit = await refusal(
      api.POST('/api/dashboards/{uuid}/commit', { ...dashboard, body: { message: 'Title on a full disk' } }),
    );
    expect(commit.status, `${commit.code}: ${commit.message}`).toBe(507);
    expect(commit.message).toMatch(/disk .*is full/i);
    const sync = await api.raw.POST('/api/dashboards/{uuid}/sync', dashboard);
    const syncStatus = sync.response.status;
    process.stdout.write(`disk full: the commit answered ${commit.status}, the sync ${syncStatus}\n`);
    if (syncStatus === 202) {
      const task = await followTask(api, sync.data!.taskId);
      expect(task.state).toBe('FAILED');
      expect(task.error).toMatch(/disk .*is full/i);
    } else {
      expect(syncStatus, JSON.stringify(sync.error)).toBe(507);
      expect(sync.error!.error.message).toMatch(/disk .*is full/i);
    }
    expect((await api.raw.GET('/api/health')).response.status).toBe(200);

    fs.rmSync(filler);
    fsck(repoDir);
    expect(git(repoDir, 'rev-parse', 'HEAD')).toBe(first.oid);
    // The user's edit is still in the work tree, and commits now.
    expect(fs.readFileSync(dashboardFile, 'utf8')).toBe(edited);
    await api.POST('/api/dashboards/{uuid}/commit', {
      ...dashboard,
      body: { message: 'Title after space was freed' },
    });
    expect(git(repoDir, 'show', 'HEAD:dashboard.yaml')).toContain('Customers on a full disk');
    expect((await dashboardTask(server, 'sync', uuid)).state).toBe('SUCCESS');
    fsck(repoDir);

    await server.stop({ keepData: true });
    server = undefined;
    expect(databaseIntegrity(dataDir)).toBe('ok');
  });
});
