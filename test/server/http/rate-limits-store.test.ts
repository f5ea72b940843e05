// The database's rate-limit windows: counted across connections, started anew when they end, swept away after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../apps/server/src/db/database.ts';
import { RateLimitsStore } from '../../../apps/server/src/http/rate-limits.store.ts';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

function twoConnections(): [RateLimitsStore, RateLimitsStore, Db] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-rate-')), 'superset-git.db');
  const [one, two] = [openDatabase(file), openDatabase(file)];
  opened.push(one, two);
  return [new RateLimitsStore(one), new RateLimitsStore(two), one];
}

describe('rate-limit windows in the database', () => {
  it('count hits from two connections to one file in one window', () => {
    const [a, b] = twoConnections();
    const now = 1_000_000;
    expect(a.hit('login 10.0.0.1', 60_000, now).hits).toBe(1);
    expect(b.hit('login 10.0.0.1', 60_000, now + 10).hits).toBe(2);
    const third = a.hit('login 10.0.0.1', 60_000, now + 20);
    expect(third).toEqual({ hits: 3, ttlMs: 59_980 });
    expect(b.peek('login 10.0.0.1', now + 30)).toEqual({ hits: 3, ttlMs: 59_970 });
    expect(b.hit('login 10.0.0.2', 60_000, now + 30).hits).toBe(1);
  });

  it('let a locked-out client in again once its window has ended, and forget ended windows', () => {
    const [a, b, db] = twoConnections();
    const now = 2_000_000;
    for (let i = 0; i < 5; i += 1) a.hit('login 10.0.0.1', 1_000, now);
    a.hit('login 10.0.0.2', 5_000, now);
    expect(b.peek('login 10.0.0.1', now + 1_000)).toEqual({ hits: 0, ttlMs: 0 });
    expect(b.hit('login 10.0.0.1', 1_000, now + 1_000)).toEqual({ hits: 1, ttlMs: 1_000 });

    expect(a.deleteEnded(now + 2_500)).toBe(1);
    const keys = db.$client.prepare('SELECT key FROM rate_limits').pluck().all();
    expect(keys).toEqual(['login 10.0.0.2']);
  });
});
