// The server as users run it, in its own process: for what only a whole process shows (cold start, memory from
// /proc, a kill -9 and a restart on the same data dir, many clients over real HTTP). Calls carry a session like
// the web UI's (cookie + CSRF header).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiClient } from '@superset-git/api-client';
import { freePort } from '@superset-git/harness';
import { apiAt, type Caller } from './api.ts';
import { testDatabaseUrl } from './test-database.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const PROCESS_ADMIN_PASSWORD = 'process-admin-password';

export { freePort };

export interface ProcessAnswer<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  port: number;
  dataDir: string;
  /** Everything the process wrote to stdout and stderr (`<dataDir>.log` unless told otherwise). */
  logFile: string;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  /** Resident memory now, and its high-water mark since start, in MB. */
  memory(): { rssMb: number; peakMb: number };
  /** The admin's session (cookie and CSRF token), for another client as the admin. */
  caller: Required<Pick<Caller, 'cookie' | 'csrf'>>;
  /** The typed API client over the real port, as the admin: how the tests call the server. */
  api: ApiClient;
  /** One untyped call with the admin's session; never throws on an HTTP error. For bench/. */
  request<T = unknown>(method: string, route: string, body?: unknown): Promise<ProcessAnswer<T>>;
  /** One untyped call that must succeed (2xx), else throws with the answer. For bench/. */
  call<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  /** Sends the signal (SIGKILL: to the whole process group, git children included) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** SIGTERM, and the data dir removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface ServerProcessOptions {
  /** Reuse a data dir (a restart after a kill); a fresh temporary one otherwise. */
  dataDir?: string;
  port?: number;
  logLevel?: string;
  env?: Record<string, string>;
  /** Where stdout and stderr go; `<dataDir>.log` by default. */
  logFile?: string;
  /** The first admin's password (PROCESS_ADMIN_PASSWORD by default). */
  adminPassword?: string;
  /** node's arguments: the server's sources through tsx by default; `COMPILED_SERVER` runs the build. */
  nodeArgs?: readonly string[];
}

/** The server as `npm start` runs it: the compiled build in dist/ (made by `npm run build`), plain node. */
export const COMPILED_SERVER = ['scripts/start.mjs'] as const;

function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sg-process-'));
  const port = options.port ?? (await freePort());
  const logFile = options.logFile ?? `${dataDir}.log`;
  const log = fs.openSync(logFile, 'a');
  const databaseUrl = options.env?.SUPERSET_GIT_DATABASE_URL ?? (await testDatabaseUrl(dataDir));
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    options.nodeArgs ?? ['--import', 'tsx', 'apps/server/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SUPERSET_GIT_HOST: '127.0.0.1',
        SUPERSET_GIT_PORT: String(port),
        SUPERSET_GIT_DATA_DIR: dataDir,
        SUPERSET_GIT_ADMIN_PASSWORD: options.adminPassword ?? PROCESS_ADMIN_PASSWORD,
        SUPERSET_GIT_LOG_LEVEL: options.logLevel ?? 'warn',
        ...(databaseUrl ? { SUPERSET_GIT_DATABASE_URL: databaseUrl } : {}),
        ...options.env,
      },
      stdio: ['ignore', log, log],
      // Its own process group, so a kill takes the git processes it started too, as a crash of the machine would.
      detached: true,
    },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited while starting: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    const ok = await fetch(`${url}/api/health`)
      .then((answer) => answer.ok)
      .catch(() => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startMs = performance.now() - started;
  let cookie = '';
  let csrf = '';
  const request = async <T>(method: string, route: string, body?: unknown): Promise<ProcessAnswer<T>> => {
    const begun = performance.now();
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
    let parsed: unknown = text;
    if ((answer.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    if (route === '/api/auth/login' && answer.ok)
      cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0]!;
    return { status: answer.status, body: parsed as T, ms: performance.now() - begun };
  };
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const answer = await request<T>(method, route, body);
    if (answer.status >= 300)
      throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  csrf = (
    await call<{ csrfToken: string }>('POST', '/api/auth/login', {
      username: 'admin',
      password: options.adminPassword ?? PROCESS_ADMIN_PASSWORD,
    })
  ).csrfToken;
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(signal === 'SIGKILL' ? -child.pid! : child.pid!, signal);
      } catch {
        /* already gone */
      }
    }
    await exited;
  };
  return {
    url,
    pid: child.pid!,
    port,
    dataDir,
    logFile,
    startMs,
    memory: () => ({ rssMb: procStatusMb(child.pid!, 'VmRSS'), peakMb: procStatusMb(child.pid!, 'VmHWM') }),
    caller: { cookie, csrf },
    api: apiAt(url, { cookie, csrf }),
    request,
    call,
    kill,
    stop: async ({ keepData = false } = {}) => {
      await kill('SIGTERM');
      if (!keepData) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(logFile, { force: true });
      }
    },
  };
}
