// A throwaway PostgreSQL for tests, benchmarks and CI: Debian's PostgreSQL (`initdb` + `pg_ctl`) in a temporary
// folder on its own port, trusting local connections, with durability switched off (nothing in it must survive).
// PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` user.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';
import { runCommand } from './run-command.ts';

export interface PostgresCluster {
  /** postgres://user@127.0.0.1:port/postgres */
  url: string;
  port: number;
  /** A new empty database, answered as its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (a restart's fast shutdown: clients are cut off), keeping its data: the database goes away. */
  pause(): Promise<void>;
  /** Starts it again on the same port after pause(). */
  resume(): Promise<void>;
  /** Stops the server at once (as a crash would) and removes its folder. */
  stop(): Promise<void>;
}

const USER = 'superset_git';
const NAME = /^[a-z_][a-z0-9_]*$/;

/** The newest installed PostgreSQL's programs, or a message saying how to install it. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && fs.existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql` (Debian package).');
  return path.join(root, versions[0]!, 'bin');
}

export async function startPostgres(options: { port?: number } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const port = options.port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-postgres-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ];
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  // Under root every program runs as `postgres`, which owns the folder.
  const run = (program: string, args: string[], what: string) =>
    asRoot
      ? runCommand('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], what)
      : runCommand(path.join(bin, program), args, what);
  const start = () =>
    run(
      'pg_ctl',
      ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings.join(' '), '-w', 'start'],
      'pg_ctl start',
    );
  try {
    await run(
      'initdb',
      ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      'initdb',
    );
    await start();
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url: url('postgres'),
    port,
    async createDatabase(name) {
      if (!NAME.test(name)) throw new Error(`'${name}' is not a plain database name`);
      await runCommand(
        path.join(bin, 'createdb'),
        ['-h', '127.0.0.1', '-p', String(port), '-U', USER, name],
        `createdb ${name}`,
      );
      return url(name);
    },
    async pause() {
      // Not `immediate`: with durability off for speed, a crash would lose the last commits.
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], 'pg_ctl stop');
    },
    async resume() {
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], 'pg_ctl stop').catch(
        () => undefined,
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
