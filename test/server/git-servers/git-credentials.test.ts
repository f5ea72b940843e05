// A token used for clone and push appears nowhere: not in the data dir (database, .git/config), not in the
// process list while git runs, not in server logs, task logs or API answers.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneRepository, commit, push, stage } from '@superset-git/git';
import { startGitRemote, type GitRemote } from '@superset-git/harness';
import { apiOf } from '../../support/api.ts';
import { login, startTestServer, type Caller, type TestServer } from '../../support/test-server.ts';
import { processList } from '../../support/process-list.ts';

let remote: GitRemote;
let server: TestServer;
let caller: Caller;
const logLines: string[] = [];

beforeAll(async () => {
  remote = await startGitRemote({ pushDelayMs: 1500 });
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
  server = await startTestServer({ config: { logLevel: 'debug' }, logStream });
  caller = await login(server);
});
afterAll(async () => {
  await Promise.all([server?.close(), remote?.stop()]);
});

describe('git credentials', () => {
  it('never leave the token in the data dir, the process list, the logs or the answers', async () => {
    const token = remote.token;
    const saved = await apiOf(server, caller).raw.POST('/api/git/servers', {
      body: { name: 'Local', provider: 'generic', url: remote.url, token },
    });
    expect(saved.response.status).toBe(201);
    const url = remote.createRepository('secret-check');
    const dir = path.join(server.dataDir, 'repos', 'secret-check');
    const credentials = { username: 'git', token };

    const samples: string[] = [];
    const task = await server.services.tasks.start(
      { kind: 'git.push', title: 'Clone and push', createdBy: null },
      async (context) => {
        const { repo } = await cloneRepository({
          url,
          dir,
          credentials,
          onProgress: (line) => context.log(line),
        });
        fs.writeFileSync(path.join(dir, 'dashboard.yaml'), 'dashboard_title: Secret check\n');
        await stage(repo);
        await commit(repo, { message: 'first', author: { name: 'Admin', email: 'admin@example.com' } });
        const pushing = push(repo, { credentials, onProgress: (line) => context.log(line) });
        // The server holds the push for 1.5 s: sample the process list while git is running.
        const sampler = setInterval(() => samples.push(processList()), 100);
        try {
          return await pushing;
        } finally {
          clearInterval(sampler);
        }
      },
    );
    await server.services.tasks.idle();
    const detail = await apiOf(server, caller).raw.GET('/api/tasks/{id}', {
      params: { path: { id: task.id } },
    });
    expect(detail.data!.state, JSON.stringify(detail.data ?? detail.error)).toBe('SUCCESS');

    // The token was really used, and git was really running while we looked.
    expect(remote.authorizations.length).toBeGreaterThan(0);
    expect(samples.some((sample) => /git(-remote-http)? .*(push|127\.0\.0\.1)/.test(sample))).toBe(true);

    for (const sample of samples) expect(sample.includes(token)).toBe(false);
    const basic = Buffer.from(`git:${token}`).toString('base64');
    for (const sample of samples) expect(sample.includes(basic)).toBe(false);

    server.services.db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    const files = fs.readdirSync(server.dataDir, { recursive: true, encoding: 'utf8' });
    expect(files).toContain(path.join('repos', 'secret-check', '.git', 'config'));
    for (const file of files) {
      const full = path.join(server.dataDir, file);
      if (fs.statSync(full).isFile()) {
        const bytes = fs.readFileSync(full);
        expect(bytes.includes(token), file).toBe(false);
        expect(bytes.includes(basic), file).toBe(false);
      }
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('').includes(token)).toBe(false);
    expect(JSON.stringify(detail.data).includes(token)).toBe(false);
    expect(detail.data!.log.length).toBeGreaterThan(0);
  });
});
