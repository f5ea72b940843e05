// `npm run build` gives a server and a CLI that run with plain node, and `npm start` runs only a current build.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from '../../support/server-process.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('the compiled build', { timeout: 240_000 }, () => {
  // Inside the repository, so the bundles find node_modules (better-sqlite3) as dist/ does.
  const out = path.join(ROOT, '.tmp', `build-test-${process.pid}`);
  let server: ServerProcess;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'apps/web/build/index.html')))
      await run('npm', ['run', 'build:web', '--silent'], { cwd: ROOT });
    await run(process.execPath, ['scripts/build.mjs', '--out', out], { cwd: ROOT });
    server = await startServerProcess({ nodeArgs: [path.join(out, 'server/main.js')] });
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('is plain JavaScript: the server bundle runs without tsx and holds no TypeScript import', () => {
    const main = fs.readFileSync(path.join(out, 'server/server.cjs'), 'utf8');
    expect(main).not.toMatch(/from\s*["'][^"']*\.ts["']/);
    expect(main).not.toMatch(/(import\(|from\s*|require\()\s*["']tsx/);
  });

  it('answers /api/health, and ran its migrations (the admin could log in)', async () => {
    const health = await server.request<{ status: string }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const me = await server.request<{ user: { username: string } }>('GET', '/api/auth/me');
    expect(me.body.user.username).toBe('admin');
  });

  it('serves the web UI’s index page and the API docs', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain('<title>superset-git');
    const client = await fetch(`${server.url}/dashboards`);
    expect(await client.text()).toBe(html);
    expect((await fetch(`${server.url}/api/docs/`)).status).toBe(200);
    const docsScript = await fetch(`${server.url}/api/docs/static/swagger-ui-bundle.js`);
    expect(docsScript.status).toBe(200);
    expect((await docsScript.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });

  it('keeps its compiled code for the next start once started', async () => {
    await expect.poll(() => fs.existsSync(path.join(out, 'server/server.cjs.cache'))).toBe(true);
  });

  it('gives a CLI that prints its help and version', async () => {
    const help = await run(process.execPath, [path.join(out, 'cli/main.js'), '--help'], { cwd: os.tmpdir() });
    expect(help.stdout).toContain('Usage: superset-git <command>');
    const version = await run(process.execPath, [path.join(out, 'cli/main.js'), '--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives a CLI whose `serve` starts the compiled server, and stops it with itself', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-serve-'));
    const serve = spawn(process.execPath, [path.join(out, 'cli/main.js'), 'serve'], {
      env: { ...process.env, SUPERSET_GIT_PORT: String(port), SUPERSET_GIT_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    serve.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => serve.once('exit', resolve));
    try {
      await expect
        .poll(() =>
          fetch(`http://127.0.0.1:${port}/api/health`).then(
            (answer) => answer.status,
            () => 0,
          ),
        )
        .toBe(200);
      expect(output).toContain(`superset-git is listening on http://127.0.0.1:${port}`);
      const child = fs.readFileSync(`/proc/${serve.pid}/task/${serve.pid}/children`, 'utf8').trim();
      const command = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      expect(command.slice(1, 2)).toEqual([path.join(out, 'server/main.js')]);
    } finally {
      serve.kill('SIGTERM');
      expect(await exited).toBe(0);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const gone = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      () => 'up',
      () => 'down',
    );
    expect(gone).toBe('down');
  });
});

describe('npm start', () => {
  // A copy of the start script in a folder laid out like the repository, with a stand-in for the build.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-start-'));
  const start = () =>
    run(process.execPath, [path.join(root, 'scripts/start.mjs')]).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );
  const write = (file: string, text: string, mtime: Date) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
    fs.utimesSync(path.join(root, file), mtime, mtime);
  };

  beforeAll(() => {
    for (const script of ['start.mjs', 'build-freshness.mjs'])
      write(`scripts/${script}`, fs.readFileSync(path.join(ROOT, 'scripts', script), 'utf8'), new Date());
    write('apps/server/src/app.ts', '', new Date(Date.now() - 60_000));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('says in one line that there is no build, and how to make one', async () => {
    const answer = await start();
    expect(answer.code).toBe(1);
    expect(answer.stderr).toBe(
      'superset-git: there is no build (dist/server/main.js); run `npm run build`, then `npm start` again.\n',
    );
  });

  it('refuses a build older than a source, naming the source', async () => {
    write('dist/server/main.js', "console.log('the compiled server ran');", new Date(Date.now() - 120_000));
    const answer = await start();
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain(
      'the build in dist/ is older than apps/server/src/app.ts; run `npm run build`',
    );
  });

  it('runs a build newer than every source with plain node', async () => {
    write('dist/server/main.js', "console.log('the compiled server ran');", new Date());
    const answer = await start();
    expect(answer).toMatchObject({ code: 0, stdout: 'the compiled server ran\n' });
  });
});
