// PostgreSQL as the store, against a real throwaway cluster of its own (Debian's PostgreSQL): servers starting
// together migrate once, a wrong SUPERSET_GIT_DATABASE_URL is refused with a reason and without its password,
// and a database that goes away answers 503 until it is back, then works again.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '@superset-git/harness';
import { openDatabase } from '../../../apps/server/src/db/database.ts';
import { apiOf } from '../../support/api.ts';
import { startServerProcess } from '../../support/server-process.ts';
import { login, startTestServer } from '../../support/test-server.ts';

const JOURNAL = path.resolve(import.meta.dirname, '../../../apps/server/drizzle-postgres/meta/_journal.json');

describe('PostgreSQL as the store', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('is migrated once when several servers start on a new database at the same moment', async () => {
    const url = await cluster.createDatabase('started_together');
    const opened = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url })));
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
      );
      await client.end();
      const entries = (JSON.parse(fs.readFileSync(JOURNAL, 'utf8')) as { entries: unknown[] }).entries;
      expect(Number(rows[0]!.n)).toBe(entries.length);
      // Every one of them can use it.
      for (const db of opened) expect(await db.orm.select().from(db.t.users)).toEqual([]);
    } finally {
      await Promise.all(opened.map((db) => db.close()));
    }
  });

  it('refuses a URL where nothing answers, a wrong database and a wrong user, saying which and hiding the password', async () => {
    const base = new URL(cluster.url);
    const at = (change: (url: URL) => void) => {
      const url = new URL(base);
      url.password = 'hunter2-secret';
      change(url);
      return url.toString();
    };
    const refusal = (url: string) =>
      openDatabase({ url }).then(
        () => 'opened',
        (error: Error) => error.message,
      );
    const nobody = await refusal(at((url) => (url.port = '1')));
    expect(nobody).toMatch(
      /Cannot use the PostgreSQL database at postgres:\/\/superset_git:\*\*\*@127\.0\.0\.1:1\//,
    );
    expect(nobody).toMatch(/nothing answers there/);
    const missing = await refusal(at((url) => (url.pathname = '/no_such_database')));
    expect(missing).toMatch(/"no_such_database" does not exist.*Create it first/);
    const stranger = await refusal(at((url) => (url.username = 'nobody_here')));
    expect(stranger).toMatch(/nobody_here/);
    for (const message of [nobody, missing, stranger]) expect(message).not.toContain('hunter2-secret');
  });

  it('keeps a server from starting on a wrong URL, with the reason on its output', async () => {
    await expect(
      startServerProcess({
        env: { SUPERSET_GIT_DATABASE_URL: 'postgres://someone:pw-secret@127.0.0.1:1/x' },
      }),
    ).rejects.toThrow(
      /superset-git could not start: Cannot use the PostgreSQL database .*nothing answers there/,
    );
    await expect(
      startServerProcess({ env: { SUPERSET_GIT_DATABASE_URL: 'mysql://someone@127.0.0.1/x' } }),
    ).rejects.toThrow(/databaseUrl: must be a postgres:\/\/ or postgresql:\/\/ URL/);
  });

  it('names the database it started on, without the password', async () => {
    const url = new URL(await cluster.createDatabase('named_on_start'));
    url.password = 'pw-not-to-print'; // the throwaway cluster trusts local logins, so any password is taken
    const server = await startServerProcess({ env: { SUPERSET_GIT_DATABASE_URL: url.toString() } });
    try {
      const output = fs.readFileSync(server.logFile, 'utf8');
      expect(output).toMatch(
        new RegExp(
          `listening on .* \\(database postgres://superset_git:\\*\\*\\*@127\\.0\\.0\\.1:${url.port}/named_on_start, repositories in `,
        ),
      );
      expect(output).not.toContain('pw-not-to-print');
    } finally {
      await server.stop();
    }
  });

  it('answers 503 while the database is away, and works again once it is back', async () => {
    const server = await startTestServer({
      config: { databaseUrl: await cluster.createDatabase('goes_away') },
    });
    try {
      const api = apiOf(server, await login(server)).raw;
      expect((await api.GET('/api/environments')).response.status).toBe(200);
      await cluster.pause();
      const away = await api.GET('/api/environments');
      expect(away.response.status).toBe(503);
      expect(away.error?.error).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect(away.error?.error.message).toMatch(/The database does not answer/);
      await cluster.resume();
      await expect.poll(async () => (await api.GET('/api/environments')).response.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
