// The throwaway PostgreSQL the harness starts for tests and benchmarks: Debian's server in a temporary folder,
// on its own port, reachable by URL, gone without a trace when stopped.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgresBinDir, startPostgres } from '../harness/src/postgres-cluster.ts';

const psql = (url: string, sql: string) =>
  execFileSync(path.join(postgresBinDir(), 'psql'), [url, '-XAtqc', sql], { encoding: 'utf8' }).trim();

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('a throwaway PostgreSQL cluster', () => {
  it('starts on its own port, makes databases that keep rows, and is gone when stopped', async () => {
    const cluster = await startPostgres();
    try {
      const url = await cluster.createDatabase('sg_one');
      expect(url).toBe(`postgres://superset_git@127.0.0.1:${cluster.port}/sg_one`);
      psql(url, 'create table t (id int primary key, name text); insert into t values (1, $$Sales$$)');
      expect(psql(url, 'select name from t where id = 1')).toBe('Sales');
      expect(psql(url, 'show server_version_num').slice(0, 2)).toBe(
        path.basename(path.dirname(postgresBinDir())),
      );
      await expect(cluster.createDatabase('bad name; drop')).rejects.toThrow(/not a plain database name/);
    } finally {
      await cluster.stop();
    }
    expect(await accepts(cluster.port)).toBe(false);
  }, 60_000);
});
