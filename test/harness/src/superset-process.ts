// Runs Superset commands and the detached `superset run` web server of one instance directory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cacheDir, supersetBin, type SupersetVersion } from './harness-paths.ts';
import { runCommand } from './run-command.ts';

export function writeConfig(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(cacheDir(), 'superset-examples'), { recursive: true });
  const config = [
    '# Written by the superset-git test harness.',
    "SECRET_KEY = 'superset-git-harness-secret-key-not-for-production'",
    `SQLALCHEMY_DATABASE_URI = 'sqlite:///${path.join(dir, 'superset.db')}'`,
    'PREVENT_UNSAFE_DB_CONNECTIONS = False',
    // Where `superset load-examples` puts the examples' data (by default ~/.superset, outside the cache).
    `SQLALCHEMY_EXAMPLES_URI = 'sqlite:///${path.join(cacheDir(), 'superset-examples', 'examples.db')}'`,
    'WTF_CSRF_ENABLED = True',
    'TALISMAN_ENABLED = False',
    'SQLLAB_BACKEND_PERSISTENCE = False',
    "FEATURE_FLAGS = {'DASHBOARD_RBAC': False}",
    // The default metastore cache breaks with the flask-caching pip resolves; one process needs no shared cache.
    "CACHE_CONFIG = {'CACHE_TYPE': 'SimpleCache'}",
    "DATA_CACHE_CONFIG = {'CACHE_TYPE': 'SimpleCache'}",
    "FILTER_STATE_CACHE_CONFIG = {'CACHE_TYPE': 'SimpleCache'}",
    "EXPLORE_FORM_DATA_CACHE_CONFIG = {'CACHE_TYPE': 'SimpleCache'}",
    "THUMBNAIL_CACHE_CONFIG = {'CACHE_TYPE': 'NullCache'}",
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'superset_config.py'), config);
}

function env(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SUPERSET_CONFIG_PATH: path.join(dir, 'superset_config.py'),
    FLASK_APP: 'superset',
    PYTHONUNBUFFERED: '1',
  };
}

/** Runs a `superset` command of one instance directory; several can run at once (templates of several releases). */
export function supersetCommand(dir: string, version: SupersetVersion, args: string[]): Promise<void> {
  return runCommand(supersetBin(version), args, `superset ${args.join(' ')} (Superset ${version})`, {
    env: env(dir),
    cwd: dir,
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok && (await response.text()).trim() === 'OK';
  } catch {
    return false;
  }
}

/** Starts `superset run` detached (it outlives this process); returns its pid. */
export function spawnServer(dir: string, port: number, version: SupersetVersion): number {
  const log = fs.openSync(path.join(dir, 'superset.log'), 'a');
  const child = spawn(
    supersetBin(version),
    ['run', '-h', '127.0.0.1', '-p', String(port), '--with-threads'],
    {
      env: env(dir),
      cwd: dir,
      detached: true,
      stdio: ['ignore', log, log],
    },
  );
  child.unref();
  fs.closeSync(log);
  if (!child.pid) throw new Error('superset run did not start');
  fs.writeFileSync(path.join(dir, 'superset.pid'), `${child.pid}\n${port}\n`);
  return child.pid;
}

export async function waitHealthy(url: string, pid: number, dir: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isHealthy(url)) return;
    if (!alive(pid)) {
      const tail = fs.readFileSync(path.join(dir, 'superset.log'), 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`Superset exited during start; last log lines:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `Superset did not answer on ${url} within ${timeoutMs / 1000} s (log: ${path.join(dir, 'superset.log')})`,
  );
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readPidFile(dir: string): { pid: number; port: number } | null {
  const file = path.join(dir, 'superset.pid');
  if (!fs.existsSync(file)) return null;
  const [pid, port] = fs.readFileSync(file, 'utf8').trim().split('\n').map(Number);
  return pid && port ? { pid, port } : null;
}

/** Stops the whole process group (the reloader and workers too) and waits for the port to be free. */
export async function killServer(dir: string): Promise<void> {
  const running = readPidFile(dir);
  if (!running) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-running.pid, name);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (alive(running.pid) || !(await portIsFree(running.port)))) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (alive(running.pid)) signal('SIGKILL');
  fs.rmSync(path.join(dir, 'superset.pid'), { force: true });
}
