// The rate_limits table: fixed windows counted in the database, so every server on it counts the same hits.
import { eq, lte, sql } from 'drizzle-orm';
import { changedRows, type Db } from '../db/database.ts';

export interface RateLimitWindow {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  ttlMs: number;
}

export class RateLimitsStore {
  constructor(private readonly db: Db) {}

  /** Counts one hit in one statement (no read-then-write race between servers); an ended window starts anew. */
  async hit(key: string, windowMs: number, now: number): Promise<RateLimitWindow> {
    const { orm, t } = this.db;
    const { rateLimits } = t;
    const ended = sql`${rateLimits.resetAt} <= ${now}`;
    const [row] = await orm
      .insert(rateLimits)
      .values({ key, hits: 1, resetAt: now + windowMs })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`CASE WHEN ${ended} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
          resetAt: sql`CASE WHEN ${ended} THEN ${now + windowMs} ELSE ${rateLimits.resetAt} END`,
        },
      })
      .returning({ hits: rateLimits.hits, resetAt: rateLimits.resetAt });
    return { hits: row!.hits, ttlMs: row!.resetAt - now };
  }

  /** The current window without counting a hit; an ended or missing one reads as empty. */
  async peek(key: string, now: number): Promise<RateLimitWindow> {
    const { orm, t } = this.db;
    const [row] = await orm.select().from(t.rateLimits).where(eq(t.rateLimits.key, key));
    if (!row || row.resetAt <= now) return { hits: 0, ttlMs: 0 };
    return { hits: row.hits, ttlMs: row.resetAt - now };
  }

  /** Forgets windows that have ended; answers how many. */
  async deleteEnded(now: number): Promise<number> {
    const { orm, t } = this.db;
    return changedRows(await orm.delete(t.rateLimits).where(lte(t.rateLimits.resetAt, now)));
  }
}
