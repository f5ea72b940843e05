// The server as users run it, in its own process, for figures about the whole process: cold start, idle and
// peak memory (from /proc), and HTTP calls with a session like the web UI's.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const PASSWORD = 'bench-admin-password';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  /** Resident memory now, and its high-water mark since start, in MB. */
  memory(): { rssMb: number; peakMb: number };
  call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export async function startServerProcess(): Promise<ServerProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-bench-server-'));
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SUPERSET_GIT_PORT: String(port),
      SUPERSET_GIT_DATA_DIR: dataDir,
      SUPERSET_GIT_ADMIN_PASSWORD: PASSWORD,
      SUPERSET_GIT_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} while starting`);
    const ok = await fetch(`${url}/api/health`)
      .then((answer) => answer.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startMs = performance.now() - started;
  let cookie = '';
  let csrf = '';
  const call = async <T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}${route}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${route}: ${answer.status} ${text}`);
    if (route === '/api/auth/login') cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
    return (text ? JSON.parse(text) : null) as T;
  };
  csrf = (
    await call<{ csrfToken: string }>('POST', '/api/auth/login', { username: 'admin', password: PASSWORD })
  ).csrfToken;
  return {
    url,
    pid: child.pid!,
    startMs,
    memory: () => ({ rssMb: procStatusMb(child.pid!, 'VmRSS'), peakMb: procStatusMb(child.pid!, 'VmHWM') }),
    call,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
