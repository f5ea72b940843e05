// The database's rate-limit windows: counted across connections, started anew when they end, swept away after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../apps/server/src/db/database.ts';
import { RateLimitsStore } from '../../../apps/server/src/http/rate-limits.store.ts';
import { testDatabaseLocation } from '../../support/test-database.ts';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

/** Two connections to one database, as two servers would have. */
async function twoConnections(): Promise<[RateLimitsStore, RateLimitsStore, Db]> {
  const where = await testDatabaseLocation(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-rate-')));
  const one = await openDatabase(where);
  const two = await openDatabase(where);
  opened.push(one, two);
  return [new RateLimitsStore(one), new RateLimitsStore(two), one];
}

describe('rate-limit windows in the database', () => {
  it('count hits from two connections to one database in one window', async () => {
    const [a, b] = await twoConnections();
    const now = 1_000_000;
    expect((await a.hit('login 10.0.0.1', 60_000, now)).hits).toBe(1);
    expect((await b.hit('login 10.0.0.1', 60_000, now + 10)).hits).toBe(2);
    const third = await a.hit('login 10.0.0.1', 60_000, now + 20);
    expect(third).toEqual({ hits: 3, ttlMs: 59_980 });
    expect(await b.peek('login 10.0.0.1', now + 30)).toEqual({ hits: 3, ttlMs: 59_970 });
    expect((await b.hit('login 10.0.0.2', 60_000, now + 30)).hits).toBe(1);
  });

  it('let a locked-out client in again once its window has ended, and forget ended windows', async () => {
    const [a, b, db] = await twoConnections();
    const now = 2_000_000;
    for (let i = 0; i < 5; i += 1) await a.hit('login 10.0.0.1', 1_000, now);
    await a.hit('login 10.0.0.2', 5_000, now);
    expect(await b.peek('login 10.0.0.1', now + 1_000)).toEqual({ hits: 0, ttlMs: 0 });
    expect(await b.hit('login 10.0.0.1', 1_000, now + 1_000)).toEqual({ hits: 1, ttlMs: 1_000 });

    expect(await a.deleteEnded(now + 2_500)).toBe(1);
    const keys = (await db.orm.select({ key: db.t.rateLimits.key }).from(db.t.rateLimits)).map(
      (row) => row.key,
    );
    expect(keys).toEqual(['login 10.0.0.2']);
  });
});
